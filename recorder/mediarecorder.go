package recorder

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// Errors that errors.Is can test.
var (
	// ErrInvalidState: the call is not allowed in the recorder's current state
	// (RequestFrame before Start or while paused, Start twice, AttachAudio while recording).
	ErrInvalidState = errors.New("recorder: invalid state")
	// ErrDestroyed: the recorder was destroyed.
	ErrDestroyed = errors.New("recorder: destroyed")
	// ErrInvalidOption wraps every option error of NewMediaRecorder and
	// RecorderManager.Start; the message names the option.
	ErrInvalidOption = errors.New("invalid option")
)

// Event names accepted by MediaRecorder.On.
const (
	EventStart      = "start"
	EventStop       = "stop"
	EventPause      = "pause"
	EventResume     = "resume"
	EventTimeUpdate = "timeupdate"
	EventError      = "error"
)

// Result is what Stop (and the stop event) report.
type Result struct {
	TempFilePath string
	// Duration of the recording: Frames/FPS.
	Duration time.Duration
	FileSize int64
	Frames   int64
}

// Event is passed to listeners. Result is set for stop, CurrentTime (seconds
// recorded so far) for timeupdate, Err for error.
type Event struct {
	Type        string
	Result      Result
	CurrentTime float64
	Err         error
}

// ListenerID identifies a listener for Off.
type ListenerID uint64

type listener struct {
	id ListenerID
	fn func(Event)
}

// Stats splits the time a recording took between the stages of its pipeline. Draw,
// Capture and DrawerBlocked pass on the caller's goroutine, Encode and EncoderIdle
// on the encoder's. In a recording limited by the encoder, DrawerBlocked grows and
// EncoderIdle stays near zero; when EncoderIdle grows instead, drawing (or whatever
// the caller does between frames) is what holds the recording back.
type Stats struct {
	Frames int64
	// Draw is the time spent in RequestFrame's drawing callbacks.
	Draw time.Duration
	// Capture is taking the canvas into a frame buffer: converting it to the
	// encoder's YUV picture (MP4 at the canvas size) or copying its pixels.
	Capture time.Duration
	// DrawerBlocked is the caller waiting for a free frame buffer, every one being
	// queued for or held by the encoder.
	DrawerBlocked time.Duration
	// Encode is the encoder goroutine at work (encoding, muxing, the soundtrack,
	// and finishing the file at Stop).
	Encode time.Duration
	// EncoderIdle is the encoder goroutine waiting for the next frame.
	EncoderIdle time.Duration
}

type recState int

const (
	stateIdle recState = iota
	stateRecording
	statePaused
	stateStopped
	stateDestroyed
)

func (s recState) String() string {
	return [...]string{"idle", "recording", "paused", "stopped", "destroyed"}[s]
}

// MediaRecorder records a canvas frame by frame (wx.createMediaRecorder): each
// RequestFrame runs a drawing callback and captures the canvas as the next frame,
// 1/FPS after the previous one, so recording is independent of wall time. Frames go
// through a bounded queue to an encoder goroutine, so drawing the next frame overlaps
// encoding the last.
//
// Methods are meant to be called from one goroutine; listeners run on that goroutine
// (encoder failures are reported by the next RequestFrame or Stop).
type MediaRecorder struct {
	c   *canvas.Canvas
	opt Options

	mu        sync.Mutex
	state     recState
	listeners map[string][]listener
	nextID    ListenerID
	audio     PCMSource

	sess   *session
	result Result
	stats  Stats
}

// NewMediaRecorder validates opt and returns a recorder of c.
func NewMediaRecorder(c *canvas.Canvas, opt Options) (*MediaRecorder, error) {
	if c == nil {
		return nil, errors.New("recorder: canvas is nil")
	}
	o, err := opt.normalized()
	if err != nil {
		return nil, err
	}
	return &MediaRecorder{c: c, opt: o, listeners: map[string][]listener{}}, nil
}

// Options returns the options in effect (defaults filled in, ranges clamped).
func (m *MediaRecorder) Options() Options { return m.opt }

// On adds a listener for event (start, stop, pause, resume, timeupdate, error).
func (m *MediaRecorder) On(event string, fn func(Event)) (ListenerID, error) {
	switch event {
	case EventStart, EventStop, EventPause, EventResume, EventTimeUpdate, EventError:
	default:
		return 0, fmt.Errorf("recorder: unknown event %q", event)
	}
	if fn == nil {
		return 0, errors.New("recorder: nil listener")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.nextID++
	m.listeners[event] = append(m.listeners[event], listener{m.nextID, fn})
	return m.nextID, nil
}

// Off removes the listener id of event; id 0 removes all of that event's listeners.
func (m *MediaRecorder) Off(event string, id ListenerID) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id == 0 {
		delete(m.listeners, event)
		return
	}
	ls := m.listeners[event]
	for i, l := range ls {
		if l.id == id {
			m.listeners[event] = append(ls[:i:i], ls[i+1:]...)
			return
		}
	}
}

func (m *MediaRecorder) emit(e Event) {
	m.mu.Lock()
	ls := append([]listener(nil), m.listeners[e.Type]...)
	m.mu.Unlock()
	for _, l := range ls {
		l.fn(e)
	}
}

// fail reports err through the error event and returns it.
func (m *MediaRecorder) fail(err error) error {
	m.emit(Event{Type: EventError, Err: err})
	return err
}

func (m *MediaRecorder) stateErr(op string) error {
	if m.state == stateDestroyed {
		return fmt.Errorf("recorder: %s: %w", op, ErrDestroyed)
	}
	return fmt.Errorf("recorder: %s while %s: %w", op, m.state, ErrInvalidState)
}

// AttachAudio sets the soundtrack of the next MP4 recording (nil removes it). The
// source is read as frames are encoded and cut at the video's length; a shorter
// source leaves the rest silent. A source serves one recording: Start consumes the
// attachment, and the caller still owns (and closes) the source. Stop waits for the
// soundtrack up to the video's end, so a PushSource must be fed that far or closed;
// Destroy never waits.
func (m *MediaRecorder) AttachAudio(src PCMSource) error {
	if m.state == stateRecording || m.state == statePaused || m.state == stateDestroyed {
		return m.stateErr("attach audio")
	}
	if src != nil && m.opt.Format != "mp4" {
		return fmt.Errorf("recorder: format %q cannot carry audio; use mp4", m.opt.Format)
	}
	if src != nil && (src.SampleRate() < 8000 || src.SampleRate() > 96000 || src.Channels() < 1) {
		return fmt.Errorf("recorder: audio of %d Hz, %d channels cannot be encoded as AAC", src.SampleRate(), src.Channels())
	}
	m.audio = src
	return nil
}

// Start begins a recording into a new temp file; a stopped recorder may start again.
func (m *MediaRecorder) Start() error {
	if m.state != stateIdle && m.state != stateStopped {
		return m.fail(m.stateErr("start"))
	}
	w, h := m.opt.Width, m.opt.Height
	if w == 0 {
		w = m.c.Width()
	}
	if h == 0 {
		h = m.c.Height()
	}
	if m.opt.Format == "mp4" {
		w, h = w&^1, h&^1
	}
	if w < 1 || h < 1 || w > MaxSide || h > MaxSide {
		return m.fail(fmt.Errorf("recorder: output size %dx%d outside [1, %d] (width/height options or canvas size)", w, h, MaxSide))
	}
	f, err := os.CreateTemp(m.opt.TempDir, "mediarecorder-*."+ext(m.opt.Format))
	if err != nil {
		return m.fail(fmt.Errorf("recorder: create output in %s: %w", m.opt.TempDir, err))
	}
	path := f.Name()
	// quit ends a blocking soundtrack read when the recording is abandoned.
	quit, cancel := context.WithCancel(context.Background())
	sink, err := newSink(quit, f, m.opt, w, h, m.audio)
	if err != nil {
		cancel()
		os.Remove(path)
		return m.fail(err)
	}
	m.audio = nil
	m.sess = newSession(sink, path, m.opt.Queue)
	m.sess.cancel = cancel
	// A recorder dropped mid-recording would leave its encoder goroutine, FFmpeg's
	// memory and a partial file behind; the cleanup abandons such a recording.
	runtime.AddCleanup(m, (*session).abandon, m.sess)
	m.stats = Stats{}
	m.result = Result{}
	m.state = stateRecording
	m.emit(Event{Type: EventStart})
	return nil
}

func ext(format string) string {
	if format == "apng" {
		return "png"
	}
	return format
}

// RequestFrame runs draw (which paints the canvas; nil records the canvas as it is),
// then captures the canvas as the next frame. When the frame reaches Duration the
// recording stops on its own (the stop event fires) and later calls fail with
// ErrInvalidState.
func (m *MediaRecorder) RequestFrame(draw func()) error {
	if m.state != stateRecording {
		return m.fail(m.stateErr("requestFrame"))
	}
	s := m.sess
	if err := s.failed(); err != nil {
		return m.abort(err)
	}
	t0 := time.Now()
	if draw != nil {
		draw()
		// The callback may have stopped, paused or destroyed the recorder.
		if m.sess != s || m.state != stateRecording {
			return m.fail(m.stateErr("requestFrame (recorder changed state while drawing)"))
		}
	}
	t1 := time.Now()
	fb := s.take()
	t2 := time.Now()
	if err := s.capture(fb, m.c.RGBA()); err != nil {
		s.free <- fb
		return m.abort(err)
	}
	s.frames <- fb // never blocks: the channel holds every buffer
	t3 := time.Now()
	m.stats.Draw += t1.Sub(t0)
	m.stats.DrawerBlocked += t2.Sub(t1)
	m.stats.Capture += t3.Sub(t2)
	m.stats.Frames++
	m.emit(Event{Type: EventTimeUpdate, CurrentTime: float64(s.n) / float64(m.opt.FPS)})
	// A timeupdate listener may have stopped the recording already.
	if m.sess == s && s.n >= m.opt.maxFrames() {
		_, err := m.stop()
		return err
	}
	return nil
}

// abort ends a failed recording, removing its file, and reports err.
func (m *MediaRecorder) abort(err error) error {
	s := m.sess
	m.sess = nil
	s.abandon()
	m.state = stateIdle
	return m.fail(err)
}

// Pause suspends the recording: RequestFrame fails until Resume.
func (m *MediaRecorder) Pause() error {
	if m.state != stateRecording {
		return m.fail(m.stateErr("pause"))
	}
	m.state = statePaused
	m.emit(Event{Type: EventPause})
	return nil
}

// Resume continues a paused recording; the next frame follows the last one.
func (m *MediaRecorder) Resume() error {
	if m.state != statePaused {
		return m.fail(m.stateErr("resume"))
	}
	m.state = stateRecording
	m.emit(Event{Type: EventResume})
	return nil
}

// Stop finishes the file and returns it. After an automatic stop (Duration reached)
// it returns that recording's result again.
func (m *MediaRecorder) Stop() (Result, error) {
	if m.state == stateStopped {
		return m.result, nil
	}
	if m.state != stateRecording && m.state != statePaused {
		return Result{}, m.fail(m.stateErr("stop"))
	}
	return m.stop()
}

func (m *MediaRecorder) stop() (Result, error) {
	s := m.sess
	s.close()
	if err := s.failed(); err != nil {
		return Result{}, m.abort(err)
	}
	t := time.Now()
	err := s.sink.finish(s.n)
	s.encodeNs.Add(int64(time.Since(t)))
	if err == nil && s.n == 0 {
		err = errors.New("recorder: stop: no frame was recorded")
	}
	if err != nil {
		return Result{}, m.abort(err)
	}
	m.sess = nil
	s.ended.Store(true)
	s.cancel()
	s.release()
	fi, err := os.Stat(s.path)
	if err != nil {
		m.state = stateIdle
		return Result{}, m.fail(err)
	}
	m.stats.Encode = time.Duration(s.encodeNs.Load())
	m.stats.EncoderIdle = time.Duration(s.idleNs.Load())
	m.result = Result{
		TempFilePath: s.path,
		Duration:     time.Duration(float64(s.n) / float64(m.opt.FPS) * float64(time.Second)),
		FileSize:     fi.Size(),
		Frames:       s.n,
	}
	m.state = stateStopped
	m.emit(Event{Type: EventStop, Result: m.result})
	return m.result, nil
}

// Stats reports the pipeline timings of the current or last recording (Encode and
// EncoderIdle are complete once it has stopped).
func (m *MediaRecorder) Stats() Stats { return m.stats }

// Destroy ends the recorder: a recording in progress is abandoned and its file
// removed; a finished recording's file is kept.
func (m *MediaRecorder) Destroy() error {
	if m.state == stateDestroyed {
		return nil
	}
	if s := m.sess; s != nil {
		m.sess = nil
		s.abandon()
	}
	m.state = stateDestroyed
	m.mu.Lock()
	m.listeners = map[string][]listener{}
	m.mu.Unlock()
	return nil
}

// frameBuf is one captured frame, in RGBA (pix) or, when pic is set, as the
// encoder's YUV picture. A session owns a fixed set of them, passed between the
// caller and the encoder.
type frameBuf struct {
	pix          []byte
	w, h, stride int
	idx          int64
	pic          *ffmpeg.Picture
	yuv          bool // this frame is in pic, not pix
}

// pictureSink is a sink that takes frames as YUV pictures of its output size,
// converted on the caller's goroutine straight from the canvas (no RGBA copy, and
// the encoder's goroutine is left to encode).
type pictureSink interface {
	frameSink
	pictureSize() (w, h int)
	newPicture() (*ffmpeg.Picture, error)
}

// session is one recording: the frame buffers, the queue, the encoder goroutine
// and its sink.
type session struct {
	sink   frameSink
	path   string
	frames chan *frameBuf // captured frames for the encoder
	free   chan *frameBuf // buffers back from the encoder
	bufs   []*frameBuf    // every buffer made so far (at most cap(free))
	conv   *converter
	done   chan struct{}
	n      int64 // frames captured (caller's goroutine)
	closed bool
	ended  atomic.Bool // finished or abandoned
	cancel func()      // ends soundtrack reads

	errMu sync.Mutex
	err   error

	encodeNs, idleNs atomic.Int64
}

// newSession starts the encoder goroutine of a recording whose caller may capture
// queue frames ahead of the one being encoded.
func newSession(sink frameSink, path string, queue int) *session {
	n := queue + 1
	s := &session{sink: sink, path: filepath.Clean(path), frames: make(chan *frameBuf, n),
		free: make(chan *frameBuf, n), done: make(chan struct{})}
	if _, ok := sink.(pictureSink); ok {
		s.conv = newConverter()
	}
	go s.run()
	return s
}

func (s *session) run() {
	defer close(s.done)
	for {
		t := time.Now()
		fb, ok := <-s.frames
		t1 := time.Now()
		s.idleNs.Add(int64(t1.Sub(t)))
		if !ok {
			return
		}
		if s.failed() == nil {
			if err := s.sink.write(fb); err != nil {
				s.errMu.Lock()
				s.err = err
				s.errMu.Unlock()
			}
		}
		// After a failure keep draining so the caller never blocks on a full queue.
		s.free <- fb
		s.encodeNs.Add(int64(time.Since(t1)))
	}
}

func (s *session) failed() error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.err
}

// take returns a free frame buffer, making one while fewer than the queue allows
// exist, else waiting for the encoder to give one back. The buffers' memory is
// bounded and reused for the whole recording (a sync.Pool would drop them at each
// GC, and a 1080x1920 frame is 8 MB to allocate and clear again).
func (s *session) take() *frameBuf {
	select {
	case fb := <-s.free:
		return fb
	default:
	}
	if len(s.bufs) < cap(s.free) {
		fb := &frameBuf{}
		s.bufs = append(s.bufs, fb)
		return fb
	}
	return <-s.free
}

// capture puts img into fb as frame s.n: the caller may draw the next frame while
// the encoder still reads this one.
func (s *session) capture(fb *frameBuf, img *image.RGBA) error {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	fb.idx = s.n
	fb.yuv = false
	if ps, ok := s.sink.(pictureSink); ok {
		// A canvas of the output size, or one pixel wider or taller (MP4 sizes are
		// even), converts directly; others go through the encoder's scaler.
		if pw, ph := ps.pictureSize(); w&^1 == pw && h&^1 == ph {
			if fb.pic == nil {
				p, err := ps.newPicture()
				if err != nil {
					return fmt.Errorf("recorder: %w", err)
				}
				fb.pic = p
			}
			s.conv.convert(fb.pic, img)
			fb.yuv = true
			s.n++
			return nil
		}
	}
	if cap(fb.pix) < 4*w*h {
		fb.pix = make([]byte, 4*w*h)
	}
	fb.pix = fb.pix[:4*w*h]
	fb.w, fb.h, fb.stride = w, h, 4*w
	off := img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y)
	if img.Stride == 4*w {
		copy(fb.pix, img.Pix[off:off+4*w*h])
	} else {
		for y := 0; y < h; y++ {
			copy(fb.pix[y*4*w:(y+1)*4*w], img.Pix[off+y*img.Stride:])
		}
	}
	s.n++
	return nil
}

// release frees the buffers' pictures and the converter's goroutines once the
// encoder has exited.
func (s *session) release() {
	if s.conv != nil {
		s.conv.close()
	}
	for _, fb := range s.bufs {
		if fb.pic != nil {
			fb.pic.Free()
			fb.pic = nil
		}
	}
}

// abandon ends an unfinished recording: the encoder stops, the file goes. It does
// nothing once the recording has ended (finished or abandoned).
func (s *session) abandon() {
	if s.ended.Swap(true) {
		return
	}
	s.cancel()
	s.close()
	s.sink.abort()
	s.release()
	os.Remove(s.path)
}

// close ends the queue and waits for the encoder goroutine to drain it.
func (s *session) close() {
	if !s.closed {
		s.closed = true
		close(s.frames)
	}
	<-s.done
}
