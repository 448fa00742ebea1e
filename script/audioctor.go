package script

import (
	"fmt"
	"reflect"
	"unicode"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/audio"
)

// The standard Web Audio constructors with option dictionaries:
// new GainNode(ctx, {gain: 0.5}), new AudioBuffer({length, sampleRate}) … Each
// is package audio's NewXxx(ctx, XxxOptions); the dictionary's members are the
// option struct's fields by their JavaScript names (embedded ChannelOptions
// flattened), and a pointer field is set only when the member is present, so
// the engine's defaults apply to what the script leaves out.

// audioNodeCtors are the constructors taking (context, options).
var audioNodeCtors = []struct {
	name string
	fn   any
}{
	{"AnalyserNode", audio.NewAnalyserNode},
	{"AudioBufferSourceNode", audio.NewAudioBufferSourceNode},
	{"BiquadFilterNode", audio.NewBiquadFilterNode},
	{"ChannelMergerNode", audio.NewChannelMergerNode},
	{"ChannelSplitterNode", audio.NewChannelSplitterNode},
	{"ConstantSourceNode", audio.NewConstantSourceNode},
	{"ConvolverNode", audio.NewConvolverNode},
	{"DelayNode", audio.NewDelayNode},
	{"DynamicsCompressorNode", audio.NewDynamicsCompressorNode},
	{"GainNode", audio.NewGainNode},
	{"IIRFilterNode", audio.NewIIRFilterNode},
	{"OscillatorNode", audio.NewOscillatorNode},
	{"PannerNode", audio.NewPannerNode},
	{"PeriodicWave", audio.NewPeriodicWave},
	{"StereoPannerNode", audio.NewStereoPannerNode},
	{"WaveShaperNode", audio.NewWaveShaperNode},
}

// jsNames are the JavaScript names that do not follow from lowering the Go
// name's first letter.
var jsNames = map[string]string{"FFTSize": "fftSize", "Q": "Q"}

// jsName is the JavaScript name of a Go method or option field.
func jsName(s string) string {
	if n, ok := jsNames[s]; ok {
		return n
	}
	return string(unicode.ToLower(rune(s[0]))) + s[1:]
}

func (r *Runtime) installAudioConstructors() {
	ab := r.audio
	baseType := reflect.TypeOf(&audio.BaseContext{})
	for _, c := range audioNodeCtors {
		name, fn := c.name, reflect.ValueOf(c.fn)
		ft := fn.Type()
		optType, result := ft.In(1), ft.Out(0)
		what := "Failed to construct '" + name + "'"
		construct := func(call goja.ConstructorCall) *goja.Object {
			base := ab.baseContext(call.Argument(0))
			if base == nil {
				r.throwTypeError(what + ": parameter 1 is not of type 'BaseAudioContext'.")
			}
			opts := ab.options(call.Argument(1), optType, what)
			out := ab.call(fn, []reflect.Value{reflect.ValueOf(base).Convert(baseType), opts})
			if err, ok := out[1].Interface().(error); ok && err != nil {
				ab.throw(err, what)
			}
			return ab.wrap(out[0]).(*goja.Object)
		}
		ab.lazyConstructor(name, result, construct)
	}
	bufType := reflect.TypeOf(audio.AudioBufferOptions{})
	construct := func(call goja.ConstructorCall) *goja.Object {
		what := "Failed to construct 'AudioBuffer'"
		if _, ok := call.Argument(0).(*goja.Object); !ok {
			r.throwTypeError(what + ": parameter 1 is not of type 'AudioBufferOptions'.")
		}
		o := ab.options(call.Argument(0), bufType, what).Interface().(audio.AudioBufferOptions)
		channels := int64(o.NumberOfChannels)
		if channels == 0 {
			channels = 1
		}
		if channels > 0 && channels <= audio.MaxChannels && o.Length > 0 && o.Length <= audio.MaxBufferSamples {
			r.reserve(4 * channels * int64(o.Length))
		}
		b, err := audio.NewAudioBuffer(o)
		if err != nil {
			ab.throw(err, what)
		}
		return ab.wrap(reflect.ValueOf(b)).(*goja.Object)
	}
	ab.lazyConstructor("AudioBuffer", reflect.TypeOf(&audio.AudioBuffer{}), construct)
}

// audioCtor is a standard constructor: made from construct when first needed
// (its global read, or its prototype built for an object a factory returns),
// since the prototype it carries is the expensive part of a runtime.
type audioCtor struct {
	construct func(goja.ConstructorCall) *goja.Object
	obj       *goja.Object
}

// lazyConstructor defines the global name as the constructor of t's objects,
// made on first use.
func (ab *audioBinder) lazyConstructor(name string, t reflect.Type, construct func(goja.ConstructorCall) *goja.Object) {
	ab.ctors[t] = &audioCtor{construct: construct}
	ab.r.lazyGlobal(name, func() goja.Value { return ab.constructor(t) })
	ab.r.interfaces = append(ab.r.interfaces, name)
}

// defineConstructor is lazyConstructor for a constructor object already made.
func (ab *audioBinder) defineConstructor(name string, ctor *goja.Object, t reflect.Type) {
	ab.ctors[t] = &audioCtor{obj: ctor}
	ab.r.lazyGlobal(name, func() goja.Value { return ab.constructor(t) })
	ab.r.interfaces = append(ab.r.interfaces, name)
}

// constructor returns t's constructor, linked to the prototype the factories'
// objects have, so instanceof holds for both.
func (ab *audioBinder) constructor(t reflect.Type) *goja.Object {
	c := ab.ctors[t]
	if c.obj == nil {
		c.obj = ab.r.vm.ToValue(c.construct).(*goja.Object)
		c.construct = nil
		ab.proto(t) // links the two when it makes the prototype
	} else if _, ok := ab.protos[t]; !ok {
		ab.proto(t)
	}
	return c.obj
}

// link makes proto ctor's prototype and ctor proto's constructor (called once,
// when the prototype is made).
func (ab *audioBinder) link(ctor, proto *goja.Object) {
	must(ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE))
	must(proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
}

// baseContext is the engine context behind a script's audio context object,
// or nil when v is not one.
func (ab *audioBinder) baseContext(v goja.Value) *audio.BaseContext {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	g, ok := ab.values.get(obj)
	if !ok {
		return nil
	}
	switch c := g.(type) {
	case *audio.OfflineContext:
		return c.BaseContext
	case *audio.StreamContext:
		return c.BaseContext
	}
	return nil
}

// options converts a dictionary to the option struct t; undefined and null
// are the empty dictionary.
func (ab *audioBinder) options(v goja.Value, t reflect.Type, what string) reflect.Value {
	out := reflect.New(t).Elem()
	if absent(v) || goja.IsNull(v) {
		return out
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		ab.r.throwTypeError(what + ": the options are not an object.")
	}
	ab.fillOptions(obj, out, what)
	return out
}

func (ab *audioBinder) fillOptions(obj *goja.Object, out reflect.Value, what string) {
	t := out.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			ab.fillOptions(obj, out.Field(i), what)
			continue
		}
		name := jsName(f.Name)
		jv := obj.Get(name)
		if absent(jv) {
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			switch ft.Elem().Kind() {
			case reflect.Float32, reflect.Float64, reflect.Int, reflect.Bool:
				e, _ := ab.unwrap(jv, ft.Elem())
				p := reflect.New(ft.Elem())
				p.Elem().Set(e)
				out.Field(i).Set(p)
				continue
			}
		}
		e, ok := ab.unwrap(jv, ft)
		if !ok {
			ab.r.throwTypeError(fmt.Sprintf("%s: the member '%s' is not of the right type.", what, name))
		}
		out.Field(i).Set(e)
	}
}
