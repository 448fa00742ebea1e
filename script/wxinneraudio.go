package script

import (
	"time"
	"unicode"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/audio"
)

// wx.createInnerAudioContext over audio.InnerAudioContext. Each one plays in a
// private stream context of its own, rendered on the event loop by the run's
// wall clock like an AudioContext (see audiostream.go), so currentTime,
// timeUpdate and ended follow real time. src is a path the sandbox lets the
// script read. Events reach on* listeners as tasks on the loop; while one is
// playing the loop stays alive, woken every innerTick to render.

// maxInnerAudioContexts is how many InnerAudioContexts a run may have at once.
const maxInnerAudioContexts = 16

// innerTick is how often the loop renders while an InnerAudioContext plays.
const innerTick = 20 * time.Millisecond

var innerEvents = []string{audio.EventCanplay, audio.EventPlay, audio.EventPause, audio.EventStop, audio.EventEnded,
	audio.EventTimeUpdate, audio.EventError, audio.EventWaiting, audio.EventSeeking, audio.EventSeeked}

// innerBinding is one InnerAudioContext object.
type innerBinding struct {
	a         *audio.InnerAudioContext
	sb        *streamBinding
	listeners map[string][]goja.Value
	alive     bool // counted in the loop's keepAlive
	destroyed bool
}

func (r *Runtime) installInnerAudio(wx *goja.Object) {
	ab := r.audio
	cl := newLazyClass[*innerBinding](r, "InnerAudioContext", nil)
	must(wx.Set("createInnerAudioContext", func(call goja.FunctionCall) goja.Value {
		if len(ab.inners) >= maxInnerAudioContexts {
			r.throwRangeError("createInnerAudioContext: at most 16 InnerAudioContexts per run; destroy() the ones no longer used")
		}
		s, err := audio.NewStreamContext(audio.StreamOptions{Channels: 2, SampleRate: 44100})
		if err != nil {
			ab.throw(err, "createInnerAudioContext")
		}
		ib := &innerBinding{a: s.CreateInnerAudioContext(), listeners: map[string][]goja.Value{}}
		if err := ib.a.Connect(s.Destination()); err != nil {
			ab.throw(err, "createInnerAudioContext")
		}
		ib.a.Loader = func(src string) ([]byte, error) {
			data, err := r.sandbox.readFile(src)
			if err == nil {
				r.reserve(int64(len(data)) * 16) // the decoded samples
			}
			return data, err
		}
		ib.sb = &streamBinding{s: s, scratch: make([]byte, audio.RenderQuantum*2*4), wallStart: time.Now(), private: true}
		ab.streams = append(ab.streams, ib.sb)
		for _, ev := range innerEvents {
			ib.a.On(ev, func(e audio.InnerAudioEvent) {
				// Fired inside rendering or a setter, on the loop goroutine:
				// the listeners run as a task of their own.
				r.post(func() error { return ab.innerEvent(ib, e) })
			})
		}
		ab.inners = append(ab.inners, ib)
		return cl.wrap(ib)
	}))

	// Property setters and methods that change playback render one quantum,
	// after which the engine fires the events they queued.
	changed := func(ib *innerBinding) {
		if !ib.destroyed {
			ab.advance(ib.sb)
			ab.renderQuantum(ib.sb)
		}
		ab.syncInner()
	}
	num := func(v float64) goja.Value { return r.vm.ToValue(v) }
	cl.accessor("src", func(ib *innerBinding) goja.Value { return r.vm.ToValue(ib.a.Src()) }, func(ib *innerBinding, v goja.Value) {
		if ib.destroyed {
			return
		}
		// A failure is reported to onError, as WeChat does.
		_ = ib.a.SetSrc(r.str(v))
		changed(ib)
	})
	cl.accessor("startTime", func(ib *innerBinding) goja.Value { return num(ib.a.StartTime()) }, func(ib *innerBinding, v goja.Value) {
		ib.a.SetStartTime(finiteOr(double(v), 0))
	})
	cl.accessor("autoplay", func(ib *innerBinding) goja.Value { return r.vm.ToValue(ib.a.Autoplay()) }, func(ib *innerBinding, v goja.Value) {
		ib.a.SetAutoplay(v.ToBoolean())
	})
	cl.accessor("loop", func(ib *innerBinding) goja.Value { return r.vm.ToValue(ib.a.Loop()) }, func(ib *innerBinding, v goja.Value) {
		ib.a.SetLoop(v.ToBoolean())
	})
	cl.accessor("volume", func(ib *innerBinding) goja.Value { return num(float64(ib.a.Volume())) }, func(ib *innerBinding, v goja.Value) {
		ib.a.SetVolume(float32(finiteOr(double(v), 1)))
	})
	cl.accessor("playbackRate", func(ib *innerBinding) goja.Value { return num(ib.a.PlaybackRate()) }, func(ib *innerBinding, v goja.Value) {
		ib.a.SetPlaybackRate(finiteOr(double(v), 1))
	})
	cl.accessor("duration", func(ib *innerBinding) goja.Value { return num(ib.a.Duration()) }, nil)
	cl.accessor("buffered", func(ib *innerBinding) goja.Value { return num(ib.a.Buffered()) }, nil)
	cl.accessor("paused", func(ib *innerBinding) goja.Value { return r.vm.ToValue(ib.a.Paused()) }, nil)
	cl.accessor("currentTime", func(ib *innerBinding) goja.Value {
		if !ib.destroyed {
			ab.advance(ib.sb)
		}
		return num(ib.a.CurrentTime())
	}, func(ib *innerBinding, v goja.Value) {
		// Writable since base library 2.26.2: the same as seek.
		if !ib.destroyed {
			ab.advance(ib.sb)
			ib.a.Seek(double(v))
			changed(ib)
		}
	})
	for _, m := range []struct {
		name string
		f    func(*audio.InnerAudioContext)
	}{{"play", (*audio.InnerAudioContext).Play}, {"pause", (*audio.InnerAudioContext).Pause}, {"stop", (*audio.InnerAudioContext).Stop}} {
		cl.method(m.name, 0, func(ib *innerBinding, call goja.FunctionCall) goja.Value {
			if !ib.destroyed {
				ab.advance(ib.sb)
				m.f(ib.a)
				changed(ib)
			}
			return goja.Undefined()
		})
	}
	cl.method("seek", 1, func(ib *innerBinding, call goja.FunctionCall) goja.Value {
		if !ib.destroyed {
			ab.advance(ib.sb)
			ib.a.Seek(double(call.Argument(0)))
			changed(ib)
		}
		return goja.Undefined()
	})
	cl.method("destroy", 0, func(ib *innerBinding, call goja.FunctionCall) goja.Value {
		ab.destroyInner(ib)
		ab.syncInner()
		return goja.Undefined()
	})
	for _, ev := range innerEvents {
		suffix := string(unicode.ToUpper(rune(ev[0]))) + ev[1:]
		cl.method("on"+suffix, 1, func(ib *innerBinding, call goja.FunctionCall) goja.Value {
			if _, ok := goja.AssertFunction(call.Argument(0)); !ok {
				r.throwTypeError("InnerAudioContext.on" + suffix + ": parameter 1 should be a function")
			}
			if !ib.destroyed && len(ib.listeners[ev]) < 64 {
				ib.listeners[ev] = append(ib.listeners[ev], call.Argument(0))
			}
			return goja.Undefined()
		})
		cl.method("off"+suffix, 0, func(ib *innerBinding, call goja.FunctionCall) goja.Value {
			if absent(call.Argument(0)) || goja.IsNull(call.Argument(0)) {
				delete(ib.listeners, ev)
				return goja.Undefined()
			}
			ls := ib.listeners[ev]
			for i, l := range ls {
				if l.SameAs(call.Argument(0)) {
					ib.listeners[ev] = append(ls[:i:i], ls[i+1:]...)
					break
				}
			}
			return goja.Undefined()
		})
	}
}

// innerEvent calls the listeners of e's type.
func (ab *audioBinder) innerEvent(ib *innerBinding, e audio.InnerAudioEvent) error {
	r := ab.r
	ls := append([]goja.Value(nil), ib.listeners[e.Type]...)
	for _, l := range ls {
		fn, _ := goja.AssertFunction(l)
		var arg goja.Value = goja.Undefined()
		if e.Type == audio.EventError {
			o := r.vm.NewObject()
			must(o.Set("errCode", e.ErrCode))
			must(o.Set("errMsg", e.ErrMsg))
			arg = o
		}
		if _, err := fn(goja.Undefined(), arg); err != nil {
			return err
		}
	}
	return nil
}

// syncInner keeps the loop alive (and woken) while an InnerAudioContext plays.
func (ab *audioBinder) syncInner() {
	r := ab.r
	playing := false
	for _, ib := range ab.inners {
		alive := !ib.destroyed && !ib.a.Paused()
		if alive != ib.alive {
			ib.alive = alive
			if alive {
				r.loop.keepAlive++
			} else {
				r.loop.keepAlive--
			}
		}
		playing = playing || alive
	}
	if playing && ab.tick == nil {
		gen := ab.tickGen
		ab.tick = time.AfterFunc(innerTick, func() {
			r.postFromGoroutine(func() error {
				if gen != ab.tickGen {
					return nil // a tick of an earlier run
				}
				// r.call has rendered the streams before this task.
				ab.tick = nil
				ab.syncInner()
				return nil
			})
		})
	}
}

func (ab *audioBinder) destroyInner(ib *innerBinding) {
	if ib.destroyed {
		return
	}
	ib.destroyed = true
	if ib.alive {
		ib.alive = false
		ab.r.loop.keepAlive--
	}
	ib.a.Destroy()
	ib.listeners = map[string][]goja.Value{}
	ib.sb.s.OnStateChange = nil
	_ = ib.sb.s.Close()
	ib.sb.closed = true
	for i, x := range ab.inners {
		if x == ib {
			ab.inners = append(ab.inners[:i:i], ab.inners[i+1:]...)
			break
		}
	}
	for i, x := range ab.streams {
		if x == ib.sb {
			ab.streams = append(ab.streams[:i:i], ab.streams[i+1:]...)
			break
		}
	}
}

// releaseInner destroys the run's InnerAudioContexts when it ends.
func (ab *audioBinder) releaseInner() {
	for len(ab.inners) > 0 {
		ab.destroyInner(ab.inners[0])
	}
	if ab.tick != nil {
		ab.tick.Stop()
		ab.tick = nil
	}
	ab.tickGen++
}

func finiteOr(v, def float64) float64 {
	if v != v || v > 1e300 || v < -1e300 {
		return def
	}
	return v
}
