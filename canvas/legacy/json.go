package legacy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Marshal validates the actions and writes their JSON form:
//
//	[{"method":"setFillStyle","data":["red"]},{"method":"fillRect","data":[0,0,10,10]}]
//
// Numbers are written in the shortest form that reads back exactly, so
// Unmarshal(Marshal(a)) replays to the same pixels as a.
func Marshal(actions []Action) ([]byte, error) {
	norm, err := normalize(actions)
	if err != nil {
		return nil, err
	}
	wire := make([]wireAction, len(actions))
	for i, c := range norm {
		data := make([]any, len(c.a))
		for j, v := range c.a {
			switch v := v.(type) {
			case *Gradient:
				data[j] = gradientJSON(v)
			case *Pattern:
				data[j] = wirePattern{Type: "pattern", Data: []string{v.Image, v.Repetition}}
			default:
				data[j] = v
			}
		}
		wire[i] = wireAction{Method: actions[i].Method, Data: data}
	}
	return json.Marshal(wire)
}

type wireAction struct {
	Method string `json:"method"`
	Data   []any  `json:"data"`
}

type wireGradient struct {
	Type      string    `json:"type"`
	Data      []float64 `json:"data"`
	ColorStop [][2]any  `json:"colorStop"`
}

type wirePattern struct {
	Type string   `json:"type"`
	Data []string `json:"data"`
}

func gradientJSON(g *Gradient) wireGradient {
	stops := make([][2]any, len(g.ColorStop))
	for i, s := range g.ColorStop {
		stops[i] = [2]any{s.Offset, s.Color}
	}
	return wireGradient{Type: g.Type, Data: g.Data, ColorStop: stops}
}

// Unmarshal parses an action list and validates it. Every problem is an
// *ActionError naming the index of the action (malformed JSON as a whole is a
// plain error with the byte offset).
func Unmarshal(data []byte) ([]Action, error) {
	var raws []json.RawMessage
	if first(data) != '[' {
		return nil, errors.New("action list: want a JSON array")
	}
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, fmt.Errorf("action list: %w", err)
	}
	actions := make([]Action, len(raws))
	for i, raw := range raws {
		a, err := decodeAction(raw)
		if err != nil {
			return nil, &ActionError{Index: i, Method: a.Method, Err: err}
		}
		actions[i] = a
	}
	if err := Validate(actions); err != nil {
		return nil, err
	}
	return actions, nil
}

// first returns the first non-space byte of a JSON value, which tells its type.
func first(b []byte) byte {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

func jsonTypeName(raw json.RawMessage) string {
	switch c := first(raw); {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "a list"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	}
	return "a number"
}

func strictDecode(raw json.RawMessage, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

func decodeAction(raw json.RawMessage) (Action, error) {
	var w struct {
		Method *string          `json:"method"`
		Data   *json.RawMessage `json:"data"`
	}
	if first(raw) != '{' {
		return Action{}, fmt.Errorf("%w: want an object {\"method\", \"data\"}, got %s", ErrType, jsonTypeName(raw))
	}
	if err := strictDecode(raw, &w); err != nil {
		return Action{}, fmt.Errorf("%w: %v", ErrType, err)
	}
	if w.Method == nil {
		return Action{}, fmt.Errorf("%w: missing \"method\"", ErrType)
	}
	act := Action{Method: *w.Method}
	m, ok := methods[act.Method]
	if !ok {
		return act, fmt.Errorf("%w %q", ErrUnknownMethod, act.Method)
	}
	var raws []json.RawMessage
	if w.Data != nil && first(*w.Data) != 'n' {
		if first(*w.Data) != '[' {
			return act, fmt.Errorf("%w: \"data\" must be a list, got %s", ErrType, jsonTypeName(*w.Data))
		}
		if err := json.Unmarshal(*w.Data, &raws); err != nil {
			return act, fmt.Errorf("%w: %v", ErrType, err)
		}
	}
	if err := m.checkArity(len(raws)); err != nil {
		return act, err
	}
	act.Data = make([]any, len(raws))
	for j, r := range raws {
		p := m.params[j]
		v, err := decodeValue(p.kind, r)
		if err != nil {
			return act, fmt.Errorf("argument %d (%s): %w", j, p.name, err)
		}
		act.Data[j] = v
	}
	return act, nil
}

func decodeValue(k kind, raw json.RawMessage) (any, error) {
	c := first(raw)
	wrong := func() error { return fmt.Errorf("%w: want %s, got %s", ErrType, k, jsonTypeName(raw)) }
	switch k {
	case kNumber:
		return decodeNumber(raw)
	case kBool:
		var b bool
		if (c != 't' && c != 'f') || json.Unmarshal(raw, &b) != nil {
			return nil, wrong()
		}
		return b, nil
	case kString:
		var s string
		if c != '"' || json.Unmarshal(raw, &s) != nil {
			return nil, wrong()
		}
		return s, nil
	case kNumbers:
		if c == 'n' {
			return nil, nil
		}
		if c != '[' {
			return nil, wrong()
		}
		return decodeNumbers(raw)
	case kStyle:
		switch c {
		case '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, wrong()
			}
			return s, nil
		case '{':
			return decodePaint(raw)
		}
		return nil, wrong()
	}
	return nil, wrong()
}

func decodeNumber(raw json.RawMessage) (float64, error) {
	c := first(raw)
	if c != '-' && (c < '0' || c > '9') {
		return 0, fmt.Errorf("%w: want a number, got %s", ErrType, jsonTypeName(raw))
	}
	// raw is one value of an array encoding/json has already checked, so it
	// is a valid JSON number, and strconv reads those exactly as encoding/json
	// does (without its reflection).
	num := bytes.TrimSpace(raw)
	f, err := strconv.ParseFloat(string(num), 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %s is out of range", ErrValue, num)
	}
	return f, nil
}

func decodeNumbers(raw json.RawMessage) ([]float64, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(raw, &raws); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrType, err)
	}
	out := make([]float64, len(raws))
	for i, r := range raws {
		f, err := decodeNumber(r)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		out[i] = f
	}
	return out, nil
}

// decodePaint reads a gradient or pattern object.
func decodePaint(raw json.RawMessage) (any, error) {
	var w struct {
		Type      string            `json:"type"`
		Data      []json.RawMessage `json:"data"`
		ColorStop []json.RawMessage `json:"colorStop"`
	}
	if err := strictDecode(raw, &w); err != nil {
		return nil, fmt.Errorf("%w: style object: %v", ErrType, err)
	}
	switch w.Type {
	case "linear", "radial":
		g := &Gradient{Type: w.Type, Data: make([]float64, len(w.Data))}
		for i, r := range w.Data {
			f, err := decodeNumber(r)
			if err != nil {
				return nil, fmt.Errorf("gradient data %d: %w", i, err)
			}
			g.Data[i] = f
		}
		for i, r := range w.ColorStop {
			var pair []json.RawMessage
			if first(r) != '[' || json.Unmarshal(r, &pair) != nil || len(pair) != 2 {
				return nil, fmt.Errorf("%w: colour stop %d: want [offset, colour]", ErrType, i)
			}
			off, err := decodeNumber(pair[0])
			if err != nil {
				return nil, fmt.Errorf("colour stop %d: %w", i, err)
			}
			var col string
			if first(pair[1]) != '"' || json.Unmarshal(pair[1], &col) != nil {
				return nil, fmt.Errorf("%w: colour stop %d: want a colour string, got %s", ErrType, i, jsonTypeName(pair[1]))
			}
			g.ColorStop = append(g.ColorStop, ColorStop{off, col})
		}
		return g, nil
	case "pattern":
		if w.ColorStop != nil {
			return nil, fmt.Errorf("%w: a pattern has no colorStop", ErrType)
		}
		if len(w.Data) != 2 {
			return nil, fmt.Errorf("%w: pattern data is [image, repetition], got %d values", ErrType, len(w.Data))
		}
		var s [2]string
		for i, r := range w.Data {
			if first(r) != '"' || json.Unmarshal(r, &s[i]) != nil {
				return nil, fmt.Errorf("%w: pattern data %d: want a string, got %s", ErrType, i, jsonTypeName(r))
			}
		}
		return &Pattern{Image: s[0], Repetition: s[1]}, nil
	}
	return nil, fmt.Errorf("%w: style object type %q (want \"linear\", \"radial\" or \"pattern\")", ErrValue, w.Type)
}

// MarshalJSON writes the gradient in the action-list form, so encoding/json
// gives the same JSON as Marshal.
func (g Gradient) MarshalJSON() ([]byte, error) { return json.Marshal(gradientJSON(&g)) }

// MarshalJSON writes the pattern in the action-list form.
func (p Pattern) MarshalJSON() ([]byte, error) {
	return json.Marshal(wirePattern{Type: "pattern", Data: []string{p.Image, p.Repetition}})
}

// MarshalJSON writes the action with "data" always a list.
func (a Action) MarshalJSON() ([]byte, error) {
	data := a.Data
	if data == nil {
		data = []any{}
	}
	return json.Marshal(wireAction{Method: a.Method, Data: data})
}

// UnmarshalJSON reads and validates one action, so that action lists can be
// embedded in larger JSON documents. Unmarshal is preferable for whole lists:
// its errors name the action's index.
func (a *Action) UnmarshalJSON(b []byte) error {
	act, err := decodeAction(b)
	if err == nil {
		_, err = normalizeOne(act)
	}
	if err != nil {
		if act.Method != "" {
			return fmt.Errorf("action %s: %w", act.Method, err)
		}
		return fmt.Errorf("action: %w", err)
	}
	*a = act
	return nil
}
