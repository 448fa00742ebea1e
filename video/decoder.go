package video

import (
	"context"
	"errors"
	"image"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// Decoding modes of StartOptions.Mode, as in wx.createVideoDecoder.
const (
	ModePaced = 0 // frames are handed out at the pace of their timestamps
	ModeFast  = 1 // frames are handed out as soon as they are decoded
)

// Event names for On/Off.
const (
	EventStart        = "start"        // payload StartEvent
	EventStop         = "stop"         // payload nil
	EventSeek         = "seek"         // payload SeekEvent, once the first frame at the target is buffered
	EventBufferChange = "bufferchange" // payload BufferEvent
	EventEnded        = "ended"        // payload nil, once the last frame has been taken
	EventError        = "error"        // payload error: decoding stopped early
)

// StartEvent is the payload of EventStart: the upright frame size.
type StartEvent struct{ Width, Height int }

// SeekEvent is the payload of EventSeek.
type SeekEvent struct{ Position int64 } // ms

// BufferEvent is the payload of EventBufferChange.
type BufferEvent struct{ Buffered, Capacity int }

// ErrRemoved is returned by every method of a removed decoder.
var ErrRemoved = errors.New("video: decoder removed")

// ErrNotStarted is returned by SeekTo before Start.
var ErrNotStarted = errors.New("video: decoder not started")

// StartOptions configures VideoDecoder.Start; zero values are the documented defaults.
type StartOptions struct {
	Source     string // local file path (required)
	Mode       int    // ModePaced (0) or ModeFast (1)
	AbortAudio bool   // do not decode audio
	AbortVideo bool   // do not decode video
	// BufferFrames bounds the decode-ahead buffer; 0 means 4. Each buffered frame holds
	// width*height*4 bytes (8 MB at 1080p), so a decoder holds at most BufferFrames+2
	// of them plus those its caller has not released.
	BufferFrames int
	// Threads is the decoder's thread count; 0 picks one per core.
	Threads int
	// MaxPixels refuses videos whose pictures exceed it (before any buffer exists);
	// 0 means ffmpeg.DefaultMaxPixels (8K UHD).
	MaxPixels int
}

// Frame is one decoded picture: upright 8-bit RGBA, non-premultiplied (video is opaque,
// alpha 255), Width*4 bytes per row.
type Frame struct {
	Width, Height int
	Data          []byte
	PkPts, PkDts  int64 // ms; PkDts is the dts of the packet the picture came from
	pool          *framePool
}

// Image returns the frame as an *image.RGBA sharing Data (opaque, so premultiplied and
// straight alpha agree). It is valid until Release.
func (f *Frame) Image() *image.RGBA {
	return &image.RGBA{Pix: f.Data, Stride: 4 * f.Width, Rect: image.Rect(0, 0, f.Width, f.Height)}
}

// Release hands the frame's buffer back to the decoder for reuse. Optional (frames not
// released are garbage-collected) but it keeps steady-state decoding allocation-free.
// The frame must not be used afterwards.
func (f *Frame) Release() {
	if f == nil || f.pool == nil {
		return
	}
	f.pool.put(f.Data)
	f.pool, f.Data = nil, nil
}

// AudioData is one block of decoded audio: interleaved float32 samples.
type AudioData struct {
	SampleRate, Channels int
	Data                 []float32
	PkPts                int64 // ms
}

// framePool recycles RGBA buffers of one size.
type framePool struct {
	mu   sync.Mutex
	size int
	free [][]byte
	max  int
}

func (p *framePool) get(size int) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	if size != p.size {
		p.size, p.free = size, nil
	}
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b
	}
	return make([]byte, size)
}

func (p *framePool) put(b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(b) == p.size && len(p.free) < p.max {
		p.free = append(p.free, b)
	}
}

type listener struct {
	id int
	fn func(any)
}

// VideoDecoder decodes a video file frame by frame (wx.createVideoDecoder). A
// goroutine decodes ahead into a bounded buffer; GetFrameData takes frames out of it.
// Methods are safe for concurrent use. Event callbacks run on a dedicated goroutine,
// in order, and may call the decoder's methods.
type VideoDecoder struct {
	mu        sync.Mutex
	opt       StartOptions
	src       *source
	started   bool
	removed   bool
	cancel    context.CancelFunc
	parent    context.Context // Start's context, kept for the runs SeekTo starts
	done      chan struct{}   // closed when the decode goroutine exits
	frames    chan *Frame
	audio     chan *AudioData
	head      *Frame // taken from frames but not yet due (ModePaced)
	clock     time.Time
	clockBase int64 // pts (ms) shown at clock
	clockSet  bool
	ended     bool
	pool      framePool
	// gen bumps on every halt so a superseded decode goroutine stays quiet; atomic
	// because that goroutine must never wait for mu (halt holds mu while it waits).
	gen atomic.Int64

	errMu  sync.Mutex
	runErr error // why the last decode goroutine stopped early, nil at a clean end

	lmu       sync.Mutex
	listeners map[string][]listener
	nextID    int
	events    chan event
	evDone    chan struct{}
}

type event struct {
	name    string
	payload any
}

// NewVideoDecoder returns an idle decoder (wx.createVideoDecoder).
func NewVideoDecoder() *VideoDecoder {
	d := &VideoDecoder{
		listeners: map[string][]listener{},
		events:    make(chan event, 256),
		evDone:    make(chan struct{}),
	}
	go d.dispatch()
	return d
}

// On subscribes fn to event name and returns a function that unsubscribes it.
func (d *VideoDecoder) On(name string, fn func(any)) (off func()) {
	d.lmu.Lock()
	defer d.lmu.Unlock()
	d.nextID++
	id := d.nextID
	d.listeners[name] = append(d.listeners[name], listener{id, fn})
	return func() {
		d.lmu.Lock()
		defer d.lmu.Unlock()
		ls := d.listeners[name]
		for i, l := range ls {
			if l.id == id {
				d.listeners[name] = append(ls[:i:i], ls[i+1:]...)
				return
			}
		}
	}
}

// Off removes every listener of event name (wx's off without a callback; use the
// function returned by On to remove one).
func (d *VideoDecoder) Off(name string) {
	d.lmu.Lock()
	defer d.lmu.Unlock()
	delete(d.listeners, name)
}

func (d *VideoDecoder) dispatch() {
	defer close(d.evDone)
	for ev := range d.events {
		d.lmu.Lock()
		ls := append([]listener(nil), d.listeners[ev.name]...)
		d.lmu.Unlock()
		for _, l := range ls {
			l.fn(ev.payload)
		}
	}
}

// emit queues an event; it never blocks the decoder (a callback that stalls for
// hundreds of events loses bufferchange events, never others).
func (d *VideoDecoder) emit(name string, payload any) {
	if name == EventBufferChange {
		select {
		case d.events <- event{name, payload}:
		default:
		}
		return
	}
	d.events <- event{name, payload}
}

// Start opens opt.Source and starts decoding ahead. It returns once the source is open;
// decoding errors after that stop the decoder and emit EventError.
func (d *VideoDecoder) Start(ctx context.Context, opt StartOptions) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.removed {
		return ErrRemoved
	}
	if opt.Source == "" {
		return errors.New("video: start: source is required")
	}
	if opt.AbortAudio && opt.AbortVideo {
		return errors.New("video: start: both audio and video aborted")
	}
	if opt.Mode != ModePaced && opt.Mode != ModeFast {
		return errors.New("video: start: mode must be 0 or 1")
	}
	if opt.BufferFrames <= 0 {
		opt.BufferFrames = 4
	}
	d.stopLocked(false)
	src, err := openSource(opt.Source, sourceOptions{video: !opt.AbortVideo, audio: !opt.AbortAudio, threads: opt.Threads, maxPixels: opt.MaxPixels})
	if err != nil {
		return err
	}
	d.opt, d.src, d.started, d.parent = opt, src, true, ctx
	d.pool.max = opt.BufferFrames + 2
	w, h := src.vinfo.Width, src.vinfo.Height
	if src.vinfo.Rotation == 90 || src.vinfo.Rotation == 270 {
		w, h = h, w
	}
	d.emit(EventStart, StartEvent{Width: w, Height: h})
	d.runLocked(ctx, -1)
	return nil
}

// runLocked starts the decode goroutine; frames ending before seekMs are skipped.
func (d *VideoDecoder) runLocked(parent context.Context, seekMs int64) {
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	d.cancel = cancel
	d.done = make(chan struct{})
	d.frames = make(chan *Frame, d.opt.BufferFrames)
	d.audio = make(chan *AudioData, 4*d.opt.BufferFrames)
	d.head, d.clockSet, d.ended = nil, false, false
	d.errMu.Lock()
	d.runErr = nil
	d.errMu.Unlock()
	go d.decodeLoop(ctx, d.src, d.frames, d.audio, d.done, seekMs, d.gen.Add(1))
}

func (d *VideoDecoder) decodeLoop(ctx context.Context, src *source, frames chan *Frame, audio chan *AudioData, done chan struct{}, seekMs, gen int64) {
	defer close(done)
	defer close(frames)
	defer close(audio)
	capacity := cap(frames)
	seekPending := seekMs >= 0
	for {
		kind, err := src.nextOut()
		if err == io.EOF {
			if seekPending {
				d.emitIf(gen, EventSeek, SeekEvent{seekMs})
			}
			return
		}
		if err != nil {
			d.fail(gen, err)
			return
		}
		if ctx.Err() != nil {
			// Start's context ended (a halt also cancels, but then gen has moved on
			// and fail stays quiet).
			d.fail(gen, ctx.Err())
			return
		}
		switch kind {
		case ffmpeg.MediaAudio:
			pcm, err := src.rs.Convert(src.fr, nil)
			if err != nil {
				d.fail(gen, err)
				return
			}
			f := src.rs.Format()
			ad := &AudioData{SampleRate: f.SampleRate, Channels: f.Channels, Data: pcm,
				PkPts: ffmpeg.ToMs(src.fr.Pts(), src.fr.TimeBase())}
			if seekMs >= 0 && ad.PkPts != ffmpeg.NoPTS && ad.PkPts-src.startMs()+blockMs(ad) <= seekMs {
				continue // audio before the seek target
			}
			if src.vdec == nil {
				// Audio is all there is: wait for the reader like video does.
				select {
				case audio <- ad:
				case <-ctx.Done():
					return
				}
				if seekPending {
					seekPending = false
					d.emitIf(gen, EventSeek, SeekEvent{seekMs})
				}
				continue
			}
			// Unread audio is dropped oldest-first rather than stalling video decoding.
			for {
				select {
				case audio <- ad:
				default:
					select {
					case <-audio:
					default:
					}
					continue
				}
				break
			}
		case ffmpeg.MediaVideo:
			w, h := src.outputSize()
			buf := d.pool.get(w * h * 4)
			if err := src.rgba(buf); err != nil {
				d.pool.put(buf)
				d.fail(gen, err)
				return
			}
			tb := src.out.TimeBase()
			fr := &Frame{Width: w, Height: h, Data: buf, pool: &d.pool,
				PkPts: ffmpeg.ToMs(src.out.Pts(), tb), PkDts: ffmpeg.ToMs(src.out.PktDts(), tb)}
			select {
			case frames <- fr:
			case <-ctx.Done():
				fr.Release()
				d.fail(gen, ctx.Err())
				return
			}
			if n := len(frames); n == 1 || n == capacity {
				d.emitIf(gen, EventBufferChange, BufferEvent{n, capacity})
			}
			if seekPending {
				seekPending = false
				d.emitIf(gen, EventSeek, SeekEvent{seekMs})
			}
		}
	}
}

// fail records why decoding stopped (NextFrame returns it) and emits EventError.
func (d *VideoDecoder) fail(gen int64, err error) {
	if d.gen.Load() != gen {
		return
	}
	d.errMu.Lock()
	d.runErr = err
	d.errMu.Unlock()
	d.emit(EventError, err)
}

// emitIf emits unless the run that wants to emit has been superseded.
func (d *VideoDecoder) emitIf(gen int64, name string, payload any) {
	if d.gen.Load() == gen {
		d.emit(name, payload)
	}
}

// GetFrameData returns the next frame, or nil when none is ready (the buffer is
// momentarily empty, the decoder is stopped, or the stream has ended). In ModePaced a
// frame is returned once its timestamp is due on a clock started by the first frame
// taken; frames whose successor is already due are skipped, as a player drops late
// frames. The caller owns the frame (see Frame.Release).
func (d *VideoDecoder) GetFrameData() *Frame {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.getFrameDataLocked()
}

func (d *VideoDecoder) getFrameDataLocked() *Frame {
	if !d.started || d.removed || d.frames == nil {
		return nil
	}
	if d.opt.Mode == ModeFast {
		return d.takeLocked()
	}
	now := time.Now()
	var out *Frame
	for {
		if d.head == nil {
			d.head = d.takeLocked()
			if d.head == nil {
				break
			}
		}
		if !d.clockSet {
			d.clock, d.clockBase, d.clockSet = now, d.head.PkPts, true
		}
		if d.head.PkPts-d.clockBase > now.Sub(d.clock).Milliseconds() {
			break // not due yet
		}
		out.Release()
		out, d.head = d.head, nil
	}
	return out
}

// NextFrame waits for the next frame (paced by timestamps in ModePaced) and returns
// io.EOF after the last one, or the error that stopped decoding. It is the blocking
// counterpart of GetFrameData for Go callers.
func (d *VideoDecoder) NextFrame(ctx context.Context) (*Frame, error) {
	for {
		d.mu.Lock()
		if d.removed {
			d.mu.Unlock()
			return nil, ErrRemoved
		}
		if !d.started || d.frames == nil {
			d.mu.Unlock()
			return nil, ErrNotStarted
		}
		if d.opt.Mode == ModePaced {
			f := d.getFrameDataLocked()
			ended, wait := d.ended, time.Millisecond
			if f == nil && d.head != nil && d.clockSet {
				wait = time.Duration(d.head.PkPts-d.clockBase)*time.Millisecond - time.Since(d.clock)
			}
			d.mu.Unlock()
			if f != nil {
				return f, nil
			}
			if ended {
				return nil, d.endErr()
			}
			t := time.NewTimer(max(wait, 100*time.Microsecond))
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, ctx.Err()
			case <-t.C:
			}
			continue
		}
		ch := d.frames
		d.mu.Unlock()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case f, ok := <-ch:
			d.mu.Lock()
			if ch != d.frames {
				// A seek or stop replaced the buffer while we waited.
				d.mu.Unlock()
				if ok {
					f.Release()
				}
				continue
			}
			if !ok {
				if !d.ended {
					d.ended = true
					d.emit(EventEnded, nil)
				}
				d.mu.Unlock()
				return nil, d.endErr()
			}
			if len(ch) == 0 {
				d.emit(EventBufferChange, BufferEvent{0, cap(ch)})
			}
			d.mu.Unlock()
			return f, nil
		}
	}
}

func (d *VideoDecoder) endErr() error {
	d.errMu.Lock()
	defer d.errMu.Unlock()
	if d.runErr != nil {
		return d.runErr
	}
	return io.EOF
}

// NextAudio waits for the next block of audio; io.EOF after the last one. Meant for
// AbortVideo decoding, where no block is dropped.
func (d *VideoDecoder) NextAudio(ctx context.Context) (*AudioData, error) {
	for {
		d.mu.Lock()
		if d.removed {
			d.mu.Unlock()
			return nil, ErrRemoved
		}
		if !d.started || d.audio == nil {
			d.mu.Unlock()
			return nil, ErrNotStarted
		}
		ch := d.audio
		d.mu.Unlock()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case a, ok := <-ch:
			d.mu.Lock()
			stale := ch != d.audio
			d.mu.Unlock()
			if stale {
				continue // a seek or stop replaced the buffer
			}
			if !ok {
				return nil, d.endErr()
			}
			return a, nil
		}
	}
}

// takeLocked takes one frame from the buffer without waiting.
func (d *VideoDecoder) takeLocked() *Frame {
	select {
	case f, ok := <-d.frames:
		if !ok {
			if !d.ended && d.head == nil {
				d.ended = true
				d.emit(EventEnded, nil)
			}
			return nil
		}
		if len(d.frames) == 0 {
			d.emit(EventBufferChange, BufferEvent{0, cap(d.frames)})
		}
		return f
	default:
		return nil
	}
}

// GetAudioData returns the next block of decoded audio or nil. Audio is decoded only
// when the source has an audio stream and AbortAudio is false. Alongside video, blocks
// not taken in time are dropped (oldest first) so video decoding never waits on audio;
// with AbortVideo nothing is dropped and decoding waits for the reader.
func (d *VideoDecoder) GetAudioData() *AudioData {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.started || d.removed || d.audio == nil {
		return nil
	}
	select {
	case a := <-d.audio:
		return a
	default:
		return nil
	}
}

// SeekTo is wx's seek (renamed because go vet reserves Seek for io.Seeker). It restarts
// decoding at position ms from the start of the stream, frame-accurately: the first
// frame returned afterwards is the one on screen at ms. EventSeek follows once that
// frame is buffered.
func (d *VideoDecoder) SeekTo(ms int64) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.removed {
		return ErrRemoved
	}
	if !d.started || d.src == nil {
		return ErrNotStarted
	}
	if ms < 0 {
		ms = 0
	}
	d.haltLocked()
	if err := d.src.seek(ms); err != nil {
		return err
	}
	d.runLocked(d.parent, ms)
	return nil
}

// haltLocked stops the decode goroutine and empties the buffer (keeping the source).
func (d *VideoDecoder) haltLocked() {
	if d.cancel == nil {
		return
	}
	d.gen.Add(1)
	d.cancel()
	// The goroutine may be blocked on a full buffer; draining also frees it.
	for {
		select {
		case f, ok := <-d.frames:
			if ok {
				f.Release()
				continue
			}
		case <-d.done:
		}
		break
	}
	<-d.done
	for f := range d.frames {
		f.Release()
	}
	d.head.Release()
	d.head, d.cancel = nil, nil
}

// Stop stops decoding and closes the source; Start may be called again.
func (d *VideoDecoder) Stop() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.removed {
		return ErrRemoved
	}
	d.stopLocked(true)
	return nil
}

func (d *VideoDecoder) stopLocked(notify bool) {
	if !d.started {
		return
	}
	d.haltLocked()
	d.src.close()
	d.src, d.started, d.frames, d.audio = nil, false, nil, nil
	if notify {
		d.emit(EventStop, nil)
	}
}

// Remove stops the decoder and releases everything; later calls return ErrRemoved.
// Events already queued (ending with stop) are still delivered afterwards; Remove does
// not wait for them, so it may be called from a callback.
func (d *VideoDecoder) Remove() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.removed {
		return ErrRemoved
	}
	d.stopLocked(true)
	d.removed = true
	close(d.events)
	return nil
}

// blockMs is the length of an audio block in ms.
func blockMs(a *AudioData) int64 {
	if a.SampleRate <= 0 || a.Channels <= 0 {
		return 0
	}
	return int64(len(a.Data)/a.Channels) * 1000 / int64(a.SampleRate)
}
