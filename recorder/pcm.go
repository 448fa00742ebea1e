package recorder

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// PCMSource is the "microphone" of a RecorderManager and the soundtrack of a
// MediaRecorder: interleaved float32 samples at a fixed rate and channel count.
type PCMSource interface {
	SampleRate() int
	Channels() int
	// ReadPCM fills dst with whole frames (len(dst) is a multiple of Channels) and
	// returns how many samples it wrote; io.EOF once nothing is left.
	ReadPCM(dst []float32) (int, error)
}

// ContextReader is implemented by sources whose reads can block (PushSource): the
// recorder then reads through ReadPCMContext so Stop never waits on a silent source.
type ContextReader interface {
	ReadPCMContext(ctx context.Context, dst []float32) (int, error)
}

// BufferSource plays an AudioBuffer (an audio/ offline render or a decoded file).
type BufferSource struct {
	ch   [][]float32
	rate int
	pos  int
}

// NewBufferSource reads b, resampled to sampleRate when that is non-zero and differs
// from b's rate.
func NewBufferSource(b *audio.AudioBuffer, sampleRate int) (*BufferSource, error) {
	if b == nil {
		return nil, errors.New("recorder: nil AudioBuffer")
	}
	if sampleRate < 0 {
		return nil, fmt.Errorf("recorder: sample rate %d is negative", sampleRate)
	}
	if sampleRate > 0 && float64(sampleRate) != b.SampleRate() {
		r, err := audio.Resample(b, float64(sampleRate))
		if err != nil {
			return nil, fmt.Errorf("recorder: resample to %d Hz: %w", sampleRate, err)
		}
		b = r
	}
	if b.SampleRate() != math.Trunc(b.SampleRate()) {
		return nil, fmt.Errorf("recorder: buffer sample rate %v is not a whole number; pass a sampleRate", b.SampleRate())
	}
	s := &BufferSource{rate: int(b.SampleRate())}
	for c := 0; c < b.NumberOfChannels(); c++ {
		d, err := b.GetChannelData(c)
		if err != nil {
			return nil, err
		}
		s.ch = append(s.ch, d)
	}
	return s, nil
}

func (s *BufferSource) SampleRate() int { return s.rate }
func (s *BufferSource) Channels() int   { return len(s.ch) }

func (s *BufferSource) ReadPCM(dst []float32) (int, error) {
	nc := len(s.ch)
	left := len(s.ch[0]) - s.pos
	if left <= 0 {
		return 0, io.EOF
	}
	n := min(left, len(dst)/nc)
	for c, d := range s.ch {
		src := d[s.pos : s.pos+n]
		for i, v := range src {
			dst[i*nc+c] = v
		}
	}
	s.pos += n
	return n * nc, nil
}

// FileSource decodes the best audio stream of a media file with FFmpeg, converted to
// a fixed rate and channel count. Close it when done.
type FileSource struct {
	dm   *ffmpeg.Demuxer
	dec  *ffmpeg.AudioDecoder
	rs   *ffmpeg.Resampler
	pkt  *ffmpeg.Packet
	fr   *ffmpeg.Frame
	buf  []float32 // converted samples not yet read
	off  int
	rate int
	ch   int
	eof  bool
}

// OpenFileSource opens path; sampleRate and channels of 0 keep the file's own.
func OpenFileSource(path string, sampleRate, channels int) (*FileSource, error) {
	if sampleRate < 0 || sampleRate > 384000 {
		return nil, fmt.Errorf("recorder: sample rate %d out of range", sampleRate)
	}
	if channels < 0 || channels > 8 {
		return nil, fmt.Errorf("recorder: channel count %d out of range", channels)
	}
	dm, err := ffmpeg.Open(path)
	if err != nil {
		return nil, fmt.Errorf("recorder: open audio %s: %w", path, err)
	}
	st := dm.BestStream(ffmpeg.MediaAudio)
	if st < 0 {
		dm.Close()
		return nil, fmt.Errorf("recorder: %s has no audio stream", path)
	}
	for i := 0; i < dm.NumStreams(); i++ {
		dm.SetDiscard(i, i == st)
	}
	dec, err := ffmpeg.NewAudioDecoder(dm, st)
	if err != nil {
		dm.Close()
		return nil, fmt.Errorf("recorder: open audio %s: %w", path, err)
	}
	if sampleRate == 0 {
		sampleRate = dec.SampleRate()
	}
	if channels == 0 {
		channels = min(dec.Channels(), 2)
	}
	return &FileSource{dm: dm, dec: dec, rs: ffmpeg.NewResampler(ffmpeg.AudioFormat{SampleRate: sampleRate, Channels: channels}),
		pkt: ffmpeg.NewPacket(), fr: ffmpeg.NewFrame(), rate: sampleRate, ch: channels}, nil
}

func (s *FileSource) SampleRate() int { return s.rate }
func (s *FileSource) Channels() int   { return s.ch }

func (s *FileSource) ReadPCM(dst []float32) (int, error) {
	for s.off >= len(s.buf) {
		if s.eof {
			return 0, io.EOF
		}
		s.buf, s.off = s.buf[:0], 0
		if err := s.decodeMore(); err != nil {
			return 0, err
		}
	}
	n := copy(dst[:len(dst)/s.ch*s.ch], s.buf[s.off:])
	s.off += n
	return n, nil
}

// decodeMore appends at least one decoded frame's samples to s.buf, or sets eof.
func (s *FileSource) decodeMore() error {
	var err error
	for len(s.buf) == 0 && !s.eof {
		rerr := s.dec.Receive(s.fr)
		switch {
		case rerr == nil:
			if s.buf, err = s.rs.Convert(s.fr, s.buf); err != nil {
				return err
			}
			continue
		case rerr == io.EOF:
			s.buf, err = s.rs.Flush(s.buf)
			s.eof = true
			return err
		case !errors.Is(rerr, ffmpeg.ErrAgain):
			return rerr
		}
		perr := s.dm.ReadPacket(s.pkt)
		if perr == io.EOF {
			if err := s.dec.Send(nil); err != nil {
				return err
			}
			continue
		}
		if perr != nil {
			return perr
		}
		if err := s.dec.Send(s.pkt); err != nil && !errors.Is(err, ffmpeg.ErrAgain) {
			return err
		}
	}
	return nil
}

// Close releases the decoder; safe to call twice.
func (s *FileSource) Close() error {
	if s.dm == nil {
		return nil
	}
	s.rs.Close()
	s.dec.Close()
	s.fr.Free()
	s.pkt.Free()
	err := s.dm.Close()
	s.dm = nil
	return err
}

// PushSource is PCM handed over by the caller, for example samples arriving over a
// network. Push blocks while the bounded queue is full, so a producer that runs ahead
// of the recorder waits instead of growing memory.
type PushSource struct {
	rate, ch int
	q        chan []float32
	cur      []float32
	mu       sync.Mutex
	closed   bool
	done     chan struct{}
}

// NewPushSource returns a source of the given format holding at most queue pushed
// slices (0 means 16).
func NewPushSource(sampleRate, channels, queue int) (*PushSource, error) {
	if sampleRate < 1 || sampleRate > 384000 {
		return nil, fmt.Errorf("recorder: sample rate %d out of range", sampleRate)
	}
	if channels < 1 || channels > 8 {
		return nil, fmt.Errorf("recorder: channel count %d out of range", channels)
	}
	if queue < 0 || queue > 1<<16 {
		return nil, fmt.Errorf("recorder: push queue length %d out of range", queue)
	}
	if queue == 0 {
		queue = 16
	}
	return &PushSource{rate: sampleRate, ch: channels, q: make(chan []float32, queue), done: make(chan struct{})}, nil
}

func (s *PushSource) SampleRate() int { return s.rate }
func (s *PushSource) Channels() int   { return s.ch }

// ErrSourceClosed is returned by Push after Close.
var ErrSourceClosed = errors.New("recorder: push source closed")

// Push queues a copy of samples (interleaved, whole frames).
func (s *PushSource) Push(ctx context.Context, samples []float32) error {
	if len(samples)%s.ch != 0 {
		return fmt.Errorf("recorder: push: %d samples is not a whole number of %d-channel frames", len(samples), s.ch)
	}
	if len(samples) == 0 {
		return nil
	}
	cp := append([]float32(nil), samples...)
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return ErrSourceClosed
	}
	select {
	case s.q <- cp:
		return nil
	case <-s.done:
		return ErrSourceClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close marks the end of the input: the reader drains what is queued, then sees io.EOF.
func (s *PushSource) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
	return nil
}

func (s *PushSource) ReadPCM(dst []float32) (int, error) {
	return s.ReadPCMContext(context.Background(), dst)
}

// ReadPCMContext is ReadPCM that gives up with ctx.Err() when ctx ends first.
func (s *PushSource) ReadPCMContext(ctx context.Context, dst []float32) (int, error) {
	if len(s.cur) == 0 {
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case b := <-s.q:
			s.cur = b
		case <-s.done:
			select {
			case b := <-s.q:
				s.cur = b
			default:
				return 0, io.EOF
			}
		}
	}
	n := copy(dst[:len(dst)/s.ch*s.ch], s.cur)
	s.cur = s.cur[n:]
	return n, nil
}

// remix converts interleaved frames from `from` to `to` channels (1 or 2 output):
// mono is the average of all inputs, stereo copies mono or keeps the first two.
func remix(dst, src []float32, from, to int) []float32 {
	frames := len(src) / from
	dst = dst[:0]
	for i := 0; i < frames; i++ {
		f := src[i*from : i*from+from]
		switch {
		case to == from:
			dst = append(dst, f...)
		case to == 1:
			var sum float32
			for _, v := range f {
				sum += v
			}
			dst = append(dst, sum/float32(from))
		case from == 1:
			for c := 0; c < to; c++ {
				dst = append(dst, f[0])
			}
		default:
			dst = append(dst, f[:to]...)
		}
	}
	return dst
}

// PCMEncoding is the sample layout of a ReaderSource's bytes.
type PCMEncoding int

const (
	S16LE PCMEncoding = iota // 16-bit signed little-endian (WeChat's PCM format)
	F32LE                    // 32-bit float little-endian
)

// ReaderSource reads raw interleaved PCM bytes, such as an uploaded or streamed
// recording, from an io.Reader.
type ReaderSource struct {
	r        io.Reader
	rate, ch int
	enc      PCMEncoding
	buf      []byte
	carry    int // bytes of an incomplete frame kept at the front of buf
}

// NewReaderSource reads r as enc-encoded PCM of the given rate and channel count.
func NewReaderSource(r io.Reader, sampleRate, channels int, enc PCMEncoding) (*ReaderSource, error) {
	if sampleRate < 1 || sampleRate > 384000 {
		return nil, fmt.Errorf("recorder: sample rate %d out of range", sampleRate)
	}
	if channels < 1 || channels > 8 {
		return nil, fmt.Errorf("recorder: channel count %d out of range", channels)
	}
	if enc != S16LE && enc != F32LE {
		return nil, fmt.Errorf("recorder: unknown PCM encoding %d", enc)
	}
	return &ReaderSource{r: r, rate: sampleRate, ch: channels, enc: enc}, nil
}

func (s *ReaderSource) SampleRate() int { return s.rate }
func (s *ReaderSource) Channels() int   { return s.ch }

func (s *ReaderSource) ReadPCM(dst []float32) (int, error) {
	width := 2
	if s.enc == F32LE {
		width = 4
	}
	frame := width * s.ch
	want := len(dst) / s.ch * frame
	if want == 0 {
		return 0, nil
	}
	if cap(s.buf) < want {
		nb := make([]byte, want)
		copy(nb, s.buf[:s.carry])
		s.buf = nb
	}
	s.buf = s.buf[:want]
	n, err := s.r.Read(s.buf[s.carry:])
	n += s.carry
	whole := n / frame * frame
	for i := 0; i < whole/width; i++ {
		b := s.buf[i*width:]
		if s.enc == S16LE {
			dst[i] = float32(int16(binary.LittleEndian.Uint16(b))) / 32768
		} else {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(b))
		}
	}
	s.carry = copy(s.buf, s.buf[whole:n])
	if err == io.EOF && whole > 0 {
		err = nil // report the samples now, EOF on the next call
	}
	if err == io.EOF && s.carry > 0 {
		err = fmt.Errorf("recorder: PCM input ends inside a frame (%d stray bytes)", s.carry)
	}
	return whole / width, err
}
