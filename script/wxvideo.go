package script

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/video"
)

// installWxVideo binds wx.getVideoInfo, wx.createVideoDecoder and
// wx.createMediaContainer over package video. Sources are sandbox paths.
func (r *Runtime) installWxVideo(wx *goja.Object) {
	r.defineAsync(wx, wxAPI{
		name:    "getVideoInfo",
		options: []string{"src"},
		results: []string{"orientation", "type", "duration", "size", "height", "width", "fps", "bitrate"},
		run: func(o, res *goja.Object) error {
			src, err := r.needString(o, "src")
			if err != nil {
				return err
			}
			loc, err := r.sandbox.resolve(src, false)
			if err != nil {
				return err
			}
			f, err := loc.root.Open(loc.name)
			if err != nil {
				return fsError(err, src)
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil || !st.Mode().IsRegular() {
				return fmt.Errorf("%w: %s is not a regular file", errPermission, clip(src))
			}
			info, err := video.InfoReader(f, st.Size())
			if err != nil {
				return err
			}
			for _, kv := range []struct {
				k string
				v any
			}{{"orientation", info.Orientation}, {"type", info.Type}, {"duration", info.Duration}, {"size", info.Size},
				{"height", info.Height}, {"width", info.Width}, {"fps", info.Fps}, {"bitrate", info.Bitrate}} {
				must(res.Set(kv.k, kv.v))
			}
			if a := info.Audio; a != nil {
				// A mediad extension: the main audio stream, when there is one.
				ao := r.vm.NewObject()
				must(ao.Set("codec", a.Codec))
				must(ao.Set("sampleRate", a.SampleRate))
				must(ao.Set("channels", a.Channels))
				must(ao.Set("duration", a.Duration))
				must(ao.Set("bitrate", a.Bitrate))
				must(res.Set("audio", ao))
			}
			return nil
		},
	})
	decoders := r.installVideoDecoder(wx)
	r.installMediaAudioPlayer(wx, decoders)
	r.installCompressVideo(wx)
	r.installMediaContainer(wx)
	r.installMediaRecorder(wx)
	r.installRecorderManager(wx)
}

// decoderBinding is one VideoDecoder object.
type decoderBinding struct {
	d     *video.VideoDecoder
	alive bool // counted in the loop's keepAlive
	// audio is what MediaAudioPlayers mixing this decoder need (wxmediaplayer.go).
	audio decoderAudio
	// offs are the off functions of the script's listeners, by event and
	// callback, for off(event, callback).
	offs map[string][]listenerOff
}

type listenerOff struct {
	fn  goja.Value
	off func()
}

func (r *Runtime) setAlive(b *decoderBinding, alive bool) {
	if b.alive == alive {
		return
	}
	b.alive = alive
	if alive {
		r.loop.keepAlive++
	} else {
		r.loop.keepAlive--
	}
}

func (b *decoderBinding) listening() bool {
	for _, ls := range b.offs {
		if len(ls) > 0 {
			return true
		}
	}
	return false
}

// promiseOf runs f now and returns a Promise settled from a task: resolved with
// {errMsg: "<api>:ok"}, or rejected with {errMsg: "<api>:fail reason"}.
func (r *Runtime) promiseOf(api string, f func() error) goja.Value {
	err := r.runAPI(f)
	res := r.vm.NewObject()
	if err != nil {
		must(res.Set("errMsg", api+":fail "+reasonOf(err)))
	} else {
		must(res.Set("errMsg", api+":ok"))
	}
	p, resolve, reject := r.vm.NewPromise()
	r.post(func() error {
		if err != nil {
			return reject(res)
		}
		return resolve(res)
	})
	return r.vm.ToValue(p)
}

func (r *Runtime) installVideoDecoder(wx *goja.Object) *class[*decoderBinding] {
	cl := newClass[*decoderBinding](r, "VideoDecoder", nil)
	must(wx.Set("createVideoDecoder", func() goja.Value {
		b := &decoderBinding{d: video.NewVideoDecoder(), offs: map[string][]listenerOff{}}
		b.audio.listen(b.d)
		r.decoders = append(r.decoders, b.d)
		// The loop stops waiting once decoding is over.
		for _, ev := range []string{video.EventEnded, video.EventError} {
			b.d.On(ev, func(any) { r.postFromGoroutine(func() error { r.setAlive(b, false); return nil }) })
		}
		return cl.wrap(b)
	}))
	cl.method("start", 1, func(b *decoderBinding, call goja.FunctionCall) goja.Value {
		return r.promiseOf("start", func() error {
			o, ok := call.Argument(0).(*goja.Object)
			if !ok {
				return failf("parameter error: start needs an object")
			}
			src, err := r.needString(o, "source")
			if err != nil {
				return err
			}
			if isURL(src) {
				return failf("network sources are not supported; download the video first")
			}
			path, err := r.sandbox.hostPath(src)
			if err != nil {
				return err
			}
			mode, err := intOption(o, "mode")
			if err != nil {
				return err
			}
			lim := r.canvasLimits()
			opt := video.StartOptions{Source: path, Mode: mode, MaxPixels: int(lim.MaxPixels),
				AbortAudio: o.Get("abortAudio") != nil && o.Get("abortAudio").ToBoolean(),
				AbortVideo: o.Get("abortVideo") != nil && o.Get("abortVideo").ToBoolean()}
			if err := b.audioRestart(func() error {
				b.audio.audioOnly = opt.AbortVideo
				return b.d.Start(r.runCtx, opt)
			}); err != nil {
				return hostPathsHidden(err, path, src)
			}
			r.setAlive(b, b.listening())
			return nil
		})
	})
	cl.method("getFrameData", 0, func(b *decoderBinding, call goja.FunctionCall) goja.Value {
		// The audio decoded before this frame goes to the players mixing it
		// first, before the decoder's small audio buffer can overflow.
		b.takeAudio()
		f := b.d.GetFrameData()
		if f == nil {
			return goja.Null()
		}
		defer f.Release()
		r.reserve(int64(len(f.Data)))
		o := r.vm.NewObject()
		must(o.Set("width", f.Width))
		must(o.Set("height", f.Height))
		must(o.Set("data", r.vm.NewArrayBuffer(append([]byte(nil), f.Data...))))
		must(o.Set("pkPts", f.PkPts))
		must(o.Set("pkDts", f.PkDts))
		return o
	})
	cl.method("seek", 1, func(b *decoderBinding, call goja.FunctionCall) goja.Value {
		ms := call.Argument(0).ToFloat()
		return r.promiseOf("seek", func() error {
			if ms != ms || ms < 0 || ms > 1e12 {
				return failf("parameter error: position must be a non-negative number of ms")
			}
			return b.audioRestart(func() error { return b.d.SeekTo(int64(ms)) })
		})
	})
	cl.method("stop", 0, func(b *decoderBinding, call goja.FunctionCall) goja.Value {
		return r.promiseOf("stop", func() error {
			r.setAlive(b, false)
			b.audioStopped(false)
			return b.d.Stop()
		})
	})
	cl.method("remove", 0, func(b *decoderBinding, call goja.FunctionCall) goja.Value {
		return r.promiseOf("remove", func() error {
			r.setAlive(b, false)
			b.audioStopped(true)
			return b.d.Remove()
		})
	})
	cl.method("on", 2, func(b *decoderBinding, call goja.FunctionCall) goja.Value {
		name := r.str(call.Argument(0))
		fnv := call.Argument(1)
		fn, ok := goja.AssertFunction(fnv)
		if !ok {
			r.throwTypeError("VideoDecoder.on: the listener is not a function")
		}
		off := b.d.On(name, func(payload any) {
			r.postFromGoroutine(func() error {
				_, err := fn(goja.Undefined(), r.videoEvent(payload))
				return err
			})
		})
		b.offs[name] = append(b.offs[name], listenerOff{fnv, off})
		return goja.Undefined()
	})
	cl.method("off", 1, func(b *decoderBinding, call goja.FunctionCall) goja.Value {
		name := r.str(call.Argument(0))
		fnv := call.Argument(1)
		kept := b.offs[name][:0]
		for _, l := range b.offs[name] {
			if absent(fnv) || l.fn.StrictEquals(fnv) {
				l.off()
				continue
			}
			kept = append(kept, l)
		}
		b.offs[name] = kept
		if !b.listening() {
			r.setAlive(b, false)
		}
		return goja.Undefined()
	})
	return cl
}

// videoEvent converts a decoder event payload to the object wx passes.
func (r *Runtime) videoEvent(payload any) goja.Value {
	o := r.vm.NewObject()
	switch p := payload.(type) {
	case video.StartEvent:
		must(o.Set("width", p.Width))
		must(o.Set("height", p.Height))
	case video.SeekEvent:
		must(o.Set("position", p.Position))
	case video.BufferEvent:
		must(o.Set("buffered", p.Buffered))
		must(o.Set("capacity", p.Capacity))
	case error:
		must(o.Set("errMsg", "VideoDecoder:fail "+reasonOf(p)))
	}
	return o
}

// containerBinding is one MediaContainer object, with the JavaScript objects
// of the tracks it handed out.
type containerBinding struct {
	c *video.MediaContainer
}

func (r *Runtime) installMediaContainer(wx *goja.Object) {
	tracks := newClass[*video.MediaTrack](r, "MediaTrack", nil)
	tracks.accessor("kind", func(t *video.MediaTrack) goja.Value { return r.vm.ToValue(t.Kind) }, nil)
	tracks.accessor("duration", func(t *video.MediaTrack) goja.Value { return r.vm.ToValue(t.Duration) }, nil)
	tracks.accessor("volume", func(t *video.MediaTrack) goja.Value { return r.vm.ToValue(t.Volume) },
		func(t *video.MediaTrack, v goja.Value) {
			if f := v.ToFloat(); f >= 0 && f <= 10 {
				t.Volume = f
			}
		})
	cl := newClass[*containerBinding](r, "MediaContainer", nil)
	must(wx.Set("createMediaContainer", func() goja.Value {
		return cl.wrap(&containerBinding{c: video.NewMediaContainer()})
	}))
	r.defineAsync(cl.proto, wxAPI{
		name:    "extractDataSource",
		options: []string{"source"},
		results: []string{"tracks"},
		run: func(o, res *goja.Object) error {
			b, err := r.thisContainer(cl, o)
			if err != nil {
				return err
			}
			src, err := r.needString(o, "source")
			if err != nil {
				return err
			}
			path, err := r.sandbox.hostPath(src)
			if err != nil {
				return err
			}
			ts, err := b.c.ExtractDataSource(path)
			if err != nil {
				return hostPathsHidden(err, path, src)
			}
			list := make([]any, len(ts))
			for i, t := range ts {
				list[i] = tracks.wrap(t)
			}
			must(res.Set("tracks", r.vm.NewArray(list...)))
			return nil
		},
	})
	r.defineAsync(cl.proto, wxAPI{
		name:    "export",
		results: []string{"tempFilePath"},
		run: func(o, res *goja.Object) error {
			b, err := r.thisContainer(cl, o)
			if err != nil {
				return err
			}
			dir, err := r.sandbox.tempDir()
			if err != nil {
				return err
			}
			f, err := os.CreateTemp(dir, "export-*.mp4")
			if err != nil {
				return err
			}
			f.Close()
			if err := b.c.ExportTo(r.runCtx, f.Name()); err != nil {
				os.Remove(f.Name())
				return err
			}
			if st, err := os.Stat(f.Name()); err == nil {
				if err := r.sandbox.charge(st.Size()); err != nil {
					os.Remove(f.Name())
					return err
				}
			}
			must(res.Set("tempFilePath", tempPrefix+filepath.Base(f.Name())))
			return nil
		},
	})
	// The two async methods belong to MediaContainer, not wx.
	r.wxAPIs = r.wxAPIs[:len(r.wxAPIs)-2]
	cl.method("addTrack", 1, func(b *containerBinding, call goja.FunctionCall) goja.Value {
		t, ok := tracks.lookup(call.Argument(0))
		if !ok {
			r.throwTypeError("MediaContainer.addTrack: parameter 1 is not a MediaTrack")
		}
		if err := b.c.AddTrack(t); err != nil {
			panic(r.vm.NewGoError(errors.New("addTrack:fail " + reasonOf(err))))
		}
		return goja.Undefined()
	})
	cl.method("removeTrack", 1, func(b *containerBinding, call goja.FunctionCall) goja.Value {
		t, ok := tracks.lookup(call.Argument(0))
		if !ok {
			r.throwTypeError("MediaContainer.removeTrack: parameter 1 is not a MediaTrack")
		}
		if err := b.c.RemoveTrack(t); err != nil {
			panic(r.vm.NewGoError(errors.New("removeTrack:fail " + reasonOf(err))))
		}
		return goja.Undefined()
	})
	cl.method("destroy", 0, func(b *containerBinding, call goja.FunctionCall) goja.Value {
		b.c.Destroy()
		return goja.Undefined()
	})
}

// thisContainer finds the container an async method was called on: defineAsync
// passes the option object only, so the method reads `this` from the call it
// recorded.
func (r *Runtime) thisContainer(cl *class[*containerBinding], o *goja.Object) (*containerBinding, error) {
	b, ok := cl.lookup(r.asyncThis)
	if !ok {
		return nil, failf("Illegal invocation")
	}
	return b, nil
}
