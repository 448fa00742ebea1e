package script

import (
	"io"
	"reflect"
	"time"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/audio"
)

// wx.createWebAudioContext() and new AudioContext(): the realtime-style context
// over audio.StreamContext. A server has no speaker, so the graph is rendered
// (and the PCM discarded; AnalyserNodes see it) on the script's event loop:
// before every task, timer callback and animation frame, and whenever the
// script reads currentTime, the context renders the whole render quanta that
// the run's wall clock has advanced by since it started running. currentTime
// therefore follows the wall clock while the context is running and stands
// still while it is suspended; at most maxStreamCatchUp seconds are rendered at
// once, so a graph heavier than real time falls behind instead of stalling the
// loop. A running context does not keep the script alive: rendering stops when
// the run ends.

// maxAudioContexts is how many AudioContexts a run may have open at once.
const maxAudioContexts = 8

// maxStreamCatchUp bounds the audio rendered in one step, in seconds.
const maxStreamCatchUp = 0.5

// streamBinding is one AudioContext object.
type streamBinding struct {
	s             *audio.StreamContext
	obj           *goja.Object
	scratch       []byte    // one quantum of PCM, the size Read renders
	wallStart     time.Time // when the context last started running
	frameStart    int64     // its frame then
	closed        bool
	private       bool // an InnerAudioContext's clock, not an AudioContext
	rendering     bool // inside Read: no reentry from callbacks
	onstatechange goja.Value
}

func (r *Runtime) installWebAudioContext(wx *goja.Object) {
	ab := r.audio
	create := func(rate float64, what string) *goja.Object {
		if ab.openStreams() >= maxAudioContexts {
			r.throwDOMException("NotSupportedError", what+": at most 8 AudioContexts may be open at once.")
		}
		s, err := audio.NewStreamContext(audio.StreamOptions{Channels: 2, SampleRate: rate})
		if err != nil {
			ab.throw(err, what)
		}
		return ab.bindStream(s)
	}
	ctor := r.vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		what := "Failed to construct 'AudioContext'"
		rate := 44100.0
		if o, ok := call.Argument(0).(*goja.Object); ok {
			if v := o.Get("sampleRate"); !absent(v) {
				rate = double(v)
			}
		} else if !absent(call.Argument(0)) && !goja.IsNull(call.Argument(0)) {
			r.throwTypeError(what + ": the options are not an object.")
		}
		return create(rate, what)
	}).(*goja.Object)
	ab.defineConstructor("AudioContext", ctor, reflect.TypeOf(&audio.StreamContext{}))
	must(wx.Set("createWebAudioContext", func(goja.FunctionCall) goja.Value {
		return create(44100, "createWebAudioContext")
	}))
}

// bindStream makes the script object of a new StreamContext.
func (ab *audioBinder) bindStream(s *audio.StreamContext) *goja.Object {
	r := ab.r
	sb := &streamBinding{s: s, scratch: make([]byte, audio.RenderQuantum*2*4), wallStart: time.Now()}
	sb.obj = ab.wrap(reflect.ValueOf(s)).(*goja.Object)
	s.OnStateChange = func(st audio.ContextState) {
		// Called from Read, on the loop goroutine.
		if st == audio.StateRunning {
			sb.wallStart, sb.frameStart = time.Now(), s.CurrentFrame()
		}
		r.post(func() error {
			fn, ok := goja.AssertFunction(sb.onstatechange)
			if !ok {
				return nil
			}
			ev := r.vm.NewObject()
			must(ev.Set("type", "statechange"))
			must(ev.Set("target", sb.obj))
			_, err := fn(sb.obj, ev)
			return err
		})
	}
	ab.streams = append(ab.streams, sb)
	return sb.obj
}

func (ab *audioBinder) openStreams() int {
	n := 0
	for _, sb := range ab.streams {
		if !sb.closed && !sb.private {
			n++
		}
	}
	return n
}

func (ab *audioBinder) stream(s *audio.StreamContext) *streamBinding {
	for _, sb := range ab.streams {
		if sb.s == s {
			return sb
		}
	}
	return nil
}

// advanceStreams renders every running context up to the wall clock.
func (ab *audioBinder) advanceStreams() {
	for _, sb := range ab.streams {
		ab.advance(sb)
	}
}

func (ab *audioBinder) advance(sb *streamBinding) {
	if sb.closed || sb.rendering || sb.s.State() != audio.StateRunning {
		return
	}
	rate := sb.s.SampleRate()
	target := sb.frameStart + int64(time.Since(sb.wallStart).Seconds()*rate)
	have := sb.s.CurrentFrame()
	quanta := (target - have) / audio.RenderQuantum
	if limit := int64(maxStreamCatchUp*rate) / audio.RenderQuantum; quanta > limit {
		// Behind by more than one step allows: drop the rest, as an
		// underrunning sound card would.
		quanta = limit
		sb.wallStart, sb.frameStart = time.Now(), have+quanta*audio.RenderQuantum
	}
	for i := int64(0); i < quanta; i++ {
		if !ab.renderQuantum(sb) {
			return
		}
	}
}

// renderQuantum reads one quantum from the stream, which also applies pending
// suspend / resume / close requests; it reports whether the stream is open.
func (ab *audioBinder) renderQuantum(sb *streamBinding) (open bool) {
	if sb.rendering {
		// Called back from inside rendering (an onaudioprocess reading
		// currentTime): the quantum in progress is all there is.
		return !sb.closed
	}
	sb.rendering = true
	defer func() {
		sb.rendering = false
		if p := recover(); p != nil {
			// An engine failure ends this context, not the run.
			sb.closed, open = true, false
		}
	}()
	if _, err := io.ReadFull(sb.s, sb.scratch); err != nil {
		sb.closed = true
		return false
	}
	return true
}

// releaseStreams closes the run's contexts when it ends.
func (ab *audioBinder) releaseStreams() {
	for _, sb := range ab.streams {
		if !sb.closed {
			sb.s.OnStateChange = nil
			_ = sb.s.Close()
			sb.closed = true
		}
	}
	ab.streams = nil
}

// streamMethods adds currentTime, suspend, resume, close and onstatechange.
func (ab *audioBinder) streamMethods(p *goja.Object, self func(goja.Value) reflect.Value) {
	r := ab.r
	binding := func(this goja.Value) *streamBinding {
		sb := ab.stream(self(this).Interface().(*audio.StreamContext))
		if sb == nil {
			r.throwTypeError("Illegal invocation")
		}
		return sb
	}
	must(p.DefineAccessorProperty("currentTime", r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		sb := binding(call.This)
		ab.advance(sb)
		return r.vm.ToValue(sb.s.CurrentTime())
	}), nil, goja.FLAG_TRUE, goja.FLAG_TRUE))
	must(p.DefineAccessorProperty("onstatechange", r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if v := binding(call.This).onstatechange; v != nil {
			return v
		}
		return goja.Null()
	}), r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		sb := binding(call.This)
		if _, ok := goja.AssertFunction(call.Argument(0)); ok {
			sb.onstatechange = call.Argument(0)
		} else {
			sb.onstatechange = nil
		}
		return goja.Undefined()
	}), goja.FLAG_TRUE, goja.FLAG_TRUE))
	change := func(name string, request func(*audio.StreamContext) error) {
		must(p.Set(name, func(call goja.FunctionCall) goja.Value {
			sb := binding(call.This)
			promise, resolve, reject := r.vm.NewPromise()
			err := request(sb.s)
			if err == nil {
				// Render up to now, then let the request take effect.
				ab.advance(sb)
				ab.renderQuantum(sb)
			}
			r.post(func() error {
				if err != nil {
					ex, _ := r.vm.New(r.vm.GlobalObject().Get("DOMException"), r.vm.ToValue("Failed to execute '"+name+"' on 'AudioContext': "+reasonOf(err)), r.vm.ToValue("InvalidStateError"))
					return reject(ex)
				}
				return resolve(goja.Undefined())
			})
			return r.vm.ToValue(promise)
		}))
	}
	change("suspend", (*audio.StreamContext).Suspend)
	change("resume", (*audio.StreamContext).Resume)
	change("close", (*audio.StreamContext).Close)
}
