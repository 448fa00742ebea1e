package audio

// RenderQuantum is the number of frames processed per graph pass.
const RenderQuantum = 128

// ChannelInterpretation selects the up/down-mix rule between inputs of different channel counts.
type ChannelInterpretation string

// ChannelCountMode selects how a node input's channel count is computed.
type ChannelCountMode string

const (
	Speakers ChannelInterpretation = "speakers"
	Discrete ChannelInterpretation = "discrete"

	Max         ChannelCountMode = "max"
	ClampedMax  ChannelCountMode = "clamped-max"
	Explicit    ChannelCountMode = "explicit"
	sqrtHalf                     = 0.70710678118654752440
	maxBusChans                  = MaxChannels
)

// bus is one render quantum of audio: up to 32 channels of 128 frames. Storage only grows, so a
// graph in its steady state allocates nothing. silent marks an all-zero bus so that nodes can skip
// work (finished sources and what they feed cost next to nothing).
type bus struct {
	ch     [][]float32
	n      int
	silent bool
}

func (b *bus) setChannels(n int) {
	for len(b.ch) < n {
		b.ch = append(b.ch, make([]float32, RenderQuantum))
	}
	b.n = n
}

func (b *bus) chans() [][]float32 { return b.ch[:b.n] }

func (b *bus) zero() {
	for _, c := range b.ch[:b.n] {
		clear(c)
	}
}

// setSilent sets the channel count and marks the bus silent, zeroing it once so that readers that
// ignore the flag still see zeros.
func (b *bus) setSilent(n int) {
	b.setChannels(n)
	if !b.silent {
		b.zero()
		b.silent = true
	}
}

func isSpeakerLayout(n int) bool { return n == 1 || n == 2 || n == 4 || n == 6 }

// mixInto adds src into dst, up- or down-mixing per the spec's rules for interp.
func mixInto(dst, src *bus, interp ChannelInterpretation) {
	dn, sn := dst.n, src.n
	d, s := dst.ch, src.ch
	if dn == sn {
		for c := 0; c < dn; c++ {
			addTo(d[c], s[c])
		}
		return
	}
	if interp == Speakers && isSpeakerLayout(dn) && isSpeakerLayout(sn) {
		if mixSpeakers(d, s, dn, sn) {
			return
		}
	}
	// Discrete: copy the channels both have; extra input channels are dropped, extra output
	// channels stay silent.
	for c := 0; c < min(dn, sn); c++ {
		addTo(d[c], s[c])
	}
}

func mixSpeakers(d, s [][]float32, dn, sn int) bool {
	switch {
	case sn == 1 && dn == 2, sn == 1 && dn == 4:
		addTo(d[0], s[0])
		addTo(d[1], s[0])
	case sn == 1 && dn == 6:
		addTo(d[2], s[0])
	case sn == 2 && (dn == 4 || dn == 6):
		addTo(d[0], s[0])
		addTo(d[1], s[1])
	case sn == 4 && dn == 6:
		addTo(d[0], s[0])
		addTo(d[1], s[1])
		addTo(d[4], s[2])
		addTo(d[5], s[3])
	case sn == 2 && dn == 1:
		addScaled2(d[0], s[0], s[1], 0.5, 0.5)
	case sn == 4 && dn == 1:
		for i := range d[0][:RenderQuantum] {
			d[0][i] += 0.25 * (s[0][i] + s[1][i] + s[2][i] + s[3][i])
		}
	case sn == 6 && dn == 1:
		for i := range d[0][:RenderQuantum] {
			d[0][i] += sqrtHalf*(s[0][i]+s[1][i]) + s[2][i] + 0.5*(s[4][i]+s[5][i])
		}
	case sn == 4 && dn == 2:
		addScaled2(d[0], s[0], s[2], 0.5, 0.5)
		addScaled2(d[1], s[1], s[3], 0.5, 0.5)
	case sn == 6 && dn == 2:
		for i := range d[0][:RenderQuantum] {
			d[0][i] += s[0][i] + sqrtHalf*(s[2][i]+s[4][i])
			d[1][i] += s[1][i] + sqrtHalf*(s[2][i]+s[5][i])
		}
	case sn == 6 && dn == 4:
		for i := range d[0][:RenderQuantum] {
			d[0][i] += s[0][i] + sqrtHalf*s[2][i]
			d[1][i] += s[1][i] + sqrtHalf*s[2][i]
			d[2][i] += s[4][i]
			d[3][i] += s[5][i]
		}
	default:
		return false
	}
	return true
}

func addTo(d, s []float32) {
	s = s[:len(d)]
	i := 0
	if n := len(d) &^ 15; haveAVX2 && n > 0 {
		addAVX2(&d[0], &s[0], n)
		i = n
	}
	for ; i < len(d); i++ {
		d[i] += s[i]
	}
}

func addScaled2(d, a, b []float32, ka, kb float32) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] += ka*a[i] + kb*b[i]
	}
}
