package script

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
)

// The helpers below convert JavaScript values the way WebIDL does for the
// browser APIs we mirror, and raise the same exceptions with Chromium's wording.

// need throws the TypeError browsers throw when a call has too few arguments.
func (r *Runtime) need(call goja.FunctionCall, n int, iface, method string) {
	if len(call.Arguments) < n {
		plural := "s"
		if n == 1 {
			plural = ""
		}
		r.throwTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': %d argument%s required, but only %d present.",
			method, iface, n, plural, len(call.Arguments)))
	}
}

// double is WebIDL "unrestricted double": ToNumber, NaN and infinities allowed.
func double(v goja.Value) float64 {
	if v == nil {
		return math.NaN()
	}
	return v.ToFloat()
}

// finiteDouble is WebIDL "double": non-finite values throw a TypeError.
func (r *Runtime) finiteDouble(v goja.Value, iface, method string) float64 {
	f := double(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		r.throwTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': The provided double value is non-finite.", method, iface))
	}
	return f
}

// enforceLong is WebIDL "[EnforceRange] long": non-finite or out-of-range values
// throw a TypeError; the rest truncate toward zero.
func (r *Runtime) enforceLong(v goja.Value, iface, method string) int {
	f := double(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		r.throwTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': Value is not of type 'long'.", method, iface))
	}
	f = math.Trunc(f)
	if f < math.MinInt32 || f > math.MaxInt32 {
		r.throwTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': Value is outside the 'long' value range.", method, iface))
	}
	return int(f)
}

// enforceUnsigned is "[EnforceRange] unsigned long" (canvas and ImageData sizes).
func (r *Runtime) enforceUnsigned(v goja.Value, iface, method string) int {
	f := double(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		r.throwTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': Value is not of type 'unsigned long'.", method, iface))
	}
	f = math.Trunc(f)
	if f < 0 || f > math.MaxUint32 {
		r.throwTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': Value is outside the 'unsigned long' value range.", method, iface))
	}
	return int(f)
}

// str is WebIDL DOMString: ToString (null becomes "null"); a Symbol throws a
// TypeError, as in browsers.
func (r *Runtime) str(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if _, ok := v.(*goja.Symbol); ok {
		r.throwTypeError("Cannot convert a Symbol value to a string")
	}
	return v.String()
}

// absent reports whether an optional argument was not given.
func absent(v goja.Value) bool { return v == nil || goja.IsUndefined(v) }

// throwCanvasError raises err from package canvas as the exception the browser
// throws: DOMExceptions by name, TypeError and RangeError as such.
func (r *Runtime) throwCanvasError(err error, iface, method string) {
	r.throwAs(err, fmt.Sprintf("Failed to execute '%s' on '%s': %s", method, iface, errorSentence(err)))
}

// errorSentence is err's message without the sentinel prefix, as a sentence.
func errorSentence(err error) string {
	msg := err.Error()
	for _, s := range []error{canvas.ErrIndexSize, canvas.ErrNotSupported, canvas.ErrInvalidState, canvas.ErrSyntax, canvas.ErrType, canvas.ErrRange} {
		msg = strings.TrimPrefix(msg, s.Error()+": ")
	}
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
		if !strings.HasSuffix(msg, ".") {
			msg += "."
		}
	}
	return msg
}

// throwAs throws msg with the exception type err's sentinel stands for.
func (r *Runtime) throwAs(err error, msg string) {
	switch {
	case errors.Is(err, canvas.ErrIndexSize):
		r.throwDOMException("IndexSizeError", msg)
	case errors.Is(err, canvas.ErrNotSupported):
		r.throwDOMException("NotSupportedError", msg)
	case errors.Is(err, canvas.ErrInvalidState):
		r.throwDOMException("InvalidStateError", msg)
	case errors.Is(err, canvas.ErrSyntax):
		r.throwDOMException("SyntaxError", msg)
	case errors.Is(err, canvas.ErrType):
		r.throwTypeError(msg)
	case errors.Is(err, canvas.ErrRange):
		r.throwRangeError(msg)
	}
	panic(r.vm.NewGoError(errors.New(msg)))
}

// check throws err (if any) as throwCanvasError does.
func (r *Runtime) check(err error, iface, method string) {
	if err != nil {
		r.throwCanvasError(err, iface, method)
	}
}

// matrixInit reads a DOMMatrix2DInit dictionary (a DOMMatrix qualifies: it has
// the same members). Undefined or null mean the identity.
func (r *Runtime) matrixInit(v goja.Value, iface, method string) canvas.Matrix {
	if absent(v) || goja.IsNull(v) {
		return canvas.IdentityMatrix
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		r.throwTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': The provided value is not of type 'DOMMatrix2DInit'.", method, iface))
	}
	num := func(name string) *float64 {
		m := obj.Get(name)
		if absent(m) {
			return nil
		}
		f := m.ToFloat()
		return &f
	}
	var in canvas.MatrixInit
	in.A, in.B, in.C, in.D, in.E, in.F = num("a"), num("b"), num("c"), num("d"), num("e"), num("f")
	in.M11, in.M12, in.M21, in.M22, in.M41, in.M42 = num("m11"), num("m12"), num("m21"), num("m22"), num("m41"), num("m42")
	in.M13, in.M14, in.M23, in.M24, in.M31, in.M32 = num("m13"), num("m14"), num("m23"), num("m24"), num("m31"), num("m32")
	in.M33, in.M34, in.M43, in.M44 = num("m33"), num("m34"), num("m43"), num("m44")
	if b := obj.Get("is2D"); !absent(b) {
		v := b.ToBoolean()
		in.Is2D = &v
	}
	m, err := in.Matrix()
	r.check(err, iface, method)
	return m
}

// sequence converts an iterable to a slice of values (WebIDL sequence<T>); other
// values throw a TypeError.
func (r *Runtime) sequence(v goja.Value, iface, method string) []goja.Value {
	obj, ok := v.(*goja.Object)
	if ok {
		if it := obj.GetSymbol(goja.SymIterator); it != nil && !goja.IsUndefined(it) {
			var out []goja.Value
			arr := r.arrayFrom(obj)
			n := int(arr.Get("length").ToInteger())
			out = make([]goja.Value, n)
			for i := 0; i < n; i++ {
				out[i] = arr.Get(strconv.Itoa(i))
			}
			return out
		}
	}
	r.throwTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': The provided value cannot be converted to a sequence.", method, iface))
	return nil
}

func (r *Runtime) arrayFrom(obj *goja.Object) *goja.Object {
	from, _ := goja.AssertFunction(r.vm.GlobalObject().Get("Array").ToObject(r.vm).Get("from"))
	res, err := from(goja.Undefined(), obj)
	if err != nil {
		panic(err)
	}
	return res.ToObject(r.vm)
}
