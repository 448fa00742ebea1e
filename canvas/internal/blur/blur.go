package blur

import (
	"bytes"
	"image"
	"math"
	"sync"
)

// minSigma is where Skia stops blurring (3σ ≤ 1): below it the kernel's side
// taps hardly change an 8-bit plane.
const minSigma = 1.0 / 3

// smallBelow is where Skia's mask blur switches from its discrete Gaussian to
// three box filters.
const smallBelow = 2

// maxSmallRadius bounds the discrete Gaussian's radius for σ < smallBelow (Skia
// needs at most 4).
const maxSmallRadius = 8

// maxBox caps a box width so 255×d³ stays within uint64; it corresponds to a
// sigma of about 35000, far beyond any canvas.
const maxBox = 1 << 16

// GaussianAlpha blurs the w×h plane pix (row stride stride) in place with
// standard deviation sigma, as Skia (and so Chromium) blurs the shadow mask of a
// general shape: below sigma 2 a discrete Gaussian kernel (see initSmall), from
// 2 up the three boxes of SVG's feGaussianBlur, d = ⌊σ·3√(2π)/4 + 0.5⌋, whose
// spread is about 0.9σ. Chromium's path shadows match it to the level at every
// shadowBlur measured (see chromium_test.go). Invalid geometry, a non-finite
// sigma or one at or below minSigma leave pix untouched.
func GaussianAlpha(pix []uint8, w, h, stride int, sigma float64) {
	gaussian(pix, w, h, stride, sigma, false, image.Rect(0, 0, w, h))
}

// GaussianAlphaImage blurs like GaussianAlpha but as Skia's blur image filter
// does, which Chromium uses for the shadows of pattern (image) fills: the SVG
// three-box approximation at every sigma, so there is no discrete Gaussian
// below 2, and below about 0.53 (a box width of one) nothing changes.
func GaussianAlphaImage(pix []uint8, w, h, stride int, sigma float64) {
	gaussian(pix, w, h, stride, sigma, true, image.Rect(0, 0, w, h))
}

// GaussianAlphaWithin is GaussianAlpha (GaussianAlphaImage when imageFilter
// is set) for a caller that will read only the pixels inside win (plane
// coordinates): pixels outside it are left in an unspecified state. A shadow
// with a huge blur needs a plane far larger than the canvas it lands on; this
// keeps the cost to the rows that hold any of the shape plus the columns that
// are read, instead of the whole plane.
func GaussianAlphaWithin(pix []uint8, w, h, stride int, sigma float64, imageFilter bool, win image.Rectangle) {
	gaussian(pix, w, h, stride, sigma, imageFilter, win.Intersect(image.Rect(0, 0, w, h)))
}

func gaussian(pix []uint8, w, h, stride int, sigma float64, boxesOnly bool, win image.Rectangle) {
	if w <= 0 || h <= 0 || stride < w || !(sigma > minSigma) || math.IsInf(sigma, 0) || win.Empty() {
		return
	}
	if len(pix) < w || (h-1) > (len(pix)-w)/stride { // (h-1)*stride+w > len(pix), without overflow
		return
	}
	n := max(w, h)
	var k kernel
	k.init(sigma, boxesOnly)
	if k.norm == 1 {
		return // three boxes of width one: the identity
	}
	buf := getBuffers(n)
	defer buffers.Put(buf)
	line, out, prev, scratch := buf.line[:n], buf.out[:n], buf.prev[:n], buf.sums[:2*(n+1)]
	// The horizontal pass must cover every row (the vertical one reads them
	// all), but a row of zeros stays zeros and a row equal to the one above
	// blurs to the same output, which is most rows of a large shape.
	horizontal := func() {
		havePrev := false
		for y := 0; y < h; y++ {
			row := pix[y*stride : y*stride+w]
			if havePrev && bytes.Equal(row, prev[:w]) {
				copy(row, pix[(y-1)*stride:(y-1)*stride+w])
				continue
			}
			copy(prev, row)
			havePrev = true
			if allZero(row) {
				continue
			}
			copy(line, row)
			k.apply(line[:w], row, scratch)
		}
	}
	// The vertical pass only needs the columns the caller reads.
	vertical := func(x0, x1 int) {
		col := out[:h]
		for x := x0; x < x1; x++ {
			for y := 0; y < h; y++ {
				line[y] = pix[y*stride+x]
			}
			k.apply(line[:h], col, scratch)
			for y := 0; y < h; y++ {
				pix[y*stride+x] = col[y]
			}
		}
	}
	// Each pass rounds to 8 bits, so the order shows in the last bit; follow
	// Skia's: vertical first for its small kernel, horizontal first for boxes.
	if k.small > 0 {
		vertical(0, w)
		horizontal()
	} else {
		horizontal()
		vertical(win.Min.X, win.Max.X)
	}
}

func allZero(b []uint8) bool {
	for _, v := range b {
		if v != 0 {
			return false
		}
	}
	return true
}

// lineBuffers is the per-call working memory, pooled so repeated shadows do
// not allocate.
type lineBuffers struct {
	line, out, prev []uint8
	sums            []uint64
}

var buffers sync.Pool

func getBuffers(n int) *lineBuffers {
	b, _ := buffers.Get().(*lineBuffers)
	if b == nil {
		b = &lineBuffers{}
	}
	if cap(b.line) < n {
		b.line = make([]uint8, n)
		b.out = make([]uint8, n)
		b.prev = make([]uint8, n)
		b.sums = make([]uint64, 2*(n+1))
	}
	return b
}

// kernel is either Skia's small discrete Gaussian (small > 0) or three boxes.
type kernel struct {
	small   int                          // radius of the discrete Gaussian (≤ 4), 0 for boxes
	small16 [maxSmallRadius + 1]uint32   // its taps 0..small in 0.16 fixed point
	box     [3]struct{ left, right int } // extents of each box around the centre
	norm    uint64                       // product of the three box widths
}

func (k *kernel) init(sigma float64, boxesOnly bool) {
	if sigma < smallBelow && !boxesOnly {
		k.initSmall(sigma)
		return
	}
	sigma = min(sigma, (maxBox-8)/2) // beyond this a box is wider than any plane anyway
	// SVG 1.1 feGaussianBlur, as Skia implements it: odd d gives three centred
	// boxes, even d two boxes of d offset half a pixel each way and a centred
	// one of d+1.
	d := max(1, int(math.Floor(sigma*3*math.Sqrt(2*math.Pi)/4+0.5)))
	widths := [3]int{d, d, d}
	if d%2 == 0 {
		widths[2] = d + 1
	}
	k.norm = 1
	shift := 0
	for i, d := range widths {
		k.box[i].left, k.box[i].right = d/2, d/2
		if d%2 == 0 {
			// Alternate the half-pixel offset between the two even boxes.
			if shift == 0 {
				k.box[i].right--
			} else {
				k.box[i].left--
			}
			shift ^= 1
		}
		k.norm *= uint64(d)
	}
}

// initSmall builds the kernel Skia uses below sigma 2: Lindeberg's discrete
// Gaussian, g(n) = e^(−t)·I_n(t) with t = σ² and I_n the modified Bessel
// functions, cut off after the first tap at or below 1%, normalised to sum to
// one and quantised to 0.16 fixed point. (It is narrower than a sampled
// Gaussian of the same sigma: a 1-pixel line with σ = 1 peaks at 121, not 102,
// which is what Chromium shows.)
func (k *kernel) initSmall(sigma float64) {
	t := sigma * sigma
	// I_0 and I_1 from their power series (A&S 9.6.10), to 1e-6.
	i0, term := 1.0, 1.0
	for m := 1; term > 1e-6; m++ {
		term *= t * t / 4 / float64(m*m)
		i0 += term
	}
	i1 := t / 2
	term = i1
	for m := 1; term > 1e-6; m++ {
		term *= t * t / 4 / float64(m*(m+1))
		i1 += term
	}
	et := math.Exp(t)
	var b, g [maxSmallRadius + 2]float64
	b[0], b[1] = i0, i1
	g[0], g[1] = i0/et, i1/et
	n := 1
	// The recurrence I_{n+1} = I_{n−1} − (2n/t)·I_n is stable enough for these
	// few terms.
	for g[n] > 0.01 && n+1 < len(g)-1 {
		b[n+1] = b[n-1] - float64(2*n)/t*b[n]
		g[n+1] = b[n+1] / et
		n++
	}
	// Taps 0..n−1 are used; normalise their symmetric sum to one, summing the
	// small ones first, and give the rounding slack to the centre.
	sum := 0.0
	for i := n - 1; i >= 1; i-- {
		sum += 2 * g[i]
	}
	sum += g[0]
	for i := 0; i < n; i++ {
		g[i] /= sum
	}
	rest := 0.0
	for i := n - 1; i >= 1; i-- {
		rest += 2 * g[i]
	}
	g[0] = 1 - rest
	k.small = n - 1
	for i := 0; i < n; i++ {
		k.small16[i] = uint32(math.Round(g[i] * 65536))
	}
}

// apply blurs src into dst (same length); scratch holds 2×(len+1) values.
func (k *kernel) apply(src, dst []uint8, scratch []uint64) {
	n := len(src)
	if k.small > 0 {
		// Skia's arithmetic: the source as 8.8 fixed point times each 0.16 tap,
		// keeping the high 16 bits, summed onto one half, truncated to 8 bits.
		r := k.small
		taps := k.small16[:r+1]
		edge := func(i int) {
			acc := uint32(0x80)
			for j := max(0, i-r); j <= min(n-1, i+r); j++ {
				d := j - i
				if d < 0 {
					d = -d
				}
				acc += (uint32(src[j]) << 8 * taps[d]) >> 16
			}
			dst[i] = uint8(min(acc>>8, 255))
		}
		// Only the first and last r pixels see the line's ends.
		mid0, mid1 := min(r, n), max(min(r, n), n-r)
		for i := 0; i < mid0; i++ {
			edge(i)
		}
		for i := mid0; i < mid1; i++ {
			acc := 0x80 + (uint32(src[i])<<8*taps[0])>>16
			for d := 1; d <= r; d++ {
				acc += (uint32(src[i-d])<<8*taps[d])>>16 + (uint32(src[i+d])<<8*taps[d])>>16
			}
			dst[i] = uint8(min(acc>>8, 255))
		}
		for i := mid1; i < n; i++ {
			edge(i)
		}
		return
	}
	a, b := scratch[:n+1], scratch[n+1:2*n+2]
	// Prefix sums turn each box into two lookups: box(i) = P[i+right+1] − P[i−left].
	a[0] = 0
	for i := 0; i < n; i++ {
		a[i+1] = a[i] + uint64(src[i])
	}
	for pass := 0; pass < 3; pass++ {
		boxPass(a, b, n, k.box[pass].left, k.box[pass].right)
		a, b = b, a
	}
	// a is now the prefix sum of the final output; difference it back. A
	// float multiply replaces a 64-bit divide; sums stay far below 2^53.
	inv := 1 / float64(k.norm)
	for i := 0; i < n; i++ {
		v := uint64(float64(a[i+1]-a[i])*inv + 0.5)
		dst[i] = uint8(min(v, 255))
	}
}

// boxPass writes into b the prefix sum of one box filter (extents l, r) applied
// to the values whose prefix sum is a: box(i) = a[i+r+1] − a[i−l], with indices
// clamped to the line. The loop is split so the middle needs no clamping.
func boxPass(a, b []uint64, n, l, r int) {
	b[0] = 0
	// The window lies inside the line for i in [l, n−r).
	mid0 := min(l, n)
	mid1 := max(mid0, n-r)
	i := 0
	for ; i < mid0; i++ {
		b[i+1] = b[i] + (a[min(n, i+r+1)] - a[max(0, i-l)])
	}
	for ; i < mid1; i++ {
		b[i+1] = b[i] + (a[i+r+1] - a[i-l])
	}
	for ; i < n; i++ {
		b[i+1] = b[i] + (a[min(n, i+r+1)] - a[max(0, i-l)])
	}
}
