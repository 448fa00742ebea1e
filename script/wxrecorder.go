package script

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/recorder"
)

// maxRecorderCalls bounds the method calls of one MediaRecorder that may wait
// for their turn: a script that calls requestFrame in a loop without awaiting
// gets rejections instead of an unbounded task queue.
const maxRecorderCalls = 256

// maxMediaRecorders bounds the recorders one run may create; each recording
// holds an encoder.
const maxMediaRecorders = 16

// mediaRecorderBinding is one MediaRecorder object.
type mediaRecorderBinding struct {
	m *recorder.MediaRecorder
	c *canvas.Canvas
	// listeners are the script's callbacks by event name, in registration order.
	listeners map[string][]goja.Value
	// queued counts method calls whose task has not run yet.
	queued int
	// lost is set when a finished file was refused by the sandbox quota; the
	// stop call that finished it fails with it.
	lost error
	// soundtrack makes the audio track of each recording (nil: none); attached
	// says the recorder holds one for its next start.
	soundtrack func() (recorder.PCMSource, error)
	attached   bool
	// file is the open soundtrack file, closed when its recording ends.
	file *recorder.FileSource
}

// closeAudio closes the soundtrack file of the last recording, if any.
func (b *mediaRecorderBinding) closeAudio() {
	if b.file != nil {
		b.file.Close()
		b.file = nil
	}
}

// attachAudio gives the recorder a fresh soundtrack for its next start.
func (b *mediaRecorderBinding) attachAudio() error {
	if b.soundtrack == nil || b.attached {
		return nil
	}
	b.closeAudio()
	src, err := b.soundtrack()
	if err != nil {
		return err
	}
	if f, ok := src.(*recorder.FileSource); ok {
		b.file = f
	}
	if err := b.m.AttachAudio(src); err != nil {
		b.closeAudio()
		return err
	}
	b.attached = true
	return nil
}

var recorderEvents = []string{recorder.EventStart, recorder.EventStop, recorder.EventPause,
	recorder.EventResume, recorder.EventTimeUpdate, recorder.EventError}

// installMediaRecorder binds wx.createMediaRecorder over package recorder. Every
// method runs as a task of its own, in call order, and returns a Promise (the
// form WeChat has had since 2.16.1); events reach on() listeners as tasks too.
func (r *Runtime) installMediaRecorder(wx *goja.Object) {
	cl := newLazyClass[*mediaRecorderBinding](r, "MediaRecorder", nil)
	must(wx.Set("createMediaRecorder", func(call goja.FunctionCall) goja.Value {
		cb, ok := r.classes.canvas.lookup(call.Argument(0))
		if !ok {
			r.throwTypeError("createMediaRecorder: parameter 1 should be a canvas")
		}
		if len(r.recorders) >= maxMediaRecorders {
			r.throwRangeError(fmt.Sprintf("createMediaRecorder: at most %d recorders per run", maxMediaRecorders))
		}
		opt, err := r.recorderOptions(call.Argument(1))
		if err != nil {
			r.throwRangeError("createMediaRecorder: " + reasonOf(err))
		}
		var soundtrack func() (recorder.PCMSource, error)
		if o, ok := call.Argument(1).(*goja.Object); ok {
			soundtrack = r.recorderSoundtrack(o.Get("audio"))
		}
		dir, err := r.sandbox.tempDir()
		if err != nil {
			r.throwAs(err, "createMediaRecorder: "+reasonOf(err))
		}
		opt.TempDir = dir
		m, err := recorder.NewMediaRecorder(&cb.c.Canvas, opt)
		if err != nil {
			r.throwRangeError("createMediaRecorder: " + reasonOf(err))
		}
		b := &mediaRecorderBinding{m: m, c: &cb.c.Canvas, listeners: map[string][]goja.Value{}, soundtrack: soundtrack}
		if err := b.attachAudio(); err != nil {
			m.Destroy()
			r.throwRangeError("createMediaRecorder: audio: " + reasonOf(err))
		}
		for _, ev := range recorderEvents {
			if _, err := m.On(ev, func(e recorder.Event) { r.recorderEvent(b, e) }); err != nil {
				panic(err) // the event names are the package's own
			}
		}
		r.recorders = append(r.recorders, m)
		r.recorderBindings = append(r.recorderBindings, b)
		return cl.wrap(b)
	}))

	cl.method("start", 0, func(b *mediaRecorderBinding, call goja.FunctionCall) goja.Value {
		return r.recorderCall(b, "start", func(*goja.Object) error {
			// The captured frames waiting for the encoder, plus the one being encoded.
			o := b.m.Options()
			w, h := int64(o.Width), int64(o.Height)
			if w == 0 || h == 0 {
				w, h = int64(b.c.Width()), int64(b.c.Height())
			}
			r.reserve(4 * w * h * int64(o.Queue+1))
			if err := b.attachAudio(); err != nil {
				return err
			}
			if err := b.m.Start(); err != nil {
				return err
			}
			b.attached = false // the recording took the soundtrack
			return nil
		})
	})
	cl.method("requestFrame", 0, func(b *mediaRecorderBinding, call goja.FunctionCall) goja.Value {
		fn, _ := goja.AssertFunction(call.Argument(0))
		return r.recorderCall(b, "requestFrame", func(*goja.Object) error {
			var thrown error
			var draw func()
			if fn != nil {
				draw = func() {
					if _, err := fn(goja.Undefined()); err != nil {
						thrown = err
					}
				}
			}
			err := b.m.RequestFrame(draw)
			if thrown != nil {
				// An exception in the drawing callback is the script's error.
				return thrown
			}
			return err
		})
	})
	cl.method("pause", 0, func(b *mediaRecorderBinding, call goja.FunctionCall) goja.Value {
		return r.recorderCall(b, "pause", func(*goja.Object) error { return b.m.Pause() })
	})
	cl.method("resume", 0, func(b *mediaRecorderBinding, call goja.FunctionCall) goja.Value {
		return r.recorderCall(b, "resume", func(*goja.Object) error { return b.m.Resume() })
	})
	cl.method("stop", 0, func(b *mediaRecorderBinding, call goja.FunctionCall) goja.Value {
		return r.recorderCall(b, "stop", func(res *goja.Object) error {
			b.lost = nil
			result, err := b.m.Stop()
			if !b.attached {
				b.closeAudio() // the recording that read it has ended
			}
			if err != nil {
				return err
			}
			if b.lost != nil {
				return b.lost
			}
			r.setRecorderResult(res, result)
			return nil
		})
	})
	cl.method("destroy", 0, func(b *mediaRecorderBinding, call goja.FunctionCall) goja.Value {
		return r.recorderCall(b, "destroy", func(*goja.Object) error {
			err := b.m.Destroy()
			b.closeAudio()
			b.listeners = map[string][]goja.Value{}
			return err
		})
	})
	cl.method("on", 2, func(b *mediaRecorderBinding, call goja.FunctionCall) goja.Value {
		name := r.str(call.Argument(0))
		if !isRecorderEvent(name) {
			r.throwTypeError("MediaRecorder.on: unknown event " + clip(name))
		}
		if _, ok := goja.AssertFunction(call.Argument(1)); !ok {
			r.throwTypeError("MediaRecorder.on: parameter 2 should be a function")
		}
		if len(b.listeners[name]) >= maxListeners {
			r.throwRangeError("MediaRecorder.on: too many listeners")
		}
		b.listeners[name] = append(b.listeners[name], call.Argument(1))
		return goja.Undefined()
	})
	cl.method("off", 1, func(b *mediaRecorderBinding, call goja.FunctionCall) goja.Value {
		name := r.str(call.Argument(0))
		fn := call.Argument(1)
		if absent(fn) {
			delete(b.listeners, name)
			return goja.Undefined()
		}
		ls := b.listeners[name]
		for i, l := range ls {
			if l.SameAs(fn) {
				b.listeners[name] = append(ls[:i:i], ls[i+1:]...)
				break
			}
		}
		return goja.Undefined()
	})
}

// maxListeners bounds the listeners of one event of one object.
const maxListeners = 1024

func isRecorderEvent(name string) bool {
	for _, ev := range recorderEvents {
		if ev == name {
			return true
		}
	}
	return false
}

// recorderOptions reads the options object of wx.createMediaRecorder. Values out
// of range are the recorder package's to clamp or refuse.
func (r *Runtime) recorderOptions(v goja.Value) (recorder.Options, error) {
	var opt recorder.Options
	o, ok := v.(*goja.Object)
	if !ok {
		if absent(v) || goja.IsNull(v) {
			return opt, nil
		}
		return opt, failf("options should be an object")
	}
	d, _, err := optNumber(o, "duration")
	if err != nil {
		return opt, err
	}
	opt.Duration = d
	ints := []struct {
		name string
		dst  *int
	}{{"videoBitsPerSecond", &opt.VideoBitsPerSecond}, {"gop", &opt.Gop}, {"fps", &opt.FPS},
		{"width", &opt.Width}, {"height", &opt.Height}, {"quality", &opt.Quality}}
	for _, f := range ints {
		n, given, err := optNumber(o, f.name)
		if err != nil {
			return opt, err
		}
		if !given {
			continue
		}
		if n != math.Trunc(n) || n < -(1<<30) || n > 1<<30 {
			return opt, failf("%s %v should be an integer", f.name, n)
		}
		if n == 0 {
			// Zero means "the default" to the recorder; to a script it is a value.
			return opt, failf("%s must not be 0", f.name)
		}
		*f.dst = int(n)
	}
	opt.Format = r.optString(o, "format")
	if lv := o.Get("lossless"); !absent(lv) {
		opt.Lossless = lv.ToBoolean()
	}
	return opt, nil
}

// recorderSoundtrack reads the audio option of wx.createMediaRecorder, a mediad
// extension (WeChat's MediaRecorder records the canvas only): an AudioBuffer,
// such as an OfflineAudioContext's render, or the sandbox path of an audio or
// video file ('music.mp3', a wxfile:// path), attached as the soundtrack of
// every recording, which must then be mp4. The track is cut at the video's
// length; a shorter one leaves the rest silent. The buffer is copied when the
// recorder is created, so later changes to it are not recorded.
func (r *Runtime) recorderSoundtrack(v goja.Value) func() (recorder.PCMSource, error) {
	if absent(v) || goja.IsNull(v) {
		return nil
	}
	if obj, ok := v.(*goja.Object); ok {
		g, _ := r.audio.values.get(obj)
		buf, ok := g.(*audio.AudioBuffer)
		if !ok {
			r.throwTypeError("createMediaRecorder: audio should be an AudioBuffer or a file path")
		}
		r.reserve(4 * int64(buf.Length()) * int64(buf.NumberOfChannels()))
		chans := make([][]float32, buf.NumberOfChannels())
		for c := range chans {
			chans[c] = make([]float32, buf.Length())
			if err := buf.CopyFromChannel(chans[c], c, 0); err != nil {
				r.throwRangeError("createMediaRecorder: audio: " + reasonOf(err))
			}
		}
		cp, err := audio.NewAudioBufferFromChannels(chans, buf.SampleRate())
		if err != nil {
			r.throwRangeError("createMediaRecorder: audio: " + reasonOf(err))
		}
		rate := 0
		if sr := cp.SampleRate(); sr != math.Trunc(sr) || sr < 8000 || sr > 96000 {
			rate = 48000 // a rate AAC cannot carry is resampled
		}
		return func() (recorder.PCMSource, error) { return recorder.NewBufferSource(cp, rate) }
	}
	src := r.str(v)
	path, err := r.sandbox.hostPath(src)
	if err != nil {
		r.throwAs(err, "createMediaRecorder: audio: "+reasonOf(err))
	}
	return func() (recorder.PCMSource, error) { return recorder.OpenFileSource(path, 0, 0) }
}

// recorderCall queues f as a task of its own and returns a Promise settled
// with its result: {errMsg: "<api>:ok", …} or a rejection with
// {errMsg: "<api>:fail …"}. An exception thrown by script code inside f (the
// requestFrame callback) is not a failure of the call but of the script.
func (r *Runtime) recorderCall(b *mediaRecorderBinding, api string, f func(res *goja.Object) error) goja.Value {
	p, resolve, reject := r.vm.NewPromise()
	if b.queued >= maxRecorderCalls {
		res := r.vm.NewObject()
		must(res.Set("errMsg", api+":fail too many calls waiting"))
		r.post(func() error { return reject(res) })
		return r.vm.ToValue(p)
	}
	b.queued++
	r.post(func() error {
		b.queued--
		res := r.vm.NewObject()
		err := r.runAPI(func() error { return f(res) })
		var ex *goja.Exception
		var interrupted *goja.InterruptedError
		if errors.As(err, &ex) || errors.As(err, &interrupted) {
			return err
		}
		if err != nil {
			fail := r.vm.NewObject()
			must(fail.Set("errMsg", api+":fail "+reasonOf(err)))
			return reject(fail)
		}
		must(res.Set("errMsg", api+":ok"))
		return resolve(res)
	})
	return r.vm.ToValue(p)
}

// setRecorderResult fills the stop result: the file as a temp path, the
// duration in ms and the size in bytes.
func (r *Runtime) setRecorderResult(o *goja.Object, res recorder.Result) {
	must(o.Set("tempFilePath", tempPrefix+filepath.Base(res.TempFilePath)))
	must(o.Set("duration", float64(res.Duration.Microseconds())/1000))
	must(o.Set("fileSize", res.FileSize))
}

// recorderEvent runs on the loop goroutine (the recorder calls its listeners from
// the goroutine calling its methods: our tasks) and queues the script's
// listeners as a task of their own.
func (r *Runtime) recorderEvent(b *mediaRecorderBinding, e recorder.Event) {
	if e.Type == recorder.EventStop {
		// The finished file counts against the sandbox's write quota.
		if err := r.sandbox.charge(e.Result.FileSize); err != nil {
			os.Remove(e.Result.TempFilePath)
			b.lost = err
			e = recorder.Event{Type: recorder.EventError, Err: err}
		}
	}
	r.post(func() error {
		ls := append([]goja.Value(nil), b.listeners[e.Type]...)
		if len(ls) == 0 {
			return nil
		}
		payload := r.vm.NewObject()
		switch e.Type {
		case recorder.EventStop:
			r.setRecorderResult(payload, e.Result)
		case recorder.EventTimeUpdate:
			must(payload.Set("currentTime", e.CurrentTime))
		case recorder.EventError:
			must(payload.Set("errMsg", "MediaRecorder:fail "+reasonOf(e.Err)))
		}
		for _, l := range ls {
			fn, _ := goja.AssertFunction(l)
			if _, err := fn(goja.Undefined(), payload); err != nil {
				return err
			}
		}
		return nil
	})
}
