//go:build !cgo || noffmpeg

package ffmpeg

import "io"

// This file keeps the package's API in builds without FFmpeg: constructors return
// ErrNoFFmpeg, and since no value can be obtained the methods are never reached.

func LiveObjects() int64 { return 0 }

// Log levels for SetLogLevel.
const (
	LogQuiet   = -8
	LogError   = 16
	LogWarning = 24
	LogInfo    = 32
	LogDebug   = 48
)

func SetLogLevel(level int) {}

type Demuxer struct{}

func Open(path string) (*Demuxer, error)             { return nil, ErrNoFFmpeg }
func OpenReader(r io.ReadSeeker) (*Demuxer, error)   { return nil, ErrNoFFmpeg }
func (d *Demuxer) Close() error                      { return nil }
func (d *Demuxer) Format() FormatInfo                { return FormatInfo{} }
func (d *Demuxer) NumStreams() int                   { return 0 }
func (d *Demuxer) Streams() []StreamInfo             { return nil }
func (d *Demuxer) Stream(i int) StreamInfo           { return StreamInfo{Index: -1} }
func (d *Demuxer) BestStream(t MediaType) int        { return -1 }
func (d *Demuxer) SetDiscard(i int, keep bool)       {}
func (d *Demuxer) ReadPacket(p *Packet) error        { return ErrNoFFmpeg }
func (d *Demuxer) SeekMs(stream int, ms int64) error { return ErrNoFFmpeg }

type Packet struct{}

func NewPacket() *Packet                       { return &Packet{} }
func (p *Packet) Free()                        {}
func (p *Packet) Unref()                       {}
func (p *Packet) StreamIndex() int             { return -1 }
func (p *Packet) TimeBase() Rational           { return Rational{} }
func (p *Packet) Pts() int64                   { return NoPTS }
func (p *Packet) Dts() int64                   { return NoPTS }
func (p *Packet) Duration() int64              { return 0 }
func (p *Packet) SetTimestamps(pts, dts int64) {}
func (p *Packet) Key() bool                    { return false }
func (p *Packet) Size() int                    { return 0 }
func (p *Packet) Data() []byte                 { return nil }
func (p *Packet) AppendData(dst []byte) []byte { return dst }

type Frame struct{}

func NewFrame() *Frame              { return &Frame{} }
func (f *Frame) Free()              {}
func (f *Frame) Swap(g *Frame)      {}
func (f *Frame) Width() int         { return 0 }
func (f *Frame) Height() int        { return 0 }
func (f *Frame) TimeBase() Rational { return Rational{} }
func (f *Frame) Pts() int64         { return NoPTS }
func (f *Frame) PktDts() int64      { return NoPTS }
func (f *Frame) Duration() int64    { return 0 }
func (f *Frame) Key() bool          { return false }
func (f *Frame) Samples() int       { return 0 }

type decoder struct{}

func (c *decoder) Send(p *Packet) error   { return ErrNoFFmpeg }
func (c *decoder) Receive(f *Frame) error { return ErrNoFFmpeg }
func (c *decoder) Flush()                 {}
func (c *decoder) Stream() int            { return -1 }

type VideoDecoder struct{ decoder }

func NewVideoDecoder(d *Demuxer, stream int, opt VideoDecoderOptions) (*VideoDecoder, error) {
	return nil, ErrNoFFmpeg
}
func (v *VideoDecoder) Close() error { return nil }

type AudioDecoder struct{ decoder }

func NewAudioDecoder(d *Demuxer, stream int) (*AudioDecoder, error) { return nil, ErrNoFFmpeg }
func (a *AudioDecoder) SampleRate() int                             { return 0 }
func (a *AudioDecoder) Channels() int                               { return 0 }
func (a *AudioDecoder) Close() error                                { return nil }

type RGBAConverter struct{}

func NewRGBAConverter() *RGBAConverter                                  { return &RGBAConverter{} }
func (c *RGBAConverter) Convert(f *Frame, dst []byte, stride int) error { return ErrNoFFmpeg }
func (c *RGBAConverter) Close()                                         {}

type Resampler struct{ out AudioFormat }

func NewResampler(out AudioFormat) *Resampler { return &Resampler{out: out} }
func (r *Resampler) Format() AudioFormat      { return r.out }
func (r *Resampler) Convert(f *Frame, dst []float32) ([]float32, error) {
	return dst, ErrNoFFmpeg
}
func (r *Resampler) Flush(dst []float32) ([]float32, error) { return dst, ErrNoFFmpeg }
func (r *Resampler) Close()                                 {}

type Encoder struct{}

func NewVideoEncoder(opt VideoEncoderOptions) (*Encoder, error) { return nil, ErrNoFFmpeg }
func NewAudioEncoder(opt AudioEncoderOptions) (*Encoder, error) { return nil, ErrNoFFmpeg }
func (e *Encoder) TimeBase() Rational                           { return Rational{} }
func (e *Encoder) Width() int                                   { return 0 }
func (e *Encoder) Height() int                                  { return 0 }
func (e *Encoder) SampleRate() int                              { return 0 }
func (e *Encoder) Channels() int                                { return 0 }
func (e *Encoder) FrameSize() int                               { return 0 }
func (e *Encoder) EncodeRGBA(rgba []byte, w, h, stride int, pts int64) error {
	return ErrNoFFmpeg
}
func (e *Encoder) EncodeFrame(f *Frame, pts int64) error { return ErrNoFFmpeg }
func (e *Encoder) EncodeAudio(samples []float32) error   { return ErrNoFFmpeg }
func (e *Encoder) Flush() error                          { return ErrNoFFmpeg }
func (e *Encoder) Receive(p *Packet) error               { return ErrNoFFmpeg }
func (e *Encoder) Close() error                          { return nil }
func (e *Encoder) Flushed() bool                         { return true }

type Picture struct {
	Y, Cb, Cr        []byte
	YStride, CStride int
	Width, Height    int
}

func (e *Encoder) NewPicture() (*Picture, error)             { return nil, ErrNoFFmpeg }
func (e *Encoder) EncodePicture(p *Picture, pts int64) error { return ErrNoFFmpeg }
func (p *Picture) Free()                                     {}

type Muxer struct{}

func NewMuxer(path string, opt MuxerOptions) (*Muxer, error)  { return nil, ErrNoFFmpeg }
func (m *Muxer) GlobalHeader() bool                           { return false }
func (m *Muxer) AddStreamCopy(d *Demuxer, i int) (int, error) { return -1, ErrNoFFmpeg }
func (m *Muxer) AddStream(e *Encoder) (int, error)            { return -1, ErrNoFFmpeg }
func (m *Muxer) WriteHeader() error                           { return ErrNoFFmpeg }
func (m *Muxer) WritePacket(p *Packet, stream int) error      { return ErrNoFFmpeg }
func (m *Muxer) Close() error                                 { return nil }

func HasDecoder(codec string) bool { return false }
func HasEncoder(codec string) bool { return false }
