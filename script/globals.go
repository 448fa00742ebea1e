package script

import (
	"encoding/base64"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/dop251/goja"
)

func (r *Runtime) installGlobals() {
	vm := r.vm
	g := vm.GlobalObject()
	must(g.Set("globalThis", g))

	must(g.Set("setTimeout", func(c goja.FunctionCall) goja.Value { return r.addTimer(c, false) }))
	must(g.Set("setInterval", func(c goja.FunctionCall) goja.Value { return r.addTimer(c, true) }))
	must(g.Set("clearTimeout", r.clearTimer))
	must(g.Set("clearInterval", r.clearTimer))

	// queueMicrotask rides on goja's Promise job queue so microtasks and Promise
	// reactions interleave in the order browsers run them.
	must(g.Set("__mediadReportError", func(v goja.Value) { r.reportCallbackError(v) }))
	_, err := vm.RunProgram(programs().microtask)
	must(err)

	perf := vm.NewObject()
	must(perf.Set("now", func() float64 {
		return float64(time.Since(r.start).Nanoseconds()) / 1e6
	}))
	must(perf.Set("timeOrigin", float64(r.start.UnixNano())/1e6))
	must(g.Set("performance", perf))

	must(g.Set("btoa", r.btoa))
	must(g.Set("atob", r.atob))
	r.installConsole()
	r.installTextCoding()
	r.installDOMException()
}

// builtinPrograms are the JavaScript parts of the globals, compiled once per
// process: goja programs are immutable and can run in any number of runtimes,
// which keeps New cheap for a service that makes one runtime per request.
type builtinPrograms struct {
	microtask, domException, domMatrix, memoryGuard *goja.Program
}

var programs = sync.OnceValue(func() builtinPrograms {
	return builtinPrograms{
		microtask:    goja.MustCompile("queueMicrotask.js", microtaskJS, true),
		domException: goja.MustCompile("DOMException.js", domExceptionJS, true),
		domMatrix:    goja.MustCompile("dommatrix.js", domMatrixJS, false),
		memoryGuard:  goja.MustCompile("memoryGuard.js", memoryGuardJS, true),
	}
})

const microtaskJS = `(function (g) {
		const report = g.__mediadReportError;
		delete g.__mediadReportError;
		const resolved = Promise.resolve();
		Object.defineProperty(g, 'queueMicrotask', {
			writable: true, configurable: true, enumerable: false,
			value: function queueMicrotask(callback) {
				if (typeof callback !== 'function') {
					throw new TypeError("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
				}
				resolved.then(function () {
					try { callback(); } catch (e) { report(e); }
				});
			},
		});
	})(globalThis);`

// domExceptionJS returns the function that builds the class, run when the
// global is first read or a binding first throws one (see lazy.go). Building
// uses only Error and Symbol.toStringTag as they were when the runtime was
// made, whatever the script has done to those globals since.
const domExceptionJS = `(function (g) {
		const Err = Error, toStringTag = Symbol.toStringTag;
		return function install() {
			const codes = {IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4,
				InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8,
				NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
				InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
				TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
				URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
				InvalidNodeTypeError: 24, DataCloneError: 25};
			class DOMException extends Err {
				constructor(message, name) {
					super(message === undefined ? '' : String(message));
					Object.defineProperty(this, 'name', {value: name === undefined ? 'Error' : String(name),
						writable: true, configurable: true, enumerable: false});
				}
				get code() { return codes[this.name] || 0; }
				get [toStringTag]() { return 'DOMException'; }
			}
			return DOMException;
		};
	})(globalThis);`

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// throwDOMException throws a DOMException-like error with the given name
// ("IndexSizeError", "InvalidCharacterError", …), as browser APIs do.
func (r *Runtime) throwDOMException(name, msg string) {
	ctor := r.vm.GlobalObject().Get("DOMException")
	obj, err := r.vm.New(ctor, r.vm.ToValue(msg), r.vm.ToValue(name))
	if err != nil {
		panic(r.vm.NewTypeError(msg))
	}
	panic(obj)
}

// throwTypeError throws a JavaScript TypeError.
func (r *Runtime) throwTypeError(msg string) {
	panic(r.vm.NewTypeError(msg))
}

// throwRangeError throws a JavaScript RangeError.
func (r *Runtime) throwRangeError(msg string) {
	ctor := r.vm.GlobalObject().Get("RangeError")
	obj, err := r.vm.New(ctor, r.vm.ToValue(msg))
	if err != nil {
		panic(r.vm.NewTypeError(msg))
	}
	panic(obj)
}

// installDOMException defines DOMException as a subclass of Error with the legacy
// codes, so `e instanceof DOMException`, `e.name` and `e.code` read as in
// browsers. It is built on first use: most scripts never see one.
func (r *Runtime) installDOMException() {
	v, err := r.vm.RunProgram(programs().domException)
	must(err)
	install, _ := goja.AssertFunction(v)
	r.lazyGlobal("DOMException", func() goja.Value {
		ctor, err := install(goja.Undefined())
		if err != nil {
			panic(err)
		}
		return ctor
	})
}

// btoa follows the HTML spec: every code unit must be Latin-1.
func (r *Runtime) btoa(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		r.throwTypeError("Failed to execute 'btoa': 1 argument required, but only 0 present.")
	}
	s := call.Argument(0).String()
	units := utf16.Encode([]rune(s))
	buf := make([]byte, len(units))
	for i, u := range units {
		if u > 0xFF {
			r.throwDOMException("InvalidCharacterError", "Failed to execute 'btoa': The string to be encoded contains characters outside of the Latin1 range.")
		}
		buf[i] = byte(u)
	}
	return r.vm.ToValue(base64.StdEncoding.EncodeToString(buf))
}

// atob implements the forgiving-base64 decode of the HTML spec.
func (r *Runtime) atob(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		r.throwTypeError("Failed to execute 'atob': 1 argument required, but only 0 present.")
	}
	out, ok := forgivingBase64Decode(call.Argument(0).String())
	if !ok {
		r.throwDOMException("InvalidCharacterError", "Failed to execute 'atob': The string to be decoded is not correctly encoded.")
	}
	// Each byte becomes one code unit (a "binary string").
	units := make([]uint16, len(out))
	for i, b := range out {
		units[i] = uint16(b)
	}
	return r.vm.ToValue(goja.StringFromUTF16(units))
}

func forgivingBase64Decode(s string) ([]byte, bool) {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case ' ', '\t', '\n', '\f', '\r':
			continue
		}
		b.WriteRune(c)
	}
	data := b.String()
	if len(data)%4 == 0 {
		if strings.HasSuffix(data, "==") {
			data = data[:len(data)-2]
		} else if strings.HasSuffix(data, "=") {
			data = data[:len(data)-1]
		}
	}
	if len(data)%4 == 1 {
		return nil, false
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
			return nil, false
		}
	}
	// RawStdEncoding rejects non-zero trailing bits, which the forgiving decoder
	// discards; Strict is off by default, so padding bits are ignored.
	out, err := base64.RawStdEncoding.DecodeString(data)
	if err != nil {
		return nil, false
	}
	return out, true
}
