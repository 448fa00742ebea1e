package recorder

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// RecorderManager option limits (spec §7.2).
const (
	DefaultRecordDuration = 60000  // ms
	MaxRecordDuration     = 600000 // ms
	DefaultSampleRate     = 8000
	DefaultEncodeBitRate  = 48000
	MaxFrameSize          = 1024 // KB
)

// bitRateRange is the table of encodeBitRate values WeChat accepts per sampleRate.
var bitRateRange = map[int][2]int{
	8000:  {16000, 48000},
	11025: {16000, 48000},
	12000: {24000, 64000},
	16000: {24000, 96000},
	22050: {32000, 128000},
	24000: {32000, 128000},
	32000: {48000, 192000},
	44100: {64000, 320000},
	48000: {64000, 320000},
}

var audioSources = []string{"auto", "buildInMic", "headsetMic", "mic", "camcorder", "voice_communication", "voice_recognition"}

// StartOptions are the options of RecorderManager.start. Zero values take the
// defaults.
type StartOptions struct {
	// Duration in ms (default 60000, at most 600000): recording stops on its own there.
	Duration int
	// SampleRate is one of 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100,
	// 48000 (default 8000). The source must deliver this rate.
	SampleRate int
	// NumberOfChannels is 1 or 2 (default 2); the source is mixed to it.
	NumberOfChannels int
	// EncodeBitRate in bits per second must lie in the range the table allows for
	// SampleRate (aac and mp3 only). Zero takes 48000 moved into that range.
	EncodeBitRate int
	// Format is "aac" (ADTS, the default), "mp3", "wav" or "PCM" (raw 16-bit
	// little-endian).
	Format string
	// FrameSize in KB: OnFrameRecorded receives the encoded stream in chunks of this
	// size (mp3 chunks end on frame boundaries). Only for mp3 and PCM; other formats
	// ignore it, as WeChat does.
	FrameSize int
	// AudioSource is accepted for compatibility ("auto" and the device names WeChat
	// lists) and otherwise ignored: the source is the PCMSource given to Start.
	AudioSource string
	// TempDir receives the output file (default os.TempDir()).
	TempDir string
}

func optErr(format string, args ...any) error {
	return fmt.Errorf("recorder: start: "+format+": %w", append(args, ErrInvalidOption)...)
}

func (o StartOptions) normalized() (StartOptions, error) {
	switch {
	case o.Duration < 0 || o.Duration > MaxRecordDuration:
		return o, optErr("duration %d ms outside [1, %d]", o.Duration, MaxRecordDuration)
	case o.Duration == 0:
		o.Duration = DefaultRecordDuration
	}
	if o.SampleRate == 0 {
		o.SampleRate = DefaultSampleRate
	}
	r, ok := bitRateRange[o.SampleRate]
	if !ok {
		return o, optErr("sampleRate %d is not one of 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000", o.SampleRate)
	}
	switch o.NumberOfChannels {
	case 0:
		o.NumberOfChannels = 2
	case 1, 2:
	default:
		return o, optErr("numberOfChannels %d is not 1 or 2", o.NumberOfChannels)
	}
	switch strings.ToLower(o.Format) {
	case "", "aac":
		o.Format = "aac"
	case "mp3":
		o.Format = "mp3"
	case "wav":
		o.Format = "wav"
	case "pcm":
		o.Format = "PCM"
	default:
		return o, optErr("format %q is not one of aac, mp3, wav, PCM", o.Format)
	}
	if o.EncodeBitRate == 0 {
		o.EncodeBitRate = min(max(DefaultEncodeBitRate, r[0]), r[1])
	}
	if (o.Format == "aac" || o.Format == "mp3") && (o.EncodeBitRate < r[0] || o.EncodeBitRate > r[1]) {
		return o, optErr("encodeBitRate %d is outside %d–%d, the range for sampleRate %d", o.EncodeBitRate, r[0], r[1], o.SampleRate)
	}
	if o.FrameSize < 0 || o.FrameSize > MaxFrameSize {
		return o, optErr("frameSize %d KB outside [1, %d]", o.FrameSize, MaxFrameSize)
	}
	if o.Format != "mp3" && o.Format != "PCM" {
		o.FrameSize = 0
	}
	if o.AudioSource == "" {
		o.AudioSource = "auto"
	}
	known := false
	for _, s := range audioSources {
		known = known || s == o.AudioSource
	}
	if !known {
		return o, optErr("audioSource %q is not one of %s", o.AudioSource, strings.Join(audioSources, ", "))
	}
	if o.TempDir == "" {
		o.TempDir = os.TempDir()
	}
	return o, nil
}

// AvailableAudioSources is wx.getAvailableAudioSources: on a server the only input
// is the PCMSource given to Start, so the answer is "auto".
func AvailableAudioSources() []string { return []string{"auto"} }

// ValidateStartOptions checks o as Start does and returns it with defaults filled in,
// so a caller can report a bad option before opening its source.
func ValidateStartOptions(o StartOptions) (StartOptions, error) { return o.normalized() }

// StopResult is the payload of OnStop and the result of Stop.
type StopResult struct {
	TempFilePath string
	Duration     time.Duration
	FileSize     int64
}

// FrameRecorded is the payload of OnFrameRecorded: one chunk of the encoded stream.
// IsLastFrame marks the final chunk of a recording that ended normally.
type FrameRecorded struct {
	FrameBuffer []byte
	IsLastFrame bool
}

// RecorderManager is wx.getRecorderManager on the server: it records a PCMSource to
// a file. OnStart, OnPause and OnResume run on the goroutine calling Start, Pause and
// Resume; OnFrameRecorded, OnStop and OnError may run on the recording goroutine
// (one at a time, never concurrently with each other). Each On* call replaces that
// event's listener; nil removes it. The manager is idle again before OnStop (or the
// OnError that ends a recording) runs, so the listener may Start the next recording.
type RecorderManager struct {
	mu                           sync.Mutex
	onStart, onPause, onResumeFn func()
	onStop                       func(StopResult)
	onFrame                      func(FrameRecorded)
	onError                      func(error)

	rec *recording
}

// NewRecorderManager returns an idle manager.
func NewRecorderManager() *RecorderManager { return &RecorderManager{} }

func (r *RecorderManager) OnStart(fn func())          { r.mu.Lock(); r.onStart = fn; r.mu.Unlock() }
func (r *RecorderManager) OnPause(fn func())          { r.mu.Lock(); r.onPause = fn; r.mu.Unlock() }
func (r *RecorderManager) OnResume(fn func())         { r.mu.Lock(); r.onResumeFn = fn; r.mu.Unlock() }
func (r *RecorderManager) OnStop(fn func(StopResult)) { r.mu.Lock(); r.onStop = fn; r.mu.Unlock() }
func (r *RecorderManager) OnFrameRecorded(fn func(FrameRecorded)) {
	r.mu.Lock()
	r.onFrame = fn
	r.mu.Unlock()
}
func (r *RecorderManager) OnError(fn func(error)) { r.mu.Lock(); r.onError = fn; r.mu.Unlock() }

func (r *RecorderManager) emitErr(err error) error {
	r.mu.Lock()
	fn := r.onError
	r.mu.Unlock()
	if fn != nil {
		fn(err)
	}
	return err
}

func (r *RecorderManager) emit(pick func(*RecorderManager) func()) {
	r.mu.Lock()
	fn := pick(r)
	r.mu.Unlock()
	if fn != nil {
		fn()
	}
}

// Start validates opt (an invalid option is reported through OnError and returned,
// naming the option) and starts recording src on its own goroutine. ctx bounds the
// whole recording: cancelling it abandons the file.
func (r *RecorderManager) Start(ctx context.Context, opt StartOptions, src PCMSource) error {
	o, err := opt.normalized()
	if err != nil {
		return r.emitErr(err)
	}
	if src == nil {
		return r.emitErr(optErr("no PCM source"))
	}
	if src.SampleRate() != o.SampleRate {
		return r.emitErr(optErr("the source delivers %d Hz but sampleRate is %d; open the source at %d Hz", src.SampleRate(), o.SampleRate, o.SampleRate))
	}
	if src.Channels() < 1 {
		return r.emitErr(optErr("the source has %d channels", src.Channels()))
	}
	if r.busy() {
		return r.emitErr(errBusy)
	}
	f, err := os.CreateTemp(o.TempDir, "recorder-*."+strings.ToLower(o.Format))
	if err != nil {
		return r.emitErr(fmt.Errorf("recorder: start: create output in %s: %w", o.TempDir, err))
	}
	rec := &recording{m: r, opt: o, src: src, path: f.Name(), stop: make(chan struct{}), ended: make(chan struct{}), done: make(chan struct{}), resume: make(chan struct{})}
	if err := rec.open(f); err != nil {
		os.Remove(rec.path)
		return r.emitErr(err)
	}
	// Checked again where the recording is installed: a concurrent Start may have
	// won while the output was being opened.
	r.mu.Lock()
	busy := r.rec != nil && !r.rec.finished()
	if !busy {
		r.rec = rec
	}
	r.mu.Unlock()
	if busy {
		rec.sink.abort()
		os.Remove(rec.path)
		return r.emitErr(errBusy)
	}
	r.emit(func(r *RecorderManager) func() { return r.onStart })
	go rec.run(ctx)
	return nil
}

var errBusy = fmt.Errorf("recorder: start: already recording: %w", ErrInvalidState)

func (r *RecorderManager) busy() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rec != nil && !r.rec.finished()
}

func (r *RecorderManager) current(op string) (*recording, error) {
	r.mu.Lock()
	rec := r.rec
	r.mu.Unlock()
	if rec == nil || rec.finished() {
		return nil, r.emitErr(fmt.Errorf("recorder: %s: not recording: %w", op, ErrInvalidState))
	}
	return rec, nil
}

// Pause stops reading the source until Resume.
func (r *RecorderManager) Pause() error {
	rec, err := r.current("pause")
	if err != nil {
		return err
	}
	if !rec.setPaused(true) {
		return r.emitErr(fmt.Errorf("recorder: pause: already paused: %w", ErrInvalidState))
	}
	r.emit(func(r *RecorderManager) func() { return r.onPause })
	return nil
}

// Resume continues a paused recording.
func (r *RecorderManager) Resume() error {
	rec, err := r.current("resume")
	if err != nil {
		return err
	}
	if !rec.setPaused(false) {
		return r.emitErr(fmt.Errorf("recorder: resume: not paused: %w", ErrInvalidState))
	}
	r.emit(func(r *RecorderManager) func() { return r.onResumeFn })
	return nil
}

// Stop ends the recording, finishes the file and returns it (after OnStop has run).
// If the recording already ended on its own (duration reached, source exhausted) it
// returns that result.
func (r *RecorderManager) Stop() (StopResult, error) {
	r.mu.Lock()
	rec := r.rec
	r.mu.Unlock()
	if rec == nil {
		return StopResult{}, r.emitErr(fmt.Errorf("recorder: stop: not recording: %w", ErrInvalidState))
	}
	rec.requestStop()
	<-rec.done
	return rec.res, rec.err
}

// RequestStop asks the recording to end, as Stop does, without waiting for the file:
// OnStop or OnError reports the outcome, and Done is closed after it. Unlike a Stop
// run on another goroutine, it acts on the recording current when it is called, never
// on one a listener started in the meantime.
func (r *RecorderManager) RequestStop() error {
	r.mu.Lock()
	rec := r.rec
	r.mu.Unlock()
	if rec == nil {
		return r.emitErr(fmt.Errorf("recorder: stop: not recording: %w", ErrInvalidState))
	}
	rec.requestStop()
	return nil
}

// Done returns a channel closed when the latest Start's recording has ended and its
// OnStop or OnError has returned (what Stop and Wait wait for), or nil before the
// first Start. Taken right after Start, it stays that recording's even if a listener
// starts another.
func (r *RecorderManager) Done() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rec == nil {
		return nil
	}
	return r.rec.done
}

// Wait blocks until the recording ends without being stopped (Duration reached, the
// source exhausted, ctx cancelled, or a failure) and returns what Stop would.
func (r *RecorderManager) Wait() (StopResult, error) {
	r.mu.Lock()
	rec := r.rec
	r.mu.Unlock()
	if rec == nil {
		return StopResult{}, fmt.Errorf("recorder: wait: not recording: %w", ErrInvalidState)
	}
	<-rec.done
	return rec.res, rec.err
}

// recording is one Start … Stop.
type recording struct {
	m    *RecorderManager
	opt  StartOptions
	src  PCMSource
	path string
	sink audioSink

	mu     sync.Mutex
	paused bool
	resume chan struct{} // closed and replaced on Resume
	stop   chan struct{}
	once   sync.Once
	ended  chan struct{} // closed when the file is finished (or abandoned), before OnStop/OnError
	done   chan struct{} // closed after OnStop/OnError has returned
	res    StopResult
	err    error
}

// finished reports whether the recording is over, so that the manager is idle: true
// from before OnStop or OnError runs, so their listeners can start the next one.
func (rec *recording) finished() bool {
	select {
	case <-rec.ended:
		return true
	default:
		return false
	}
}

func (rec *recording) requestStop() { rec.once.Do(func() { close(rec.stop) }) }

func (rec *recording) setPaused(p bool) bool {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.paused == p {
		return false
	}
	rec.paused = p
	if !p {
		close(rec.resume)
		rec.resume = make(chan struct{})
	}
	return true
}

// waitIfPaused blocks while paused; false means stop or cancellation came first.
func (rec *recording) waitIfPaused(ctx context.Context) bool {
	rec.mu.Lock()
	paused, resume := rec.paused, rec.resume
	rec.mu.Unlock()
	if !paused {
		return true
	}
	select {
	case <-resume:
		return true
	case <-rec.stop:
		return false
	case <-ctx.Done():
		return false
	}
}

func (rec *recording) open(f *os.File) error {
	o := rec.opt
	ch := newChunker(o.FrameSize*1024, func(fr FrameRecorded) {
		rec.m.mu.Lock()
		fn := rec.m.onFrame
		rec.m.mu.Unlock()
		if fn != nil {
			fn(fr)
		}
	})
	var err error
	switch o.Format {
	case "wav", "PCM":
		rec.sink = newPCMSink(f, o.SampleRate, o.NumberOfChannels, o.Format == "wav", ch)
	case "mp3":
		rec.sink, err = newMP3Sink(f, o, ch)
	case "aac":
		f.Close()
		rec.sink, err = newAACSink(rec.path, o)
	}
	return err
}

func (rec *recording) run(ctx context.Context) {
	defer close(rec.done)
	o := rec.opt
	inCh := rec.src.Channels()
	limit := int64(o.Duration) * int64(o.SampleRate) / 1000
	var got int64
	buf := make([]float32, 2048*inCh)
	var mixed []float32
	var err error
	// readCtx ends on Stop too, so a blocking source cannot hold Stop up.
	readCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-rec.stop:
			cancel()
		case <-readCtx.Done():
		}
	}()
	cr, _ := rec.src.(ContextReader)
loop:
	for got < limit {
		select {
		case <-rec.stop:
			err = ctx.Err() // a cancellation that came first still abandons the file
			break loop
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		default:
		}
		if !rec.waitIfPaused(ctx) {
			continue // the select above sees why
		}
		want := min(int64(len(buf)/inCh), limit-got)
		var n int
		var rerr error
		if cr != nil {
			n, rerr = cr.ReadPCMContext(readCtx, buf[:want*int64(inCh)])
			if rerr != nil && readCtx.Err() != nil {
				continue // stopped or cancelled: the select above decides which
			}
		} else {
			n, rerr = rec.src.ReadPCM(buf[:want*int64(inCh)])
		}
		if n > 0 {
			mixed = remix(mixed, buf[:n-n%inCh], inCh, o.NumberOfChannels)
			if err = rec.sink.write(mixed); err != nil {
				break
			}
			got += int64(n / inCh)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = fmt.Errorf("recorder: read source: %w", rerr)
			break
		}
	}
	if err == nil {
		err = rec.sink.finish()
	} else {
		rec.sink.abort()
	}
	if err != nil {
		os.Remove(rec.path)
	} else if fi, serr := os.Stat(rec.path); serr != nil {
		err = serr
	} else {
		rec.res = StopResult{TempFilePath: rec.path, Duration: time.Duration(got) * time.Second / time.Duration(o.SampleRate), FileSize: fi.Size()}
	}
	rec.err = err
	// The manager is idle from here on: a listener below may start the next
	// recording (WeChat scripts call start() again from onStop). done is closed
	// only after the listener, so Stop still returns after OnStop has run.
	close(rec.ended)
	if err != nil {
		rec.m.emitErr(err)
		return
	}
	rec.m.mu.Lock()
	fn := rec.m.onStop
	rec.m.mu.Unlock()
	if fn != nil {
		fn(rec.res)
	}
}

// audioSink writes one recording's file.
type audioSink interface {
	write(samples []float32) error
	finish() error
	abort()
}

// chunker cuts the encoded stream into FrameSize pieces for OnFrameRecorded. It holds
// one finished chunk back so that the final one can be marked IsLastFrame.
type chunker struct {
	size    int
	buf     []byte
	pending []byte
	emit    func(FrameRecorded)
}

func newChunker(size int, emit func(FrameRecorded)) *chunker {
	if size <= 0 {
		return nil
	}
	return &chunker{size: size, emit: emit}
}

// add appends data; whole says data must not be split (an MP3 frame), otherwise a
// chunk is cut at exactly size bytes (align: the cut falls on a multiple of align).
func (c *chunker) add(data []byte, whole bool, align int) {
	if c == nil {
		return
	}
	if c.buf == nil {
		// Each chunk is handed to the listener to keep, so it gets its own array,
		// sized once: a chunk of whole MP3 frames overshoots by less than a frame.
		c.buf = make([]byte, 0, c.size+4096)
	}
	if whole {
		c.buf = append(c.buf, data...)
		if len(c.buf) >= c.size {
			c.ship()
		}
		return
	}
	cut := c.size / align * align
	cut = max(cut, align)
	for len(data) > 0 {
		n := min(cut-len(c.buf), len(data))
		c.buf = append(c.buf, data[:n]...)
		data = data[n:]
		if len(c.buf) >= cut {
			c.ship()
			c.buf = make([]byte, 0, c.size+4096)
		}
	}
}

func (c *chunker) ship() {
	if c.pending != nil {
		c.emit(FrameRecorded{FrameBuffer: c.pending})
	}
	c.pending = c.buf
	c.buf = nil
}

func (c *chunker) finish() {
	if c == nil {
		return
	}
	if len(c.buf) > 0 {
		c.ship()
	}
	if c.pending != nil {
		c.emit(FrameRecorded{FrameBuffer: c.pending, IsLastFrame: true})
		c.pending = nil
	}
}

// pcmSink writes 16-bit little-endian samples, raw or as WAV (header patched at the end).
type pcmSink struct {
	f        *os.File
	bw       *bufio.Writer
	wav      bool
	rate, ch int
	bytes    int64
	scratch  []byte
	chunks   *chunker
}

func newPCMSink(f *os.File, rate, ch int, wav bool, chunks *chunker) *pcmSink {
	s := &pcmSink{f: f, bw: bufio.NewWriterSize(f, 1<<16), wav: wav, rate: rate, ch: ch, chunks: chunks}
	if wav {
		s.bw.Write(wavHeader(rate, ch, 0))
	}
	return s
}

func wavHeader(rate, ch int, dataBytes int64) []byte {
	h := make([]byte, 44)
	copy(h[0:], "RIFF")
	binary.LittleEndian.PutUint32(h[4:], uint32(36+dataBytes))
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], 1) // PCM
	binary.LittleEndian.PutUint16(h[22:], uint16(ch))
	binary.LittleEndian.PutUint32(h[24:], uint32(rate))
	binary.LittleEndian.PutUint32(h[28:], uint32(rate*ch*2))
	binary.LittleEndian.PutUint16(h[32:], uint16(ch*2))
	binary.LittleEndian.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], uint32(dataBytes))
	return h
}

// toS16 converts a float sample (nominal range ±1) to 16 bits, clipping. The scale
// is 32768, the inverse of ReaderSource's (and FFmpeg's) s16 → float, so 16-bit
// input passes through unchanged.
func toS16(v float32) int16 {
	x := math.Round(float64(v) * 32768)
	return int16(min(32767, max(-32768, x)))
}

func (s *pcmSink) write(samples []float32) error {
	s.scratch = s.scratch[:0]
	for _, v := range samples {
		s.scratch = binary.LittleEndian.AppendUint16(s.scratch, uint16(toS16(v)))
	}
	if s.wav && s.bytes+int64(len(s.scratch)) > math.MaxUint32-44 {
		return errors.New("recorder: WAV file would exceed 4 GiB")
	}
	s.bytes += int64(len(s.scratch))
	s.chunks.add(s.scratch, false, 2*s.ch)
	_, err := s.bw.Write(s.scratch)
	return err
}

func (s *pcmSink) finish() error {
	err := s.bw.Flush()
	if s.wav && err == nil {
		_, err = s.f.WriteAt(wavHeader(s.rate, s.ch, s.bytes), 0)
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		s.chunks.finish()
	}
	return err
}

func (s *pcmSink) abort() { s.f.Close() }

// mp3Sink encodes with libmp3lame and writes the frames as they come (a raw MP3
// stream), so chunks for OnFrameRecorded are whole MP3 frames.
type mp3Sink struct {
	f      *os.File
	bw     *bufio.Writer
	enc    *ffmpeg.Encoder
	pkt    *ffmpeg.Packet
	chunks *chunker
}

func newMP3Sink(f *os.File, o StartOptions, chunks *chunker) (*mp3Sink, error) {
	if !ffmpeg.HasEncoder("libmp3lame") {
		f.Close()
		return nil, errors.New("recorder: start: this FFmpeg has no MP3 encoder (libmp3lame)")
	}
	enc, err := ffmpeg.NewAudioEncoder(ffmpeg.AudioEncoderOptions{Codec: "libmp3lame", SampleRate: o.SampleRate, Channels: o.NumberOfChannels, BitRate: int64(o.EncodeBitRate)})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("recorder: start: mp3 encoder: %w", err)
	}
	return &mp3Sink{f: f, bw: bufio.NewWriterSize(f, 1<<15), enc: enc, pkt: ffmpeg.NewPacket(), chunks: chunks}, nil
}

func (s *mp3Sink) write(samples []float32) error {
	if err := s.enc.EncodeAudio(samples); err != nil {
		return fmt.Errorf("recorder: encode mp3: %w", err)
	}
	return s.drain()
}

func (s *mp3Sink) drain() error {
	for {
		err := s.enc.Receive(s.pkt)
		if errors.Is(err, ffmpeg.ErrAgain) || err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("recorder: encode mp3: %w", err)
		}
		data := s.pkt.Data()
		s.chunks.add(data, true, 1)
		if _, err := s.bw.Write(data); err != nil {
			return err
		}
	}
}

func (s *mp3Sink) finish() error {
	defer s.abort()
	if err := s.enc.Flush(); err != nil {
		return fmt.Errorf("recorder: encode mp3: %w", err)
	}
	if err := s.drain(); err != nil {
		return err
	}
	err := s.bw.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		s.chunks.finish()
	}
	return err
}

func (s *mp3Sink) abort() {
	s.f.Close()
	if s.enc != nil {
		s.enc.Close()
		s.enc = nil
	}
	if s.pkt != nil {
		s.pkt.Free()
		s.pkt = nil
	}
}

// aacSink encodes AAC-LC into an ADTS stream (.aac), which players read without an
// index.
type aacSink struct {
	mux *ffmpeg.Muxer
	enc *ffmpeg.Encoder
	st  int
	pkt *ffmpeg.Packet
}

func newAACSink(path string, o StartOptions) (s *aacSink, err error) {
	s = &aacSink{}
	defer func() {
		if err != nil {
			s.abort()
		}
	}()
	if s.mux, err = ffmpeg.NewMuxer(path, ffmpeg.MuxerOptions{Format: "adts"}); err != nil {
		return nil, fmt.Errorf("recorder: start: %w", err)
	}
	if s.enc, err = ffmpeg.NewAudioEncoder(ffmpeg.AudioEncoderOptions{SampleRate: o.SampleRate, Channels: o.NumberOfChannels, BitRate: int64(o.EncodeBitRate), GlobalHeader: s.mux.GlobalHeader()}); err != nil {
		return nil, fmt.Errorf("recorder: start: aac encoder: %w", err)
	}
	if s.st, err = s.mux.AddStream(s.enc); err != nil {
		return nil, fmt.Errorf("recorder: start: %w", err)
	}
	if err = s.mux.WriteHeader(); err != nil {
		return nil, fmt.Errorf("recorder: start: %w", err)
	}
	s.pkt = ffmpeg.NewPacket()
	return s, nil
}

func (s *aacSink) write(samples []float32) error {
	if err := s.enc.EncodeAudio(samples); err != nil {
		return fmt.Errorf("recorder: encode aac: %w", err)
	}
	return s.drain()
}

func (s *aacSink) drain() error {
	for {
		err := s.enc.Receive(s.pkt)
		if errors.Is(err, ffmpeg.ErrAgain) || err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("recorder: encode aac: %w", err)
		}
		if err := s.mux.WritePacket(s.pkt, s.st); err != nil {
			return fmt.Errorf("recorder: write aac: %w", err)
		}
	}
}

func (s *aacSink) finish() error {
	defer s.abort()
	if err := s.enc.Flush(); err != nil {
		return fmt.Errorf("recorder: encode aac: %w", err)
	}
	if err := s.drain(); err != nil {
		return err
	}
	err := s.mux.Close()
	s.mux = nil
	return err
}

func (s *aacSink) abort() {
	if s.mux != nil {
		s.mux.Close()
		s.mux = nil
	}
	if s.enc != nil {
		s.enc.Close()
		s.enc = nil
	}
	if s.pkt != nil {
		s.pkt.Free()
		s.pkt = nil
	}
}
