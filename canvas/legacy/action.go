package legacy

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/seed92233726/mediad/canvas/internal/css"
)

// Action is one recorded CanvasContext call: the method name and its
// arguments in call order. Data holds float64 for numbers (any Go integer or
// float type is accepted on input), string, bool, []float64 for the dash list
// of setLineDash, and *Gradient or *Pattern for styles.
type Action struct {
	Method string `json:"method"`
	Data   []any  `json:"data"`
}

// Gradient is the CanvasGradient of createLinearGradient (Type "linear", Data
// x0, y0, x1, y1) or createCircularGradient (Type "radial", Data x, y, r).
type Gradient struct {
	Type      string
	Data      []float64
	ColorStop []ColorStop
}

// ColorStop is one addColorStop call.
type ColorStop struct {
	Offset float64
	Color  string
}

// AddColorStop appends a stop. Like the browser's, the gradient is live: a
// stop added before Draw also affects the styles already recorded with it.
// Invalid stops are reported when the actions are validated.
func (g *Gradient) AddColorStop(offset float64, color string) {
	g.ColorStop = append(g.ColorStop, ColorStop{offset, color})
}

// Pattern is what createPattern returns: an image path and a repetition
// ("repeat", "repeat-x", "repeat-y" or "no-repeat").
type Pattern struct {
	Image      string
	Repetition string
}

// Errors that errors.Is can test on an *ActionError.
var (
	ErrUnknownMethod = errors.New("unknown method")
	ErrArity         = errors.New("wrong number of arguments")
	ErrType          = errors.New("wrong argument type")
	ErrValue         = errors.New("invalid argument")
)

// ActionError is the error of one action; Index is its position in the list.
type ActionError struct {
	Index  int
	Method string
	Err    error
}

func (e *ActionError) Error() string {
	if e.Method == "" {
		return fmt.Sprintf("action %d: %v", e.Index, e.Err)
	}
	return fmt.Sprintf("action %d (%s): %v", e.Index, e.Method, e.Err)
}

func (e *ActionError) Unwrap() error { return e.Err }

// kind is the type of one parameter.
type kind uint8

const (
	kNumber  kind = iota
	kBool         // JSON true/false
	kString       // any string
	kNumbers      // a list of numbers
	kStyle        // colour string, gradient or pattern
)

func (k kind) String() string {
	return [...]string{"a number", "a boolean", "a string", "a list of numbers", "a colour, gradient or pattern"}[k]
}

type param struct {
	name string
	kind kind
}

// method declares one action: its parameters (the first min are required),
// an optional set of the only allowed argument counts, a value check for
// what the browser throws on, and how it is replayed.
type method struct {
	params  []param
	min     int
	arities []int
	check   func(a args) error
	apply   func(r *replayer, a args) error
}

func nums(names ...string) []param {
	ps := make([]param, len(names))
	for i, n := range names {
		ps[i] = param{n, kNumber}
	}
	return ps
}

func fixed(ps []param, apply func(*replayer, args) error) *method {
	return &method{params: ps, min: len(ps), apply: apply}
}

var (
	pStyle  = []param{{"style", kStyle}}
	pString = func(n string) []param { return []param{{n, kString}} }
	pText   = append([]param{{"text", kString}}, nums("x", "y", "maxWidth")...)
	pMatrix = nums("scaleX", "skewX", "skewY", "scaleY", "translateX", "translateY")
	pRect   = nums("x", "y", "width", "height")
)

// methods is the one declaration of every action; the property forms that
// have a set* twin replay exactly as the twin does.
var methods = map[string]*method{}

func init() {
	def := func(m *method, names ...string) {
		for _, n := range names {
			methods[n] = m
		}
	}
	def(fixed(pStyle, (*replayer).fillStyle), "setFillStyle", "fillStyle")
	def(fixed(pStyle, (*replayer).strokeStyle), "setStrokeStyle", "strokeStyle")
	def(&method{params: append(nums("offsetX", "offsetY", "blur"), param{"color", kString}), min: 3,
		apply: (*replayer).setShadow}, "setShadow")
	def(fixed(nums("offsetX"), (*replayer).shadowOffsetX), "shadowOffsetX")
	def(fixed(nums("offsetY"), (*replayer).shadowOffsetY), "shadowOffsetY")
	def(fixed(nums("blur"), (*replayer).shadowBlur), "shadowBlur")
	def(fixed(pString("color"), (*replayer).shadowColor), "shadowColor")
	def(fixed(nums("fontSize"), (*replayer).setFontSize), "setFontSize")
	def(fixed(pString("font"), (*replayer).font), "font")
	def(fixed(nums("alpha"), (*replayer).globalAlpha), "setGlobalAlpha", "globalAlpha")
	def(fixed(pString("operation"), (*replayer).compositeOp), "globalCompositeOperation")
	def(fixed(pString("lineCap"), (*replayer).lineCap), "setLineCap", "lineCap")
	def(fixed(pString("lineJoin"), (*replayer).lineJoin), "setLineJoin", "lineJoin")
	def(fixed(nums("lineWidth"), (*replayer).lineWidth), "setLineWidth", "lineWidth")
	def(fixed(nums("miterLimit"), (*replayer).miterLimit), "setMiterLimit", "miterLimit")
	def(&method{params: []param{{"pattern", kNumbers}, {"offset", kNumber}}, min: 1,
		apply: (*replayer).setLineDash}, "setLineDash")
	def(fixed(nums("offset"), (*replayer).lineDashOffset), "lineDashOffset")
	def(fixed(pString("align"), (*replayer).textAlign), "setTextAlign", "textAlign")
	def(fixed(pString("textBaseline"), (*replayer).textBaseline), "setTextBaseline", "textBaseline")
	def(fixed(pMatrix, (*replayer).setTransform), "setTransform")
	def(fixed(pMatrix, (*replayer).transform), "transform")
	def(fixed(nums("x", "y"), (*replayer).translate), "translate")
	def(fixed(nums("scaleWidth", "scaleHeight"), (*replayer).scale), "scale")
	def(fixed(nums("rotate"), (*replayer).rotate), "rotate")
	def(fixed(nil, (*replayer).save), "save")
	def(fixed(nil, (*replayer).restore), "restore")
	def(fixed(nil, (*replayer).beginPath), "beginPath")
	def(fixed(nil, (*replayer).closePath), "closePath")
	def(fixed(nil, (*replayer).fill), "fill")
	def(fixed(nil, (*replayer).stroke), "stroke")
	def(fixed(nil, (*replayer).clip), "clip")
	def(fixed(nums("x", "y"), (*replayer).moveTo), "moveTo")
	def(fixed(nums("x", "y"), (*replayer).lineTo), "lineTo")
	def(fixed(nums("cpx", "cpy", "x", "y"), (*replayer).quadraticCurveTo), "quadraticCurveTo")
	def(fixed(nums("cp1x", "cp1y", "cp2x", "cp2y", "x", "y"), (*replayer).bezierCurveTo), "bezierCurveTo")
	def(&method{params: append(nums("x", "y", "r", "sAngle", "eAngle"), param{"counterclockwise", kBool}), min: 5,
		check: radiusAt(2), apply: (*replayer).arc}, "arc")
	def(&method{params: nums("x1", "y1", "x2", "y2", "radius"), min: 5, check: radiusAt(4),
		apply: (*replayer).arcTo}, "arcTo")
	def(fixed(pRect, (*replayer).rect), "rect")
	def(fixed(pRect, (*replayer).fillRect), "fillRect")
	def(fixed(pRect, (*replayer).strokeRect), "strokeRect")
	def(fixed(pRect, (*replayer).clearRect), "clearRect")
	def(&method{params: pText, min: 3, apply: (*replayer).fillText}, "fillText")
	def(&method{params: pText, min: 3, apply: (*replayer).strokeText}, "strokeText")
	// measureText returns a value and draws nothing; a list recorded by a
	// shim that logs every call may still contain it.
	def(fixed(pString("text"), func(*replayer, args) error { return nil }), "measureText")
	def(&method{params: append([]param{{"imageResource", kString}},
		// The first four are the destination in the 3- and 5-argument forms
		// and the source rectangle in the 9-argument one.
		nums("dx|sx", "dy|sy", "dWidth|sWidth", "dHeight|sHeight", "dx", "dy", "dWidth", "dHeight")...),
		arities: []int{3, 5, 9}, apply: (*replayer).drawImage}, "drawImage")
}

// Methods lists every action method name, sorted (for docs and capability
// tables such as wx.canIUse).
func Methods() []string {
	names := make([]string, 0, len(methods))
	for n := range methods {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func radiusAt(i int) func(a args) error {
	return func(a args) error {
		if a.num(i) < 0 {
			return fmt.Errorf("%w: the radius provided (%g) is negative", ErrValue, a.num(i))
		}
		return nil
	}
}

// args are the validated, normalised arguments of one action.
type args []any

func (a args) num(i int) float64 { return a[i].(float64) }
func (a args) str(i int) string  { return a[i].(string) }
func (a args) has(i int) bool    { return i < len(a) }

// Validate checks every action against its declaration and returns the first
// problem as an *ActionError naming the action's index.
func Validate(actions []Action) error {
	_, err := normalize(actions)
	return err
}

// call is a validated action ready to replay.
type call struct {
	name string
	m    *method
	a    args
}

// normalize validates the actions and converts their arguments to the types
// the replay uses (float64, string, bool, []float64, *Gradient, *Pattern).
func normalize(actions []Action) ([]call, error) {
	out := make([]call, len(actions))
	for i, act := range actions {
		a, err := normalizeOne(act)
		if err != nil {
			return nil, &ActionError{Index: i, Method: act.Method, Err: err}
		}
		out[i] = call{act.Method, methods[act.Method], a}
	}
	return out, nil
}

func normalizeOne(act Action) (args, error) {
	m, ok := methods[act.Method]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownMethod, act.Method)
	}
	if err := m.checkArity(len(act.Data)); err != nil {
		return nil, err
	}
	a := make(args, len(act.Data))
	for j, v := range act.Data {
		p := m.params[j]
		nv, err := normalizeValue(p.kind, v)
		if err != nil {
			return nil, fmt.Errorf("argument %d (%s): %w", j, p.name, err)
		}
		a[j] = nv
	}
	if m.check != nil {
		if err := m.check(a); err != nil {
			return nil, err
		}
	}
	return a, nil
}

func (m *method) checkArity(n int) error {
	if m.arities != nil {
		for _, k := range m.arities {
			if n == k {
				return nil
			}
		}
		s := make([]string, len(m.arities))
		for i, k := range m.arities {
			s[i] = fmt.Sprint(k)
		}
		return fmt.Errorf("%w: got %d, want %s", ErrArity, n, strings.Join(s, ", "))
	}
	switch {
	case n < m.min || n > len(m.params):
		if m.min == len(m.params) {
			return fmt.Errorf("%w: got %d, want %d", ErrArity, n, m.min)
		}
		return fmt.Errorf("%w: got %d, want %d to %d", ErrArity, n, m.min, len(m.params))
	}
	return nil
}

// typeName names a Go value the way a JSON user thinks of it.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case float64, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "a number"
	case []any, []float64, []int:
		return "a list"
	case *Gradient, Gradient:
		return "a gradient"
	case *Pattern, Pattern:
		return "a pattern"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func wrongType(k kind, v any) error {
	return fmt.Errorf("%w: want %s, got %s", ErrType, k, typeName(v))
}

func toNumber(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	}
	return 0, false
}

func finiteNumber(v any) (float64, error) {
	f, ok := toNumber(v)
	if !ok {
		return 0, wrongType(kNumber, v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%w: %g is not a finite number", ErrValue, f)
	}
	return f, nil
}

func normalizeValue(k kind, v any) (any, error) {
	switch k {
	case kNumber:
		return finiteNumber(v)
	case kBool:
		b, ok := v.(bool)
		if !ok {
			return nil, wrongType(k, v)
		}
		return b, nil
	case kString:
		s, ok := v.(string)
		if !ok {
			return nil, wrongType(k, v)
		}
		return s, nil
	case kNumbers:
		return numberList(v)
	case kStyle:
		switch s := v.(type) {
		case string:
			return s, nil
		case *Gradient:
			if s == nil {
				return nil, wrongType(k, v)
			}
			return s, s.validate()
		case Gradient:
			return &s, s.validate()
		case *Pattern:
			if s == nil {
				return nil, wrongType(k, v)
			}
			return s, s.validate()
		case Pattern:
			return &s, s.validate()
		}
		return nil, wrongType(k, v)
	}
	panic("legacy: unknown parameter kind")
}

func numberList(v any) ([]float64, error) {
	var out []float64
	switch l := v.(type) {
	case []float64:
		out = make([]float64, len(l))
		for i, f := range l {
			n, err := finiteNumber(f)
			if err != nil {
				return nil, fmt.Errorf("element %d: %w", i, err)
			}
			out[i] = n
		}
	case []int:
		out = make([]float64, len(l))
		for i, n := range l {
			out[i] = float64(n)
		}
	case []any:
		out = make([]float64, len(l))
		for i, e := range l {
			n, err := finiteNumber(e)
			if err != nil {
				return nil, fmt.Errorf("element %d: %w", i, err)
			}
			out[i] = n
		}
	case nil:
		// setLineDash(null) in the phone's runtime means no dashes.
		return []float64{}, nil
	default:
		return nil, wrongType(kNumbers, v)
	}
	return out, nil
}

// validate reports what createLinearGradient, createCircularGradient and
// addColorStop would throw on in the browser.
func (g *Gradient) validate() error {
	want := map[string]int{"linear": 4, "radial": 3}[g.Type]
	if want == 0 {
		return fmt.Errorf("%w: gradient type %q (want \"linear\" or \"radial\")", ErrValue, g.Type)
	}
	if len(g.Data) != want {
		return fmt.Errorf("%w: a %s gradient has %d numbers in data, got %d", ErrValue, g.Type, want, len(g.Data))
	}
	for i, f := range g.Data {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%w: gradient data %d: %g is not a finite number", ErrValue, i, f)
		}
	}
	if g.Type == "radial" && g.Data[2] < 0 {
		return fmt.Errorf("%w: gradient radius %g is negative", ErrValue, g.Data[2])
	}
	for i, s := range g.ColorStop {
		if !(s.Offset >= 0 && s.Offset <= 1) {
			return fmt.Errorf("%w: colour stop %d: offset %g is outside [0, 1]", ErrValue, i, s.Offset)
		}
		if _, ok := css.ParseColor(s.Color); !ok {
			return fmt.Errorf("%w: colour stop %d: %q is not a colour", ErrValue, i, s.Color)
		}
	}
	return nil
}

var repetitions = map[string]bool{"repeat": true, "repeat-x": true, "repeat-y": true, "no-repeat": true}

func (p *Pattern) validate() error {
	if p.Image == "" {
		return fmt.Errorf("%w: pattern without an image path", ErrValue)
	}
	if !repetitions[p.Repetition] {
		return fmt.Errorf("%w: pattern repetition %q is not one of repeat, repeat-x, repeat-y, no-repeat", ErrValue, p.Repetition)
	}
	return nil
}
