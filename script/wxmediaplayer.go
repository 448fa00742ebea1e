package script

import (
	"context"
	"io"
	"math"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/video"
)

// wx.createMediaAudioPlayer over audio.MediaAudioPlayer. On a phone the player
// sends the audio of VideoDecoders to the speaker; a server has none, so the
// player is a mixer the script reads: readPCM(frames), a mediad extension,
// returns the next frames of the mix as interleaved stereo float32 at 44.1 kHz.
// The mix advances only as it is read and only as far as every playing decoder
// has decoded, so the script gets each decoder's audio times the volume, summed,
// with no gap however the decoders and the event loop are scheduled.
//
// Everything runs on the loop goroutine, with no goroutine of its own: the
// decoder's audio blocks are taken (VideoDecoder.GetAudioData) into a bounded
// queue per player whenever the script takes a video frame from the decoder and
// whenever it reads the player, so audio decoded along with the frames the
// script has taken is never lost to the decoder's drop-oldest buffer. With
// abortVideo the decoder waits for its reader, so nothing can be lost and
// readPCM waits (briefly) for its next block rather than return short. A
// decoder's run is over when it reports ended, an error or stop (or is
// removed); starting or seeking it flushes what was queued, and the mix
// continues from the new position.
//
// readPCM returns up to the frames asked for; an empty array while a decoder
// has not decoded far enough yet; null while the player is not started, and
// once every decoder's run has ended and its audio has been read (a script that
// seeks or starts a decoder again reads on). The last chunk of a run is padded
// with silence to the mixer's 128-frame quantum.

const (
	playerRate = 44100
	// feedQueueFrames bounds the decoded audio a player holds per decoder (1.5 s
	// at 44.1 kHz); past it the decoder keeps (and, alongside video, drops) it.
	feedQueueFrames = 1 << 16
	// maxPlayerSources is how many decoders one player may mix.
	maxPlayerSources = 32
	// maxReadPCMFrames bounds one readPCM call (8 MiB of samples).
	maxReadPCMFrames = 1 << 20
	// audioWait bounds how long readPCM waits for an audio-only decoder's
	// next block before returning what it has.
	audioWait = 200 * time.Millisecond
)

// playerBinding is one MediaAudioPlayer object.
type playerBinding struct {
	s         *audio.StreamContext // private: only readPCM renders it
	p         *audio.MediaAudioPlayer
	feeds     []*playerFeed
	started   bool
	destroyed bool
	carry     int    // frames of the last rendered quantum readPCM has not returned yet
	scratch   []byte // readPCM's rendering buffer
}

// decoderAudio is the audio side of a VideoDecoder that players mix.
type decoderAudio struct {
	feeds     []*playerFeed
	running   bool // started and not stopped
	removed   bool
	audioOnly bool        // started with abortVideo
	closing   atomic.Bool // the decoder reported the end of its run
}

// listen follows the decoder's events from its creation, so these listeners run
// before any the script adds: the end of a run is recorded before a script's
// 'ended' handler can seek. A start or seek event, which comes after any event
// of the run it replaced, clears the mark again.
func (da *decoderAudio) listen(d *video.VideoDecoder) {
	for _, ev := range []string{video.EventEnded, video.EventError, video.EventStop} {
		d.On(ev, func(any) { da.closing.Store(true) })
	}
	for _, ev := range []string{video.EventStart, video.EventSeek} {
		d.On(ev, func(any) { da.closing.Store(false) })
	}
}

// playerFeed is one decoder's audio on its way into one player.
type playerFeed struct {
	dec    *decoderBinding
	blocks []*video.AudioData
	off    int // samples of blocks[0] already read
	queued int // frames in blocks
	ended  bool
	gen    int      // bumped when the decoder starts over: the mixer drops the old position
	cur    *feedRun // what the mixer reads now
}

// feedRun is the audio.AudioSource the mixer reads: a feed's blocks of one
// format from one run of the decoder. A change of format or a new run needs a new
// source, since the mixer fixes the rate and channels when a source is added.
type feedRun struct {
	f              *playerFeed
	rate, channels int
	gen            int
}

func (fr *feedRun) SampleRate() int { return fr.rate }
func (fr *feedRun) Channels() int   { return fr.channels }

func (fr *feedRun) ReadAudio(dst []float32) (int, error) {
	f := fr.f
	if fr.gen != f.gen {
		return 0, io.EOF
	}
	want := len(dst) / fr.channels * fr.channels
	n := 0
	for n < want && len(f.blocks) > 0 {
		b := f.blocks[0]
		if b.SampleRate != fr.rate || b.Channels != fr.channels {
			break
		}
		k := copy(dst[n:want], b.Data[f.off:])
		n += k
		f.off += k
		if f.off >= len(b.Data) {
			f.blocks[0] = nil
			f.blocks = f.blocks[1:]
			f.off = 0
		}
	}
	if frames := n / fr.channels; frames > 0 {
		f.queued -= frames
		return frames, nil
	}
	if len(f.blocks) > 0 || f.ended {
		return 0, io.EOF // another format follows, or the decoder has nothing more
	}
	return 0, nil // the decoder has not got this far yet
}

// takeAudio moves the decoder's decoded audio into its players' queues; a full
// queue misses what arrives meanwhile (its player is not being read).
func (b *decoderBinding) takeAudio() {
	da := &b.audio
	if len(da.feeds) == 0 {
		return
	}
	if da.audioOnly && da.running && !da.closing.Load() {
		// No frame ever comes; asking is how the decoder notices, and reports,
		// that its run is over.
		if fr := b.d.GetFrameData(); fr != nil {
			fr.Release()
		}
	}
	for {
		room := false
		for _, f := range da.feeds {
			room = room || f.queued < feedQueueFrames
		}
		if !room {
			return
		}
		a := b.d.GetAudioData()
		if a == nil {
			// After the decoder reported the end, its buffer is closed: an
			// empty take means every block of the run has been taken.
			if da.closing.Load() {
				for _, f := range da.feeds {
					f.ended = true
				}
			}
			return
		}
		da.push(a)
	}
}

// push queues a block for every feed with room.
func (da *decoderAudio) push(a *video.AudioData) {
	if a.Channels <= 0 || a.SampleRate <= 0 || len(a.Data) < a.Channels {
		return
	}
	a.Data = a.Data[:len(a.Data)/a.Channels*a.Channels]
	for _, f := range da.feeds {
		if f.queued < feedQueueFrames {
			f.blocks = append(f.blocks, a)
			f.queued += len(a.Data) / a.Channels
		}
	}
}

// waitAudio waits (at most audioWait) for the next block of an audio-only
// decoder, which decodes only as its audio is taken, so that waiting for it
// cannot stall decoding; it reports whether a block came or the run's end was
// found. A decoder with video is never waited for: it may be blocked on frames
// only the script can take.
func (b *decoderBinding) waitAudio(ctx context.Context) bool {
	da := &b.audio
	room := false
	for _, f := range da.feeds {
		room = room || (!f.ended && f.queued < feedQueueFrames)
	}
	if !da.audioOnly || !da.running || !room {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, audioWait)
	defer cancel()
	a, err := b.d.NextAudio(ctx)
	switch {
	case err == nil:
		da.push(a)
	case ctx.Err() != nil:
		return false
	default:
		// The end of the run, a decoding error, or a stopped decoder.
		for _, f := range da.feeds {
			f.ended = true
		}
	}
	return true
}

// audioRestart runs start (or seek), after which the decoder starts over, and
// flushes what its players had queued of the old position. The VideoDecoder
// binding calls it and audioStopped.
func (b *decoderBinding) audioRestart(start func() error) error {
	err := start()
	da := &b.audio
	if err == nil {
		da.running = true
		da.closing.Store(false)
	}
	for _, f := range da.feeds {
		f.gen++
		clear(f.blocks)
		f.blocks, f.off, f.queued, f.ended = f.blocks[:0], 0, 0, !da.running
	}
	return err
}

func (b *decoderBinding) audioStopped(removed bool) {
	da := &b.audio
	da.running = false
	da.removed = da.removed || removed
	for _, f := range da.feeds {
		f.ended = true
	}
}

// attach makes f one of the decoder's feeds.
func (b *decoderBinding) attach(f *playerFeed) {
	f.ended = !b.audio.running
	b.audio.feeds = append(b.audio.feeds, f)
}

func (b *decoderBinding) detach(f *playerFeed) {
	b.audio.feeds = deleteItem(b.audio.feeds, f)
}

func (r *Runtime) installMediaAudioPlayer(wx *goja.Object, decoders *class[*decoderBinding]) {
	cl := newClass[*playerBinding](r, "MediaAudioPlayer", nil)
	must(wx.Set("createMediaAudioPlayer", func(goja.FunctionCall) goja.Value {
		s, err := audio.NewStreamContext(audio.StreamOptions{Channels: 2, SampleRate: playerRate})
		if err != nil {
			panic(r.vm.NewGoError(err))
		}
		pb := &playerBinding{s: s, p: s.CreateMediaAudioPlayer()}
		if err := pb.p.Connect(s.Destination()); err != nil {
			panic(r.vm.NewGoError(err))
		}
		return cl.wrap(pb)
	}))
	cl.accessor("volume", func(pb *playerBinding) goja.Value { return r.vm.ToValue(float64(pb.p.Volume())) },
		func(pb *playerBinding, v goja.Value) {
			// Values outside [0, 1] are clamped; what is not a number is ignored.
			if f := double(v); !math.IsNaN(f) {
				pb.p.SetVolume(float32(max(0, min(1, f))))
			}
		})
	destroyed := func() error { return failf("MediaAudioPlayer is destroyed") }
	cl.method("start", 0, func(pb *playerBinding, call goja.FunctionCall) goja.Value {
		return r.promiseOf("start", func() error {
			if pb.destroyed {
				return destroyed()
			}
			pb.started = true
			return pb.p.Start()
		})
	})
	cl.method("stop", 0, func(pb *playerBinding, call goja.FunctionCall) goja.Value {
		return r.promiseOf("stop", func() error {
			if pb.destroyed {
				return destroyed()
			}
			pb.started = false
			return pb.p.Stop()
		})
	})
	decoderArg := func(call goja.FunctionCall, method string) *decoderBinding {
		d, ok := decoders.lookup(call.Argument(0))
		if !ok {
			r.throwTypeError("Failed to execute '" + method + "' on 'MediaAudioPlayer': parameter 1 is not a VideoDecoder.")
		}
		return d
	}
	cl.method("addAudioSource", 1, func(pb *playerBinding, call goja.FunctionCall) goja.Value {
		d := decoderArg(call, "addAudioSource")
		return r.promiseOf("addAudioSource", func() error {
			switch {
			case pb.destroyed:
				return destroyed()
			case d.audio.removed:
				return failf("the VideoDecoder has been removed")
			case pb.feed(d) != nil:
				return nil // already mixed in
			case len(pb.feeds) >= maxPlayerSources:
				return failf("at most %d audio sources per player; removeAudioSource the ones no longer playing", maxPlayerSources)
			}
			f := &playerFeed{dec: d}
			d.attach(f)
			pb.feeds = append(pb.feeds, f)
			return nil
		})
	})
	cl.method("removeAudioSource", 1, func(pb *playerBinding, call goja.FunctionCall) goja.Value {
		d := decoderArg(call, "removeAudioSource")
		return r.promiseOf("removeAudioSource", func() error {
			if pb.destroyed {
				return destroyed()
			}
			f := pb.feed(d)
			if f == nil {
				return failf("the VideoDecoder is not an audio source of this player")
			}
			pb.detach(f)
			return nil
		})
	})
	cl.method("destroy", 0, func(pb *playerBinding, call goja.FunctionCall) goja.Value {
		return r.promiseOf("destroy", func() error {
			if pb.destroyed {
				return nil
			}
			for len(pb.feeds) > 0 {
				pb.detach(pb.feeds[0])
			}
			pb.destroyed, pb.started, pb.scratch = true, false, nil
			pb.p.Destroy()
			_ = pb.s.Close()
			return nil
		})
	})
	cl.method("readPCM", 1, func(pb *playerBinding, call goja.FunctionCall) goja.Value {
		frames := r.finiteDouble(call.Argument(0), "MediaAudioPlayer", "readPCM")
		if frames < 1 || frames > maxReadPCMFrames {
			r.throwRangeError("Failed to execute 'readPCM' on 'MediaAudioPlayer': frames must be between 1 and 1048576.")
		}
		n := int(frames)
		if pb.destroyed || !pb.started {
			return goja.Null()
		}
		if len(pb.scratch) < 8*n {
			r.reserve(int64(8 * n))
			pb.scratch = make([]byte, 8*n)
		}
		got, finished := pb.read(r.runCtx, pb.scratch[:8*n])
		if got == 0 && finished {
			return goja.Null()
		}
		r.reserve(int64(8 * got))
		buf := r.vm.NewArrayBuffer(append([]byte(nil), pb.scratch[:8*got]...))
		arr, err := r.vm.New(r.vm.GlobalObject().Get("Float32Array"), r.vm.ToValue(buf))
		must(err)
		return arr
	})
}

// waitAudio waits for the next block of one of the player's audio-only decoders;
// false when none could be waited for.
func (pb *playerBinding) waitAudio(ctx context.Context) bool {
	for _, f := range pb.feeds {
		if f.dec.waitAudio(ctx) {
			return true
		}
	}
	return false
}

// feed returns the feed of decoder d, or nil.
func (pb *playerBinding) feed(d *decoderBinding) *playerFeed {
	for _, f := range pb.feeds {
		if f.dec == d {
			return f
		}
	}
	return nil
}

// detach takes a feed's audio out of the mix.
func (pb *playerBinding) detach(f *playerFeed) {
	if f.cur != nil {
		_ = pb.p.RemoveAudioSource(f.cur)
		f.cur = nil
	}
	pb.feeds = deleteItem(pb.feeds, f)
	f.dec.detach(f)
	clear(f.blocks)
	f.blocks = nil
}

func deleteItem[T comparable](s []T, v T) []T {
	for i, x := range s {
		if x == v {
			return append(s[:i:i], s[i+1:]...)
		}
	}
	return s
}

// pump hands the mixer each feed's next run: after a seek (the rest of the old
// position is dropped), or once the previous run is mixed out and more audio is
// queued.
func (pb *playerBinding) pump() {
	for _, f := range pb.feeds {
		f.dec.takeAudio()
		gen := f.gen
		var head *video.AudioData
		if len(f.blocks) > 0 {
			head = f.blocks[0]
		}
		if f.cur != nil {
			if f.cur.gen == gen && !pb.p.SourceEnded(f.cur) {
				continue
			}
			_ = pb.p.RemoveAudioSource(f.cur)
			f.cur = nil
		}
		if head == nil {
			continue
		}
		run := &feedRun{f: f, rate: head.SampleRate, channels: head.Channels, gen: gen}
		if err := pb.p.AddAudioSource(run, 1); err != nil {
			// A layout the mixer cannot take (more than 32 channels, an absurd
			// rate): that audio is skipped rather than stalling the mix.
			for len(f.blocks) > 0 && f.blocks[0].SampleRate == run.rate && f.blocks[0].Channels == run.channels {
				f.queued -= len(f.blocks[0].Data)/run.channels - f.off/run.channels
				f.blocks[0], f.blocks, f.off = nil, f.blocks[1:], 0
			}
			continue
		}
		f.cur = run
	}
}

// status reports whether the next quantum can be mixed with every source's
// audio, and whether there is nothing more to come (every decoder has ended and
// its audio has been read).
func (pb *playerBinding) status() (ready, finished bool) {
	pb.pump()
	// Reading the sources finds the runs that have just ended; pumping again
	// retires them and starts what follows them.
	pb.p.Ready()
	pb.pump()
	ready, finished = pb.p.Ready(), true
	for _, f := range pb.feeds {
		queued, ended := len(f.blocks) > 0, f.ended
		// A run whose end the last Ready found, with nothing left, is over: a
		// mix that is over says so now, not after a quantum of silence.
		mixing := f.cur != nil && !pb.p.SourceEnded(f.cur)
		if mixing || queued || !ended {
			finished = false
		}
		if !mixing && (queued || !ended) {
			ready = false // waiting for the decoder, or for its next run
		}
	}
	if finished {
		return false, true
	}
	return ready, false
}

// read renders the mix into dst (whole stereo float32 frames) as far as the
// sources allow; it returns the frames written and whether nothing more will come.
func (pb *playerBinding) read(ctx context.Context, dst []byte) (frames int, finished bool) {
	want := len(dst) / 8
	for frames < want {
		if pb.carry == 0 {
			ready, done := pb.status()
			if !ready && !done && pb.waitAudio(ctx) {
				continue
			}
			if !ready {
				return frames, done
			}
			pb.carry = audio.RenderQuantum
		}
		k := min(want-frames, pb.carry)
		if _, err := io.ReadFull(pb.s, dst[8*frames:8*(frames+k)]); err != nil {
			return frames, true
		}
		pb.carry -= k
		frames += k
	}
	return frames, false
}
