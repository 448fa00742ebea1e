package audio

import (
	"errors"

	"github.com/seed92233726/mediad/audio/internal/resample"
)

// AudioSource is a stream of interleaved float32 PCM, such as the audio track of a
// video.VideoDecoder adapted by the caller (audio does not import video).
type AudioSource interface {
	// ReadAudio fills dst with whole interleaved frames and returns the number of frames; it
	// returns io.EOF (with 0 frames) at the end. It must not block for long: it runs inside
	// rendering. (0, nil) means nothing is decoded yet: the source is late, not finished.
	ReadAudio(dst []float32) (frames int, err error)
	SampleRate() int
	Channels() int
}

// MediaAudioPlayer is the server-side wx.createMediaAudioPlayer: it mixes the audio of added
// sources, each with its own volume, resampled to the context rate, into one output. It is a
// source node: connect it to the destination (or any node) of a context.
//
// A source that has less than a render quantum ready and has not ended is held back for that
// quantum (it plays late rather than with a hole in the middle of a quantum). A caller that
// renders only when Ready reports true gets every source's audio without any gap.
type MediaAudioPlayer struct {
	*audioNode
	volume    float32
	running   bool
	destroyed bool
	sources   []*playerSource
	mix       [2][RenderQuantum]float32
}

type playerSource struct {
	src      AudioSource
	volume   float32
	channels int
	read     []float32 // interleaved scratch for ReadAudio
	streams  []*resample.Stream
	direct   bool // same rate: no resampling
	pending  [][]float32
	out      []float32
	eof      bool
}

// ErrSourceNotAdded is returned by RemoveAudioSource for a source the player does not hold.
var ErrSourceNotAdded = errors.New("audio: source not added to this MediaAudioPlayer")

// CreateMediaAudioPlayer creates a stopped player with volume 1 and stereo output.
func (c *BaseContext) CreateMediaAudioPlayer() *MediaAudioPlayer {
	p := &MediaAudioPlayer{volume: 1}
	p.audioNode = newNode(c, p, 0, 1, 2, Max, Speakers)
	return p
}

func (p *MediaAudioPlayer) Volume() float32 { return p.volume }

// SetVolume clamps to [0, 1].
func (p *MediaAudioPlayer) SetVolume(v float32) { p.volume = min(1, max(0, v)) }

// Start begins mixing; Stop pauses it (sources keep their position).
func (p *MediaAudioPlayer) Start() error {
	if p.destroyed {
		return errorf(ErrInvalidState, "MediaAudioPlayer is destroyed")
	}
	p.running = true
	return nil
}

func (p *MediaAudioPlayer) Stop() error {
	if p.destroyed {
		return errorf(ErrInvalidState, "MediaAudioPlayer is destroyed")
	}
	p.running = false
	return nil
}

// Destroy stops the player and drops every source.
func (p *MediaAudioPlayer) Destroy() {
	p.running, p.destroyed = false, true
	p.sources = nil
	p.Disconnect()
}

// AddAudioSource mixes src in at volume (clamped to [0, 1]).
func (p *MediaAudioPlayer) AddAudioSource(src AudioSource, volume float32) error {
	if p.destroyed {
		return errorf(ErrInvalidState, "MediaAudioPlayer is destroyed")
	}
	ch, rate := src.Channels(), src.SampleRate()
	if ch < 1 || ch > MaxChannels || rate < MinSampleRate || rate > MaxSampleRate {
		return errorf(ErrNotSupported, "audio source of %d channels at %d Hz", ch, rate)
	}
	for _, s := range p.sources {
		if s.src == src {
			s.volume = min(1, max(0, volume))
			return nil
		}
	}
	s := &playerSource{src: src, volume: min(1, max(0, volume)), channels: ch, direct: float64(rate) == p.ctx.sampleRate}
	s.read = make([]float32, RenderQuantum*ch)
	s.pending = make([][]float32, ch)
	s.out = make([]float32, RenderQuantum)
	if !s.direct {
		for c := 0; c < ch; c++ {
			s.streams = append(s.streams, resample.NewStream(float64(rate), p.ctx.sampleRate))
		}
	}
	p.sources = append(p.sources, s)
	return nil
}

// RemoveAudioSource stops mixing src.
func (p *MediaAudioPlayer) RemoveAudioSource(src AudioSource) error {
	for i, s := range p.sources {
		if s.src == src {
			p.sources = removeAt(p.sources, i)
			return nil
		}
	}
	return ErrSourceNotAdded
}

// Ready reads every source as far as it can without waiting and reports whether the next
// quantum mixes all of them: each has a whole quantum of output pending or has ended. Call
// it from the goroutine that renders.
func (p *MediaAudioPlayer) Ready() bool {
	for _, s := range p.sources {
		if !s.fillQuantum() {
			return false
		}
	}
	return true
}

// SourceEnded reports whether src has ended and all of its audio has been mixed; a source
// the player does not hold counts as ended.
func (p *MediaAudioPlayer) SourceEnded(src AudioSource) bool {
	for _, s := range p.sources {
		if s.src == src {
			return s.eof && len(s.pending[0]) == 0
		}
	}
	return true
}

// fillQuantum reads the source until a quantum of output is pending, the source has nothing
// more for now, or it ends; it reports whether the source can take part in the next quantum
// (a whole quantum pending, or ended).
func (s *playerSource) fillQuantum() bool {
	for len(s.pending[0]) < RenderQuantum && !s.eof {
		n, err := s.src.ReadAudio(s.read) // at most RenderQuantum frames
		n = min(max(n, 0), RenderQuantum)
		for c := 0; c < s.channels; c++ {
			for i := 0; i < n; i++ {
				s.out[i] = s.read[i*s.channels+c]
			}
			if s.direct {
				s.pending[c] = append(s.pending[c], s.out[:n]...)
			} else {
				s.streams[c].Push(s.out[:n])
			}
		}
		if err != nil {
			s.eof = true
			for _, st := range s.streams {
				st.Close()
			}
		}
		if !s.direct {
			s.drain()
		}
		if n == 0 && err == nil {
			break // nothing decoded yet
		}
	}
	return s.eof || len(s.pending[0]) >= RenderQuantum
}

func (s *playerSource) drain() {
	for c, st := range s.streams {
		for {
			n := st.Pull(s.out)
			s.pending[c] = append(s.pending[c], s.out[:n]...)
			if n < len(s.out) {
				break
			}
		}
	}
}

func (p *MediaAudioPlayer) process(int64) {
	out := p.out(0)
	if !p.running || len(p.sources) == 0 {
		out.setSilent(2)
		return
	}
	for c := range p.mix {
		clear(p.mix[c][:])
	}
	any := false
	for _, s := range p.sources {
		if !s.fillQuantum() || len(s.pending[0]) == 0 {
			continue
		}
		any = true
		n := min(RenderQuantum, len(s.pending[0]))
		g := s.volume * p.volume
		for c := 0; c < 2; c++ {
			src := s.pending[min(c, s.channels-1)]
			if s.channels > 2 {
				// Keep the front pair of wider layouts; a full speaker down-mix is the graph's job.
				src = s.pending[c]
			}
			for i := 0; i < n; i++ {
				p.mix[c][i] += src[i] * g
			}
		}
		for c := range s.pending {
			s.pending[c] = s.pending[c][:copy(s.pending[c], s.pending[c][n:])]
		}
	}
	if !any {
		out.setSilent(2)
		return
	}
	out.setChannels(2)
	out.silent = false
	copy(out.ch[0][:RenderQuantum], p.mix[0][:])
	copy(out.ch[1][:RenderQuantum], p.mix[1][:])
}
