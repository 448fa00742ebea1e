package script

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"time"
	"unsafe"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/audio"
)

// The WebAudio binding. Package audio names its types and methods after the
// Web Audio API, so the binding is derived from the Go types by reflection:
// X() is the attribute x, SetX(v) its setter, every other method a method;
// optional trailing arguments are Go variadics. Only connect / disconnect are
// written by hand (one JavaScript name, several Go methods). AudioBuffer's
// getChannelData is a Float32Array over the Go samples themselves.

// audioSkip are Go methods that have no place in the script API.
var audioSkip = map[string]bool{
	"Context": true, "Connect": true, "ConnectParam": true, "Disconnect": true, "DisconnectOutput": true,
	"DisconnectNode": true, "DisconnectParam": true, "Do": true, "CurrentFrame": true,
	"CreateInnerAudioContext": true, "CreateMediaAudioPlayer": true, "CreateScriptProcessor": true,
	"Suspend": true, "Resume": true, "StartRendering": true, "DecodeAudioData": true, "GetChannelData": true,
	"SetOnEnded": true, "CopyFromChannel": true, "CopyToChannel": true, "Read": true, "Close": true,
}

type audioBinder struct {
	r      *Runtime
	protos map[reflect.Type]*goja.Object
	// ctors are the standard constructors by the Go type of their instances;
	// each is made when its global or its prototype is first needed.
	ctors  map[reflect.Type]*audioCtor
	values *weakTable[any]
	ids    *identityTable[any]
	// streams are the run's AudioContexts.
	streams []*streamBinding
	// inners are the run's InnerAudioContexts; tick wakes the loop while one
	// plays, tickGen tells the ticks of earlier runs apart.
	inners  []*innerBinding
	tick    *time.Timer
	tickGen int
}

func (r *Runtime) installAudio() {
	ab := &audioBinder{r: r, protos: map[reflect.Type]*goja.Object{}, ctors: map[reflect.Type]*audioCtor{}, values: newWeakTable[any](), ids: newIdentityTable[any]()}
	r.audio = ab
	construct := func(call goja.ConstructorCall) *goja.Object {
		channels, length, rate := 1, 0, 0.0
		if o, ok := call.Argument(0).(*goja.Object); ok {
			if v := o.Get("numberOfChannels"); !absent(v) {
				channels = int(v.ToInteger())
			}
			length, rate = int(o.Get("length").ToInteger()), o.Get("sampleRate").ToFloat()
		} else {
			r.need(goja.FunctionCall{Arguments: call.Arguments}, 3, "OfflineAudioContext", "constructor")
			channels, length, rate = int(call.Argument(0).ToInteger()), int(call.Argument(1).ToInteger()), call.Argument(2).ToFloat()
		}
		if channels < 1 || channels > 32 || length < 1 || length > 1<<28 {
			r.throwDOMException("NotSupportedError", fmt.Sprintf("Failed to construct 'OfflineAudioContext': %d channels of %d frames are not supported.", channels, length))
		}
		r.reserve(4 * int64(channels) * int64(length))
		c, err := audio.NewOfflineContext(channels, length, rate)
		if err != nil {
			ab.throw(err, "Failed to construct 'OfflineAudioContext'")
		}
		obj := ab.wrap(reflect.ValueOf(c)).(*goja.Object)
		return obj
	}
	r.lazyGlobal("OfflineAudioContext", func() goja.Value {
		ctor := r.vm.ToValue(construct).(*goja.Object)
		must(ctor.Set("prototype", ab.proto(reflect.TypeOf(&audio.OfflineContext{}))))
		return ctor
	})
	r.interfaces = append(r.interfaces, "OfflineAudioContext")
	r.installAudioConstructors()
	r.installWebAudioContext(r.vm.GlobalObject().Get("wx").(*goja.Object))
	r.installInnerAudio(r.vm.GlobalObject().Get("wx").(*goja.Object))
}

// throw raises an audio error as the exception its sentinel names.
func (ab *audioBinder) throw(err error, what string) {
	r := ab.r
	msg := what + ": " + strings.TrimPrefix(err.Error(), "audio: ")
	for _, s := range []error{audio.ErrNotSupported, audio.ErrIndexSize, audio.ErrInvalidState, audio.ErrInvalidAccess, audio.ErrDecode} {
		if errors.Is(err, s) {
			r.throwDOMException(s.Error(), msg)
		}
	}
	if errors.Is(err, audio.ErrRange) {
		r.throwRangeError(msg)
	}
	r.throwTypeError(msg)
}

// wrap returns the one JavaScript object for a Go value (pointers keep their
// identity: node.gain === node.gain), or the JavaScript form of a plain value.
func (ab *audioBinder) wrap(v reflect.Value) goja.Value {
	r := ab.r
	if !v.IsValid() {
		return goja.Undefined()
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return goja.Null()
		}
		key := v.Interface()
		if obj := ab.ids.get(key); obj != nil {
			return obj
		}
		obj := r.vm.NewObject()
		must(obj.SetPrototype(ab.proto(v.Type())))
		ab.values.put(obj, key)
		ab.ids.put(key, obj)
		return obj
	}
	switch v.Kind() {
	case reflect.String:
		return r.vm.ToValue(v.String())
	case reflect.Float32, reflect.Float64:
		return r.vm.ToValue(v.Float())
	case reflect.Int, reflect.Int64, reflect.Int32:
		return r.vm.ToValue(v.Int())
	case reflect.Bool:
		return r.vm.ToValue(v.Bool())
	case reflect.Slice:
		items := make([]any, v.Len())
		for i := range items {
			items[i] = ab.wrap(v.Index(i))
		}
		return r.vm.NewArray(items...)
	}
	return r.vm.ToValue(v.Interface())
}

// unwrap converts a JavaScript value to Go type t.
func (ab *audioBinder) unwrap(v goja.Value, t reflect.Type) (reflect.Value, bool) {
	r := ab.r
	switch t.Kind() {
	case reflect.Float64, reflect.Float32, reflect.Int, reflect.Int64, reflect.Int32:
		if absent(v) {
			// Optional numbers (start(when = 0) …) default to 0.
			return reflect.Zero(t), true
		}
	}
	switch t.Kind() {
	case reflect.Float64, reflect.Float32:
		return reflect.ValueOf(double(v)).Convert(t), true
	case reflect.Int, reflect.Int64, reflect.Int32:
		f := double(v)
		if f != f || f > 1<<31 || f < -(1<<31) {
			f = 0
		}
		return reflect.ValueOf(int64(f)).Convert(t), true
	case reflect.Bool:
		return reflect.ValueOf(v != nil && v.ToBoolean()), true
	case reflect.String:
		return reflect.ValueOf(r.str(v)).Convert(t), true
	case reflect.Slice:
		obj, ok := v.(*goja.Object)
		if !ok {
			return reflect.Value{}, false
		}
		if e := obj.Export(); reflect.TypeOf(e) == t {
			// A typed array of the element type: the Go slice shares its
			// memory, so getFloatTimeDomainData(arr) … fill arr itself.
			return reflect.ValueOf(e), true
		}
		items := r.sequence(obj, "AudioContext", "argument")
		out := reflect.MakeSlice(t, len(items), len(items))
		for i, it := range items {
			e, ok := ab.unwrap(it, t.Elem())
			if !ok {
				return reflect.Value{}, false
			}
			out.Index(i).Set(e)
		}
		return out, true
	case reflect.Pointer, reflect.Interface:
		if absent(v) || goja.IsNull(v) {
			return reflect.Zero(t), true
		}
		if obj, ok := v.(*goja.Object); ok {
			if g, ok := ab.values.get(obj); ok && reflect.TypeOf(g).AssignableTo(t) {
				return reflect.ValueOf(g), true
			}
		}
	}
	return reflect.Value{}, false
}

// proto builds (once per Go type) the prototype with the type's attributes and
// methods.
func (ab *audioBinder) proto(t reflect.Type) *goja.Object {
	if p, ok := ab.protos[t]; ok {
		return p
	}
	r := ab.r
	p := r.vm.NewObject()
	ab.protos[t] = p
	self := func(this goja.Value) reflect.Value {
		if obj, ok := this.(*goja.Object); ok {
			if g, ok := ab.values.get(obj); ok && reflect.TypeOf(g) == t {
				return reflect.ValueOf(g)
			}
		}
		r.throwTypeError("Illegal invocation")
		return reflect.Value{}
	}
	lower := jsName
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		if audioSkip[m.Name] {
			continue
		}
		if g, isSetter := strings.CutPrefix(m.Name, "Set"); isSetter {
			if gm, ok := t.MethodByName(g); ok && gm.Type.NumIn() == 1 && m.Type.NumIn() == 2 {
				continue // bound as the attribute's setter
			}
		}
		fn := m.Func
		ins := m.Type.NumIn() - 1
		if ins == 0 && m.Type.NumOut() >= 1 && m.Type.Out(0) != reflect.TypeOf((*error)(nil)).Elem() && !strings.HasPrefix(m.Name, "Create") {
			// An attribute, with its setter when there is one.
			get := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
				return ab.results(ab.call(fn, []reflect.Value{self(call.This)}), m.Name)
			})
			var set goja.Value
			if sm, ok := t.MethodByName("Set" + m.Name); ok && sm.Type.NumIn() == 2 {
				sfn, st := sm.Func, sm.Type.In(1)
				set = r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
					arg, ok := ab.unwrap(call.Argument(0), st)
					if !ok {
						r.throwTypeError(fmt.Sprintf("Failed to set the '%s' property: the value is not of the right type.", lower(m.Name)))
					}
					ab.results(ab.call(sfn, []reflect.Value{self(call.This), arg}), m.Name)
					return goja.Undefined()
				})
			}
			must(p.DefineAccessorProperty(lower(m.Name), get, set, goja.FLAG_TRUE, goja.FLAG_TRUE))
			continue
		}
		mt := m.Type
		name := m.Name
		must(p.Set(lower(name), func(call goja.FunctionCall) goja.Value {
			args := []reflect.Value{self(call.This)}
			fixed := ins
			if mt.IsVariadic() {
				fixed--
			}
			for j := 0; j < fixed; j++ {
				a, ok := ab.unwrap(call.Argument(j), mt.In(j+1))
				if !ok {
					r.throwTypeError(fmt.Sprintf("Failed to execute '%s': parameter %d is not of the right type.", lower(name), j+1))
				}
				args = append(args, a)
			}
			if mt.IsVariadic() {
				et := mt.In(ins).Elem()
				for j := fixed; j < len(call.Arguments) && j < fixed+8 && !absent(call.Arguments[j]); j++ {
					a, ok := ab.unwrap(call.Arguments[j], et)
					if !ok {
						r.throwTypeError(fmt.Sprintf("Failed to execute '%s': parameter %d is not of the right type.", lower(name), j+1))
					}
					args = append(args, a)
				}
			}
			if name == "CreateBuffer" && len(args) == 4 {
				// The one allocation a script sizes directly (up to
				// audio.MaxBufferSamples): charged before it is made.
				r.reserve(4 * args[1].Int() * args[2].Int())
			}
			return ab.results(ab.call(fn, args), name)
		}))
	}
	if t.Implements(reflect.TypeOf((*audio.AudioNode)(nil)).Elem()) {
		ab.nodeMethods(p, t, self)
	}
	switch t {
	case reflect.TypeOf(&audio.OfflineContext{}):
		ab.contextMethods(p, self)
		ab.decodeMethod(p, self)
		ab.processorFactory(p, func(this goja.Value) *audio.BaseContext {
			return self(this).Interface().(*audio.OfflineContext).BaseContext
		})
	case reflect.TypeOf(&audio.StreamContext{}):
		ab.streamMethods(p, self)
		ab.decodeMethod(p, self)
		ab.processorFactory(p, func(this goja.Value) *audio.BaseContext {
			return self(this).Interface().(*audio.StreamContext).BaseContext
		})
	case reflect.TypeOf(&audio.ScriptProcessorNode{}):
		ab.processorMethods(p, self)
	case reflect.TypeOf(&audio.AudioBuffer{}):
		must(p.Set("getChannelData", func(call goja.FunctionCall) goja.Value {
			b := self(call.This).Interface().(*audio.AudioBuffer)
			data, err := b.GetChannelData(int(call.Argument(0).ToInteger()))
			if err != nil {
				ab.throw(err, "Failed to execute 'getChannelData' on 'AudioBuffer'")
			}
			return ab.float32Array(data)
		}))
	}
	if _, ok := ab.ctors[t]; ok {
		ab.link(ab.constructor(t), p)
	}
	return p
}

// results turns Go results into the JavaScript return value; a non-nil error
// is thrown.
func (ab *audioBinder) results(out []reflect.Value, name string) goja.Value {
	if n := len(out); n > 0 {
		if err, ok := out[n-1].Interface().(error); ok && err != nil {
			ab.throw(err, fmt.Sprintf("Failed to execute '%s'", name))
		}
		if out[n-1].Type() == reflect.TypeOf((*error)(nil)).Elem() {
			out = out[:n-1]
		}
	}
	if len(out) == 0 {
		return goja.Undefined()
	}
	return ab.wrap(out[0])
}

// float32Array is a Float32Array over data itself.
func (ab *audioBinder) float32Array(data []float32) goja.Value {
	r := ab.r
	var bytes []byte
	if len(data) > 0 {
		bytes = unsafe.Slice((*byte)(unsafe.Pointer(&data[0])), 4*len(data))
	}
	arr, err := r.vm.New(r.vm.GlobalObject().Get("Float32Array"), r.vm.ToValue(r.vm.NewArrayBuffer(bytes)))
	must(err)
	return arr
}

// nodeMethods adds connect and disconnect, which dispatch on their argument
// as the Web Audio overloads do.
func (ab *audioBinder) nodeMethods(p *goja.Object, t reflect.Type, self func(goja.Value) reflect.Value) {
	r := ab.r
	ints := func(args []goja.Value) []int {
		var out []int
		for _, a := range args {
			if !absent(a) {
				out = append(out, int(a.ToInteger()))
			}
		}
		return out
	}
	must(p.Set("connect", func(call goja.FunctionCall) goja.Value {
		n := self(call.This).Interface().(audio.AudioNode)
		dst := call.Argument(0)
		if pv, ok := ab.unwrap(dst, reflect.TypeOf(&audio.AudioParam{})); ok && !pv.IsNil() {
			ab.check(callNode(n, "ConnectParam", pv.Interface(), ints(call.Arguments[1:])), "connect")
			return goja.Undefined()
		}
		nv, ok := ab.unwrap(dst, reflect.TypeOf((*audio.AudioNode)(nil)).Elem())
		if !ok || nv.IsNil() {
			r.throwTypeError("Failed to execute 'connect' on 'AudioNode': parameter 1 is not an AudioNode or AudioParam.")
		}
		ab.check(callNode(n, "Connect", nv.Interface(), ints(call.Arguments[1:])), "connect")
		return dst
	}))
	must(p.Set("disconnect", func(call goja.FunctionCall) goja.Value {
		n := self(call.This).Interface().(audio.AudioNode)
		if len(call.Arguments) == 0 || absent(call.Argument(0)) {
			callNode(n, "Disconnect", nil, nil)
			return goja.Undefined()
		}
		dst := call.Argument(0)
		if pv, ok := ab.unwrap(dst, reflect.TypeOf(&audio.AudioParam{})); ok && !pv.IsNil() {
			ab.check(callNode(n, "DisconnectParam", pv.Interface(), ints(call.Arguments[1:])), "disconnect")
		} else if nv, ok := ab.unwrap(dst, reflect.TypeOf((*audio.AudioNode)(nil)).Elem()); ok && !nv.IsNil() {
			ab.check(callNode(n, "DisconnectNode", nv.Interface(), ints(call.Arguments[1:])), "disconnect")
		} else {
			ab.check(callNode(n, "DisconnectOutput", int(dst.ToInteger()), nil), "disconnect")
		}
		return goja.Undefined()
	}))
	if _, ok := t.MethodByName("SetOnEnded"); ok {
		get := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			if v := call.This.(*goja.Object).Get("__onended"); v != nil {
				return v
			}
			return goja.Null()
		})
		set := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			this := call.This.(*goja.Object)
			v := self(this)
			fn, isFn := goja.AssertFunction(call.Argument(0))
			must(this.DefineDataProperty("__onended", call.Argument(0), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_FALSE))
			var f func()
			if isFn {
				// Rendering runs inside startRendering; the event is delivered
				// after it, from a task.
				f = func() {
					r.post(func() error {
						ev := r.vm.NewObject()
						must(ev.Set("type", "ended"))
						_, err := fn(this, ev)
						return err
					})
				}
			}
			v.MethodByName("SetOnEnded").Call([]reflect.Value{reflect.ValueOf(f)})
			return goja.Undefined()
		})
		must(p.DefineAccessorProperty("onended", get, set, goja.FLAG_TRUE, goja.FLAG_TRUE))
	}
}

// callNode calls one of the node core's connect/disconnect methods by name.
func callNode(n audio.AudioNode, method string, arg any, idx []int) error {
	m := reflect.ValueOf(n).MethodByName(method)
	var args []reflect.Value
	if arg != nil {
		args = append(args, reflect.ValueOf(arg))
	}
	for _, i := range idx {
		args = append(args, reflect.ValueOf(i))
	}
	out := m.Call(args)
	if len(out) > 0 {
		if err, ok := out[len(out)-1].Interface().(error); ok {
			return err
		}
	}
	return nil
}

func (ab *audioBinder) check(err error, method string) {
	if err != nil {
		ab.throw(err, fmt.Sprintf("Failed to execute '%s' on 'AudioNode'", method))
	}
}

// contextMethods adds OfflineAudioContext's startRendering, which returns a
// Promise.
func (ab *audioBinder) contextMethods(p *goja.Object, self func(goja.Value) reflect.Value) {
	r := ab.r
	must(p.Set("startRendering", func(call goja.FunctionCall) goja.Value {
		c := self(call.This).Interface().(*audio.OfflineContext)
		buf, err := c.StartRendering(r.runCtx)
		promise, resolve, reject := r.vm.NewPromise()
		r.post(func() error {
			if err != nil {
				obj, _ := r.vm.New(r.vm.GlobalObject().Get("DOMException"), r.vm.ToValue(err.Error()), r.vm.ToValue("InvalidStateError"))
				return reject(obj)
			}
			return resolve(ab.wrap(reflect.ValueOf(buf)))
		})
		return r.vm.ToValue(promise)
	}))
}

// decodeAudioData is every context's: callback and Promise forms.
func (ab *audioBinder) decodeMethod(p *goja.Object, self func(goja.Value) reflect.Value) {
	r := ab.r
	must(p.Set("decodeAudioData", func(call goja.FunctionCall) goja.Value {
		c := self(call.This).Interface().(interface {
			DecodeAudioData([]byte) (*audio.AudioBuffer, error)
		})
		data := r.bufferSourceBytes(call.Argument(0), "decodeAudioData", "BaseAudioContext")
		r.reserve(int64(len(data)) * 16)
		buf, err := c.DecodeAudioData(data)
		success, _ := goja.AssertFunction(call.Argument(1))
		failure, _ := goja.AssertFunction(call.Argument(2))
		promise, resolve, reject := r.vm.NewPromise()
		pv := r.vm.ToValue(promise)
		if failure != nil {
			// The error callback handles the failure; the Promise's rejection
			// must not also end the script as unhandled.
			if catch, ok := goja.AssertFunction(pv.ToObject(r.vm).Get("catch")); ok {
				_, _ = catch(pv, r.vm.ToValue(func(goja.FunctionCall) goja.Value { return goja.Undefined() }))
			}
		}
		r.post(func() error {
			if err != nil {
				ex, _ := r.vm.New(r.vm.GlobalObject().Get("DOMException"), r.vm.ToValue("Unable to decode audio data: "+reasonOf(err)), r.vm.ToValue("EncodingError"))
				if failure != nil {
					if _, cerr := failure(goja.Undefined(), ex); cerr != nil {
						return cerr
					}
				}
				return reject(ex)
			}
			v := ab.wrap(reflect.ValueOf(buf))
			if success != nil {
				if _, cerr := success(goja.Undefined(), v); cerr != nil {
					return cerr
				}
			}
			return resolve(v)
		})
		return pv
	}))
}

// call calls a Go method; a Go runtime error inside the engine becomes a
// JavaScript Error instead of taking the process down.
func (ab *audioBinder) call(fn reflect.Value, args []reflect.Value) (out []reflect.Value) {
	defer func() {
		if p := recover(); p != nil {
			if re, ok := p.(runtime.Error); ok {
				panic(ab.r.vm.NewGoError(fmt.Errorf("internal error: %v", re)))
			}
			panic(p)
		}
	}()
	return fn.Call(args)
}
