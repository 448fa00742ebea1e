package script

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

func (r *Runtime) installConsole() {
	c := r.vm.NewObject()
	und := goja.Undefined()
	indent := ""
	write := func(w io.Writer, line string) {
		if indent != "" {
			line = indent + strings.ReplaceAll(line, "\n", "\n"+indent)
		}
		io.WriteString(w, line+"\n")
	}
	out := func(w io.Writer) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			write(w, r.format(call.Arguments))
			return und
		}
	}
	for _, name := range []string{"log", "info", "debug", "dir", "table"} {
		must(c.Set(name, out(r.stdout)))
	}
	for _, name := range []string{"warn", "error"} {
		must(c.Set(name, out(r.stderr)))
	}
	must(c.Set("trace", func(call goja.FunctionCall) goja.Value {
		// Node prints "Trace: msg" and the stack to stderr.
		frames := r.vm.CaptureCallStack(0, nil)
		if len(frames) > 0 {
			frames = frames[1:] // console.trace itself
		}
		write(r.stderr, "Trace: "+r.format(call.Arguments)+formatFrames(frames))
		return und
	}))
	must(c.Set("assert", func(call goja.FunctionCall) goja.Value {
		if call.Argument(0).ToBoolean() {
			return und
		}
		line := "Assertion failed"
		if len(call.Arguments) > 1 {
			line += ": " + r.format(call.Arguments[1:])
		}
		write(r.stderr, line)
		return und
	}))
	label := func(call goja.FunctionCall) string {
		if absent(call.Argument(0)) {
			return "default"
		}
		return r.str(call.Argument(0))
	}
	counts := map[string]int{}
	must(c.Set("count", func(call goja.FunctionCall) goja.Value {
		l := label(call)
		counts[l]++
		write(r.stdout, fmt.Sprintf("%s: %d", l, counts[l]))
		return und
	}))
	must(c.Set("countReset", func(call goja.FunctionCall) goja.Value { delete(counts, label(call)); return und }))
	timers := map[string]float64{}
	now := func() float64 { return float64(time.Since(r.start).Nanoseconds()) / 1e6 }
	must(c.Set("time", func(call goja.FunctionCall) goja.Value {
		l := label(call)
		if _, ok := timers[l]; ok {
			write(r.stderr, fmt.Sprintf("Warning: Label '%s' already exists for console.time()", l))
			return und
		}
		timers[l] = now()
		return und
	}))
	elapsed := func(call goja.FunctionCall, end bool) goja.Value {
		l := label(call)
		start, ok := timers[l]
		if !ok {
			write(r.stderr, fmt.Sprintf("Warning: No such label '%s' for console.time%s()", l, map[bool]string{true: "End", false: "Log"}[end]))
			return und
		}
		line := fmt.Sprintf("%s: %.3fms", l, now()-start)
		if !end && len(call.Arguments) > 1 {
			line += " " + r.format(call.Arguments[1:])
		}
		if end {
			delete(timers, l)
		}
		write(r.stdout, line)
		return und
	}
	must(c.Set("timeLog", func(call goja.FunctionCall) goja.Value { return elapsed(call, false) }))
	must(c.Set("timeEnd", func(call goja.FunctionCall) goja.Value { return elapsed(call, true) }))
	group := func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) > 0 {
			write(r.stdout, r.format(call.Arguments))
		}
		indent += "  "
		return und
	}
	must(c.Set("group", group))
	must(c.Set("groupCollapsed", group))
	must(c.Set("groupEnd", func(goja.FunctionCall) goja.Value {
		if len(indent) >= 2 {
			indent = indent[2:]
		}
		return und
	}))
	must(r.vm.GlobalObject().Set("console", c))
}

// format renders console arguments the way Node does: printf-style substitutions
// when the first argument is a string, then every other argument inspected and
// separated by spaces.
func (r *Runtime) format(args []goja.Value) string {
	if len(args) == 0 {
		return ""
	}
	var b strings.Builder
	rest := args
	if s, ok := args[0].Export().(string); ok {
		rest = args[1:]
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c != '%' || i+1 == len(s) {
				b.WriteByte(c)
				continue
			}
			verb := s[i+1]
			if verb == '%' {
				b.WriteByte('%')
				i++
				continue
			}
			if !strings.ContainsRune("sdifoOjc", rune(verb)) || len(rest) == 0 {
				b.WriteByte(c)
				continue
			}
			arg := rest[0]
			rest = rest[1:]
			i++
			switch verb {
			case 's':
				if o, ok := arg.(*goja.Object); ok {
					b.WriteString(inspect(r.vm, o, 1, nil))
				} else {
					b.WriteString(arg.String())
				}
			case 'd', 'i':
				f := arg.ToFloat()
				if verb == 'i' {
					f = math.Trunc(f)
				}
				b.WriteString(r.vm.ToValue(f).String())
			case 'f':
				b.WriteString(r.vm.ToValue(arg.ToFloat()).String())
			case 'o', 'O', 'j':
				b.WriteString(inspect(r.vm, arg, 0, nil))
			case 'c': // CSS has no meaning on a terminal
			}
		}
	} else {
		b.WriteString(inspectTop(r.vm, args[0]))
		rest = args[1:]
	}
	for _, a := range rest {
		b.WriteByte(' ')
		b.WriteString(inspectTop(r.vm, a))
	}
	return b.String()
}

func inspectTop(vm *goja.Runtime, v goja.Value) string {
	if s, ok := v.Export().(string); ok {
		if _, isObj := v.(*goja.Object); !isObj {
			return s
		}
	}
	return inspect(vm, v, 0, nil)
}

const inspectMaxDepth = 2
const inspectMaxItems = 100

// inspect renders a value for the console (Node's util.inspect in miniature). It
// never calls user code except through Error's message/stack properties.
func inspect(vm *goja.Runtime, v goja.Value, depth int, seen []*goja.Object) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		switch x := v.Export().(type) {
		case string:
			return "'" + strings.ReplaceAll(x, "'", "\\'") + "'"
		}
		return v.String()
	}
	for _, s := range seen {
		if s == obj {
			return "[Circular]"
		}
	}
	seen = append(seen, obj)
	class := obj.ClassName()
	ctorName := ""
	if ctor, ok := obj.Get("constructor").(*goja.Object); ok {
		if n := ctor.Get("name"); n != nil {
			ctorName = n.String()
		}
	}
	switch class {
	case "Function":
		name := ""
		if n := obj.Get("name"); n != nil {
			name = n.String()
		}
		if name == "" {
			return "[Function (anonymous)]"
		}
		return "[Function: " + name + "]"
	case "Error":
		if st := obj.Get("stack"); st != nil && !goja.IsUndefined(st) {
			s := cleanStack(st.String())
			msg := safeString(vm, obj)
			if !strings.HasPrefix(s, msg) {
				s = msg + "\n" + s
			}
			return strings.TrimRight(s, "\n")
		}
		return safeString(vm, obj)
	case "Date", "RegExp":
		return safeString(vm, obj)
	case "Array":
		if depth > inspectMaxDepth {
			return "[Array]"
		}
		n := int(obj.Get("length").ToInteger())
		items := make([]string, 0, min(n, inspectMaxItems))
		for i := 0; i < n && i < inspectMaxItems; i++ {
			items = append(items, inspect(vm, obj.Get(strconv.Itoa(i)), depth+1, seen))
		}
		if n > inspectMaxItems {
			items = append(items, fmt.Sprintf("... %d more items", n-inspectMaxItems))
		}
		return bracket("[", "]", items)
	}
	if isTypedArray(ctorName) {
		n := int(obj.Get("length").ToInteger())
		items := make([]string, 0, min(n, inspectMaxItems))
		for i := 0; i < n && i < inspectMaxItems; i++ {
			items = append(items, obj.Get(strconv.Itoa(i)).String())
		}
		if n > inspectMaxItems {
			items = append(items, fmt.Sprintf("... %d more items", n-inspectMaxItems))
		}
		return fmt.Sprintf("%s(%d) ", ctorName, n) + bracket("[", "]", items)
	}
	if depth > inspectMaxDepth {
		return "[Object]"
	}
	keys := obj.Keys()
	items := make([]string, 0, len(keys))
	for _, k := range keys {
		items = append(items, propertyKey(k)+": "+inspect(vm, obj.Get(k), depth+1, seen))
	}
	if hostInterfaces[ctorName] && len(keys) == 0 {
		items = append(items, hostAttributes(vm, obj, depth, seen)...)
	}
	prefix := ""
	if ctorName != "" && ctorName != "Object" {
		prefix = ctorName + " "
	}
	if len(items) == 0 {
		return prefix + "{}"
	}
	return prefix + bracket("{", "}", items)
}

func bracket(open, close string, items []string) string {
	if len(items) == 0 {
		return open + close
	}
	return open + " " + strings.Join(items, ", ") + " " + close
}

func isTypedArray(name string) bool {
	switch name {
	case "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
		"Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array":
		return true
	}
	return false
}

func propertyKey(k string) string {
	if k == "" {
		return "''"
	}
	for i, c := range k {
		if !(c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return "'" + k + "'"
		}
	}
	return k
}

// hostInterfaces are the interfaces whose state lives in prototype accessors (as
// in browsers); the console shows those attributes, as DevTools does.
var hostInterfaces = map[string]bool{
	"OffscreenCanvas": true, "CanvasRenderingContext2D": true, "ImageData": true,
	"DOMMatrix": true, "DOMMatrixReadOnly": true, "DOMPoint": true, "DOMPointReadOnly": true,
	"TextDecoder": true, "TextEncoder": true, "TextMetrics": true,
}

func hostAttributes(vm *goja.Runtime, obj *goja.Object, depth int, seen []*goja.Object) []string {
	proto := obj.Prototype()
	var items []string
	for proto != nil && proto != vm.GlobalObject().Get("Object").ToObject(vm).Get("prototype") {
		for _, k := range proto.Keys() {
			var v goja.Value
			if vm.Try(func() { v = obj.Get(k) }) != nil {
				continue
			}
			if _, isFn := goja.AssertFunction(v); isFn {
				continue
			}
			items = append(items, propertyKey(k)+": "+inspect(vm, v, depth+1, seen))
		}
		proto = proto.Prototype()
	}
	return items
}
