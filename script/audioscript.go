package script

import (
	"reflect"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/audio"
)

// ScriptProcessorNode with a JavaScript onaudioprocess. Rendering always runs
// on the loop goroutine (startRendering renders in the call; AudioContexts
// render between tasks), so the callback is called synchronously, with the
// node's input and output AudioBuffers sharing memory with the engine's. An
// exception it throws ends the script, and the callback is not called again.

// processorMethods adds onaudioprocess to ScriptProcessorNode's prototype.
func (ab *audioBinder) processorMethods(p *goja.Object, self func(goja.Value) reflect.Value) {
	r := ab.r
	get := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		self(call.This)
		if v := call.This.(*goja.Object).Get("__onaudioprocess"); v != nil {
			return v
		}
		return goja.Null()
	})
	set := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		this := call.This.(*goja.Object)
		n := self(this).Interface().(*audio.ScriptProcessorNode)
		must(this.DefineDataProperty("__onaudioprocess", call.Argument(0), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_FALSE))
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			n.SetOnAudioProcess(nil)
			return goja.Undefined()
		}
		failed := false
		n.SetOnAudioProcess(func(e *audio.AudioProcessingEvent) {
			if failed {
				return
			}
			ev := r.vm.NewObject()
			must(ev.Set("type", "audioprocess"))
			must(ev.Set("playbackTime", e.PlaybackTime))
			must(ev.Set("inputBuffer", ab.wrap(reflect.ValueOf(e.InputBuffer))))
			must(ev.Set("outputBuffer", ab.wrap(reflect.ValueOf(e.OutputBuffer))))
			if _, err := fn(this, ev); err != nil {
				failed = true
				r.post(func() error { return err })
			}
		})
		return goja.Undefined()
	})
	must(p.DefineAccessorProperty("onaudioprocess", get, set, goja.FLAG_TRUE, goja.FLAG_TRUE))
}

// createScriptProcessor(bufferSize = 0, numberOfInputChannels = 2,
// numberOfOutputChannels = 2) on every context.
func (ab *audioBinder) processorFactory(p *goja.Object, base func(goja.Value) *audio.BaseContext) {
	must(p.Set("createScriptProcessor", func(call goja.FunctionCall) goja.Value {
		c := base(call.This)
		arg := func(i, def int) int {
			if absent(call.Argument(i)) {
				return def
			}
			f := double(call.Argument(i))
			if f != f || f > 1e300 || f < -1e300 {
				return 0 // WebIDL unsigned long: NaN and ±Infinity are 0
			}
			if f > 1<<20 || f < -(1<<20) {
				return -1
			}
			return int(f)
		}
		n, err := c.CreateScriptProcessor(arg(0, 0), arg(1, 2), arg(2, 2))
		if err != nil {
			ab.throw(err, "Failed to execute 'createScriptProcessor' on 'BaseAudioContext'")
		}
		return ab.wrap(reflect.ValueOf(n))
	}))
}
