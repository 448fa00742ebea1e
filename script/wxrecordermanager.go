package script

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/recorder"
)

// maxQueuedChunks bounds the onFrameRecorded chunks waiting for the event loop;
// chunks beyond it are dropped (and reported once through onError) rather than
// queued without limit behind a busy script.
const maxQueuedChunks = 256

// recorderManagerBinding is the wx.getRecorderManager singleton.
type recorderManagerBinding struct {
	m   *recorder.RecorderManager
	obj *goja.Object
	// on holds the script's listener per event (each on* call replaces it, as in WeChat).
	on map[string]goja.Callable
	// active counts the recordings of this run whose end has not reached the
	// loop; each holds the event loop open.
	active int
	queued atomic.Int32 // chunks posted and not yet delivered
	lost   atomic.Bool  // a chunk was dropped in this recording
}

var recorderManagerEvents = []string{"onStart", "onPause", "onResume", "onStop", "onFrameRecorded", "onError",
	"onInterruptionBegin", "onInterruptionEnd"}

func (r *Runtime) installRecorderManager(wx *goja.Object) {
	must(wx.Set("getRecorderManager", func() goja.Value {
		if r.recorderManager == nil {
			r.recorderManager = r.newRecorderManager()
		}
		return r.recorderManager.obj
	}))
}

func (r *Runtime) newRecorderManager() *recorderManagerBinding {
	b := &recorderManagerBinding{m: recorder.NewRecorderManager(), on: map[string]goja.Callable{}}
	// Every event goes through the inbox: OnFrameRecorded, OnStop and OnError come
	// from the recording goroutine, and the others are delivered as tasks of their
	// own all the same.
	b.m.OnStart(func() { r.postFromGoroutine(func() error { return r.managerEvent(b, "onStart", nil) }) })
	b.m.OnPause(func() { r.postFromGoroutine(func() error { return r.managerEvent(b, "onPause", nil) }) })
	b.m.OnResume(func() { r.postFromGoroutine(func() error { return r.managerEvent(b, "onResume", nil) }) })
	b.m.OnError(func(err error) {
		r.postFromGoroutine(func() error { return r.managerError(b, err) })
	})
	b.m.OnFrameRecorded(func(f recorder.FrameRecorded) {
		if b.queued.Load() >= maxQueuedChunks {
			if !b.lost.Swap(true) {
				r.postFromGoroutine(func() error {
					return r.managerError(b, errors.New("onFrameRecorded chunks dropped: the script did not keep up"))
				})
			}
			return
		}
		b.queued.Add(1)
		data, last := bytes.Clone(f.FrameBuffer), f.IsLastFrame
		r.postFromGoroutine(func() error {
			b.queued.Add(-1)
			return r.managerEvent(b, "onFrameRecorded", func(o *goja.Object) {
				must(o.Set("frameBuffer", r.vm.NewArrayBuffer(data)))
				must(o.Set("isLastFrame", last))
			})
		})
	})
	b.m.OnStop(func(res recorder.StopResult) {
		r.postFromGoroutine(func() error {
			// The finished file counts against the sandbox's write quota.
			if err := r.sandbox.charge(res.FileSize); err != nil {
				os.Remove(res.TempFilePath)
				return r.managerError(b, err)
			}
			return r.managerEvent(b, "onStop", func(o *goja.Object) {
				must(o.Set("tempFilePath", tempPrefix+filepath.Base(res.TempFilePath)))
				must(o.Set("duration", float64(res.Duration.Microseconds())/1000))
				must(o.Set("fileSize", res.FileSize))
			})
		})
	})

	obj := r.vm.NewObject()
	for _, name := range recorderManagerEvents {
		must(obj.Set(name, func(call goja.FunctionCall) goja.Value {
			fn, ok := goja.AssertFunction(call.Argument(0))
			if !ok && !absent(call.Argument(0)) && !goja.IsNull(call.Argument(0)) {
				r.throwTypeError("RecorderManager." + name + ": parameter 1 should be a function")
			}
			if fn == nil {
				delete(b.on, name)
			} else {
				b.on[name] = fn
			}
			return goja.Undefined()
		}))
	}
	must(obj.Set("start", func(call goja.FunctionCall) goja.Value {
		o, _ := call.Argument(0).(*goja.Object)
		if o == nil {
			o = r.vm.NewObject()
		}
		if err := r.runAPI(func() error { return r.managerStart(b, o) }); err != nil {
			r.postFromGoroutine(func() error { return r.managerError(b, err) })
		}
		return goja.Undefined()
	}))
	must(obj.Set("pause", func() { b.m.Pause() }))
	must(obj.Set("resume", func() { b.m.Resume() }))
	must(obj.Set("stop", func() {
		// Only a request: the recording goroutine finishes the file, and onStop or
		// onError reports the outcome. Made here on the loop goroutine, it stops the
		// recording current now, never one an onStop listener starts later.
		b.m.RequestStop()
	}))
	b.obj = obj
	return b
}

// managerStart reads the start options and the PCM source and starts recording.
// source (a server extension: there is no microphone) is an AudioBuffer, such
// as an OfflineAudioContext rendered, or the path of an audio file.
func (r *Runtime) managerStart(b *recorderManagerBinding, o *goja.Object) error {
	var opt recorder.StartOptions
	ints := []struct {
		name string
		dst  *int
	}{{"duration", &opt.Duration}, {"sampleRate", &opt.SampleRate}, {"numberOfChannels", &opt.NumberOfChannels},
		{"encodeBitRate", &opt.EncodeBitRate}, {"frameSize", &opt.FrameSize}}
	for _, f := range ints {
		n, given, err := optNumber(o, f.name)
		if err != nil {
			return err
		}
		if given && (n != float64(int(n)) || n == 0) {
			return failf("parameter error: parameter.%s should be a positive integer", f.name)
		}
		*f.dst = int(n)
	}
	opt.Format = r.optString(o, "format")
	opt.AudioSource = r.optString(o, "audioSource")
	dir, err := r.sandbox.tempDir()
	if err != nil {
		return err
	}
	opt.TempDir = dir
	opt, err = recorder.ValidateStartOptions(opt)
	if err != nil {
		return err
	}
	src, closeSrc, err := r.pcmSource(o.Get("source"), opt.SampleRate)
	if err != nil {
		return err
	}
	b.lost.Store(false)
	if err := b.m.Start(r.runCtx, opt, src); err != nil {
		closeSrc()
		return nil // reported through onError already
	}
	b.active++
	r.loop.keepAlive++
	// This recording's end, taken now: an onStop listener may start the next
	// recording before the goroutine below runs.
	done := b.m.Done()
	go func() {
		<-done
		closeSrc()
		r.postFromGoroutine(func() error {
			if b.active > 0 {
				b.active--
				r.loop.keepAlive--
			}
			return nil
		})
	}()
	return nil
}

// pcmSource opens the source option at rate Hz.
func (r *Runtime) pcmSource(v goja.Value, rate int) (recorder.PCMSource, func(), error) {
	if absent(v) || goja.IsNull(v) {
		return nil, nil, failf("parameter error: parameter.source should be an AudioBuffer or a file path (the server has no microphone)")
	}
	if obj, ok := v.(*goja.Object); ok {
		if g, ok := r.audio.values.get(obj); ok {
			if buf, ok := g.(*audio.AudioBuffer); ok {
				src, err := recorder.NewBufferSource(buf, rate)
				if err != nil {
					return nil, nil, err
				}
				return src, func() {}, nil
			}
		}
		return nil, nil, failf("parameter error: parameter.source should be an AudioBuffer or a file path")
	}
	path, err := r.sandbox.hostPath(r.str(v))
	if err != nil {
		return nil, nil, err
	}
	src, err := recorder.OpenFileSource(path, rate, 0)
	if err != nil {
		return nil, nil, err
	}
	return src, func() { src.Close() }, nil
}

// managerEvent calls the script's listener for event with a payload that fill
// completes (nil: no argument).
func (r *Runtime) managerEvent(b *recorderManagerBinding, event string, fill func(*goja.Object)) error {
	fn := b.on[event]
	if fn == nil {
		return nil
	}
	var args []goja.Value
	if fill != nil {
		o := r.vm.NewObject()
		fill(o)
		args = append(args, o)
	}
	_, err := fn(goja.Undefined(), args...)
	return err
}

func (r *Runtime) managerError(b *recorderManagerBinding, err error) error {
	return r.managerEvent(b, "onError", func(o *goja.Object) {
		must(o.Set("errMsg", "operateRecorder:fail "+reasonOf(err)))
	})
}
