package video

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// The export and compress pipelines write one MP4 from several producers, each
// feeding one output stream; the writer always advances the producer that is furthest
// behind so the file comes out interleaved without the muxer buffering whole streams.

type producer interface {
	// next is the time (s) of the next packet the producer would write; ok is false
	// once it has nothing more.
	next() (t float64, ok bool)
	// step writes at least one packet (or finishes the producer).
	step() error
	close()
}

// progressFunc receives the fraction of the output written, in [0, 1].
type progressFunc func(fraction float64)

func runProducers(ctx context.Context, ps []producer, total float64, progress progressFunc) error {
	last := -1.0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		best, bestT := -1, math.Inf(1)
		for i, p := range ps {
			if t, ok := p.next(); ok && t < bestT {
				best, bestT = i, t
			}
		}
		if best < 0 {
			if progress != nil && last < 1 {
				progress(1)
			}
			return nil
		}
		// Report in whole percent steps so a callback drawing a bar is not flooded.
		if progress != nil && total > 0 {
			if f := math.Floor(min(1, max(0, bestT/total))*100) / 100; f > last {
				last = f
				progress(f)
			}
		}
		if err := ps[best].step(); err != nil {
			return err
		}
	}
}

// copyProducer copies the packets of one stream, shifted to start at 0 and cut at
// limit seconds (0: no limit).
type copyProducer struct {
	dm      *ffmpeg.Demuxer
	stream  int
	out     int
	m       *ffmpeg.Muxer
	pkt     *ffmpeg.Packet
	shift   int64 // subtracted from pts/dts
	limit   float64
	have    bool
	err     error
	written int
}

func newCopyProducer(path string, stream int, m *ffmpeg.Muxer, limit float64) (*copyProducer, error) {
	dm, err := ffmpeg.Open(path)
	if err != nil {
		return nil, err
	}
	p := &copyProducer{dm: dm, stream: stream, m: m, limit: limit, pkt: ffmpeg.NewPacket()}
	for i := 0; i < dm.NumStreams(); i++ {
		dm.SetDiscard(i, i == stream)
	}
	if st := dm.Stream(stream).StartTime; st != ffmpeg.NoPTS && st > 0 {
		p.shift = st
	}
	if p.out, err = m.AddStreamCopy(dm, stream); err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

// prime reads the first packet; called after every producer has added its stream.
func (p *copyProducer) read() {
	p.have = false
	for {
		err := p.dm.ReadPacket(p.pkt)
		if err == io.EOF {
			return
		}
		if err != nil {
			// A damaged tail ends the copy like the decoders do; the error is kept
			// only if nothing at all was copied.
			p.err = err
			return
		}
		if p.pkt.StreamIndex() != p.stream {
			continue
		}
		pts, dts := p.pkt.Pts(), p.pkt.Dts()
		if pts != ffmpeg.NoPTS {
			pts -= p.shift
		}
		if dts != ffmpeg.NoPTS {
			dts -= p.shift
		}
		p.pkt.SetTimestamps(pts, dts)
		if p.limit > 0 && pts != ffmpeg.NoPTS && float64(pts)*p.pkt.TimeBase().Float() >= p.limit {
			continue // past the end of the output; later packets may still reorder in
		}
		p.have = true
		return
	}
}

func (p *copyProducer) next() (float64, bool) {
	if !p.have {
		return 0, false
	}
	ts := p.pkt.Dts()
	if ts == ffmpeg.NoPTS {
		ts = p.pkt.Pts()
	}
	if ts == ffmpeg.NoPTS {
		return 0, true
	}
	return float64(ts) * p.pkt.TimeBase().Float(), true
}

func (p *copyProducer) step() error {
	if err := p.m.WritePacket(p.pkt, p.out); err != nil {
		return err
	}
	p.written++
	p.read()
	return nil
}

func (p *copyProducer) close() {
	p.pkt.Free()
	p.dm.Close()
}

// videoEncodeProducer decodes one video stream and re-encodes it (H.264), optionally
// scaled and with frames dropped to stay at or below maxFps.
type videoEncodeProducer struct {
	src      *source
	enc      *ffmpeg.Encoder
	m        *ffmpeg.Muxer
	out      int
	pkt      *ffmpeg.Packet
	limit    float64
	maxFps   float64 // 0: keep every frame
	lastSlot float64 // output frame slot (t*maxFps, floored) of the last kept frame
	lastT    float64
	kept     int
	shift    float64
	t        float64 // time of the pending frame
	have     bool
	done     bool
}

type videoEncodeOptions struct {
	width, height int
	bitrate       int64 // 0: constant quality crf
	crf           int   // 0: the encoder's default
	maxFps        float64
	maxPixels     int // of the source's pictures; 0: ffmpeg.DefaultMaxPixels
}

func newVideoEncodeProducer(path string, stream int, m *ffmpeg.Muxer, limit float64, opt videoEncodeOptions) (*videoEncodeProducer, error) {
	src, err := openSource(path, sourceOptions{video: true, stream: stream, streamSet: true, maxPixels: opt.maxPixels})
	if err != nil {
		return nil, err
	}
	p := &videoEncodeProducer{src: src, m: m, limit: limit, pkt: ffmpeg.NewPacket(), lastT: math.Inf(-1), lastSlot: math.Inf(-1)}
	si := src.vinfo
	w, h := si.Width, si.Height
	if opt.width > 0 && opt.height > 0 {
		w, h = opt.width, opt.height
	}
	fps := si.FrameRate
	if opt.maxFps > 0 && fps.Float() > opt.maxFps {
		p.maxFps = opt.maxFps
		fps = ffmpeg.Rational{Num: int(math.Round(opt.maxFps * 1000)), Den: 1000}
	}
	if si.StartTime != ffmpeg.NoPTS && si.StartTime > 0 {
		p.shift = float64(si.StartTime) * si.TimeBase.Float()
	}
	p.enc, err = ffmpeg.NewVideoEncoder(ffmpeg.VideoEncoderOptions{
		Width: w, Height: h, TimeBase: si.TimeBase, FrameRate: fps, BitRate: opt.bitrate, CRF: opt.crf,
		GlobalHeader: m.GlobalHeader(), Rotation: si.Rotation,
	})
	if err != nil {
		p.close()
		return nil, err
	}
	if p.out, err = m.AddStream(p.enc); err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

// read decodes up to the next frame to encode.
func (p *videoEncodeProducer) read() error {
	p.have = false
	for !p.done {
		_, err := p.src.next()
		if err == io.EOF {
			p.done = true
			return nil
		}
		if err != nil {
			return err
		}
		pts := p.src.fr.Pts()
		if pts == ffmpeg.NoPTS {
			pts = int64(p.kept) // unknown: keep the order
		}
		t := float64(pts)*p.src.fr.TimeBase().Float() - p.shift
		if p.limit > 0 && t >= p.limit {
			continue
		}
		if p.maxFps > 0 {
			// Keep the first frame of each 1/maxFps slot: an even thinning (30 to 24
			// fps keeps 4 of every 5) rather than halving. The epsilon absorbs
			// millisecond timestamp rounding.
			slot := math.Floor(t*p.maxFps + 1e-3)
			if slot <= p.lastSlot {
				continue
			}
			p.lastSlot = slot
		}
		p.t, p.have = t, true
		return nil
	}
	return nil
}

func (p *videoEncodeProducer) next() (float64, bool) {
	if p.have {
		return p.t, true
	}
	return 0, !p.enc.Flushed()
}

func (p *videoEncodeProducer) step() error {
	if p.have {
		tb := p.src.fr.TimeBase()
		pts := int64(math.Round(p.t / tb.Float()))
		if err := p.enc.EncodeFrame(p.src.fr, pts); err != nil {
			return err
		}
		p.lastT = p.t
		p.kept++
		if err := p.read(); err != nil {
			return err
		}
	} else if err := p.enc.Flush(); err != nil {
		return err
	}
	return drainEncoder(p.enc, p.m, p.out, p.pkt)
}

func (p *videoEncodeProducer) close() {
	p.pkt.Free()
	if p.enc != nil {
		p.enc.Close()
	}
	p.src.close()
}

func drainEncoder(e *ffmpeg.Encoder, m *ffmpeg.Muxer, out int, pkt *ffmpeg.Packet) error {
	for {
		err := e.Receive(pkt)
		if err == ffmpeg.ErrAgain || err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := m.WritePacket(pkt, out); err != nil {
			return err
		}
	}
}

// pcmInput decodes one audio stream to interleaved float32 at the mix format.
type pcmInput struct {
	src    *source
	rs     *ffmpeg.Resampler
	buf    []float32
	volume float32
	done   bool
}

func (in *pcmInput) fill(n int) error {
	for len(in.buf) < n && !in.done {
		_, err := in.src.next()
		if err == io.EOF {
			in.done = true
			in.buf, _ = in.rs.Flush(in.buf)
			return nil
		}
		if err != nil {
			return err
		}
		if in.buf, err = in.rs.Convert(in.src.fr, in.buf); err != nil {
			return err
		}
	}
	return nil
}

// audioMixProducer mixes audio streams (each scaled by its volume) and encodes AAC.
type audioMixProducer struct {
	ins   []*pcmInput
	enc   *ffmpeg.Encoder
	m     *ffmpeg.Muxer
	out   int
	pkt   *ffmpeg.Packet
	limit int64 // samples per channel to produce at most (0: until inputs end)
	pos   int64 // samples per channel produced
	mix   []float32
	done  bool
}

type audioTrackRef struct {
	path   string
	stream int
	volume float64
}

func newAudioMixProducer(tracks []audioTrackRef, m *ffmpeg.Muxer, limit float64) (*audioMixProducer, error) {
	p := &audioMixProducer{m: m, pkt: ffmpeg.NewPacket()}
	rate, channels := 0, 1
	for _, t := range tracks {
		src, err := openSource(t.path, sourceOptions{audio: true, stream: t.stream, streamSet: true})
		if err != nil {
			p.close()
			return nil, err
		}
		if rate == 0 {
			rate = src.dm.Stream(src.as).SampleRate
		}
		channels = max(channels, min(2, src.dm.Stream(src.as).Channels))
		p.ins = append(p.ins, &pcmInput{src: src, volume: float32(t.volume)})
	}
	if rate <= 0 || rate > 96000 {
		rate = 44100
	}
	for _, in := range p.ins {
		in.rs = ffmpeg.NewResampler(ffmpeg.AudioFormat{SampleRate: rate, Channels: channels})
	}
	var err error
	p.enc, err = ffmpeg.NewAudioEncoder(ffmpeg.AudioEncoderOptions{SampleRate: rate, Channels: channels, GlobalHeader: m.GlobalHeader()})
	if err != nil {
		p.close()
		return nil, err
	}
	if p.out, err = m.AddStream(p.enc); err != nil {
		p.close()
		return nil, err
	}
	if limit > 0 {
		p.limit = int64(math.Round(limit * float64(rate)))
	}
	return p, nil
}

const mixBlock = 1024 // samples per channel mixed per step

func (p *audioMixProducer) next() (float64, bool) {
	if p.done {
		return 0, !p.enc.Flushed()
	}
	return float64(p.pos) / float64(p.enc.SampleRate()), true
}

func (p *audioMixProducer) step() error {
	if p.done {
		if err := p.enc.Flush(); err != nil {
			return err
		}
		return drainEncoder(p.enc, p.m, p.out, p.pkt)
	}
	ch := p.enc.Channels()
	n := mixBlock
	if p.limit > 0 && p.pos+int64(n) > p.limit {
		n = int(p.limit - p.pos)
	}
	want := n * ch
	if cap(p.mix) < want {
		p.mix = make([]float32, want)
	}
	mix := p.mix[:want]
	clear(mix)
	got := 0
	for _, in := range p.ins {
		if err := in.fill(want); err != nil {
			return err
		}
		k := min(want, len(in.buf))
		for i := 0; i < k; i++ {
			mix[i] += in.buf[i] * in.volume
		}
		in.buf = in.buf[:copy(in.buf, in.buf[k:])]
		got = max(got, k)
	}
	if got == 0 {
		p.done = true
		return p.step()
	}
	mix = mix[:got-got%ch]
	for i, v := range mix {
		mix[i] = max(-1, min(1, v))
	}
	if err := p.enc.EncodeAudio(mix); err != nil {
		return err
	}
	p.pos += int64(len(mix) / ch)
	if p.limit > 0 && p.pos >= p.limit {
		p.done = true
	}
	return drainEncoder(p.enc, p.m, p.out, p.pkt)
}

func (p *audioMixProducer) close() {
	p.pkt.Free()
	if p.enc != nil {
		p.enc.Close()
	}
	for _, in := range p.ins {
		if in.rs != nil {
			in.rs.Close()
		}
		in.src.close()
	}
}

// primer is implemented by producers that read ahead once every stream is added.
type primer interface{ prime() error }

func (p *copyProducer) prime() error { p.read(); return nil }

func (p *videoEncodeProducer) prime() error { return p.read() }

// writeMP4 runs the producers built by build into a faststart MP4 at path. On error
// the partial file is removed.
func writeMP4(ctx context.Context, path string, total float64, progress progressFunc, build func(m *ffmpeg.Muxer) ([]producer, error)) (err error) {
	m, err := ffmpeg.NewMuxer(path, ffmpeg.MuxerOptions{Format: "mp4", FastStart: true})
	if err != nil {
		return err
	}
	var ps []producer
	defer func() {
		for _, p := range ps {
			p.close()
		}
		if cerr := m.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			removeQuietly(path)
		}
	}()
	if ps, err = build(m); err != nil {
		return err
	}
	if len(ps) == 0 {
		return errors.New("video: nothing to write")
	}
	if err = m.WriteHeader(); err != nil {
		return err
	}
	for _, p := range ps {
		if pr, ok := p.(primer); ok {
			if err = pr.prime(); err != nil {
				return err
			}
		}
	}
	if err = runProducers(ctx, ps, total, progress); err != nil {
		return fmt.Errorf("video: write %s: %w", path, err)
	}
	for _, p := range ps {
		if cp, ok := p.(*copyProducer); ok && cp.err != nil && cp.written == 0 {
			return cp.err
		}
	}
	return nil
}
