package blend

import (
	"math/rand/v2"
	"testing"
)

// edgeRun is one Edge call of a replayed fill: n coverage bytes from
// edgeRuns.cov[c:] painted at byte offset off of the canvas.
type edgeRun struct {
	off, end, c int32 // end: the end of the row
	n           uint8
}

// edgeRuns replays the edge pixels of many small anti-aliased shapes, as the
// rasterizer reports them for 10,000 random translucent paths on a 1920×1080
// canvas: per row a left and a right edge run. Lengths follow the measured
// mix (1: 18%, 2: 35%, 3: 21%, 4–5: 8%, 6–20: 17%); a run is one to three
// partly covered pixels, a few full ones after them and, when long, the
// partly covered pixels of a slanted edge's other end.
type edgeRuns struct {
	w, h, stride int
	pix          []uint8
	cov          []uint8
	runs         []edgeRun
	shapes       []int32 // first run of each shape, for the row prefetch
	rows         [][2]int32
}

func edgeRunLen(r *rand.Rand) int {
	switch p := r.IntN(100); {
	case p < 18:
		return 1
	case p < 53:
		return 2
	case p < 74:
		return 3
	case p < 80:
		return 4
	case p < 83:
		return 5
	default:
		return 6 + r.IntN(15)
	}
}

func newEdgeRuns(w, h, shapes int) *edgeRuns {
	r := rand.New(rand.NewPCG(3, 4))
	e := &edgeRuns{w: w, h: h, stride: 4 * w, pix: make([]uint8, 4*w*h)}
	for i := range e.pix {
		e.pix[i] = uint8(r.IntN(256))
	}
	partial := func() uint8 { return uint8(1 + r.IntN(254)) }
	for range shapes {
		rows := 10 + r.IntN(80)
		width := 10 + r.IntN(80)
		x0, y0 := 20+r.IntN(w-width-60), r.IntN(h-rows)
		e.shapes = append(e.shapes, int32(len(e.runs)))
		e.rows = append(e.rows, [2]int32{int32(y0*e.stride + 4*x0), int32(rows)})
		for y := y0; y < y0+rows; y++ {
			for _, x := range []int{x0 + r.IntN(8), x0 + width - r.IntN(8)} {
				n := edgeRunLen(r)
				c := len(e.cov)
				lead := min(n, 1+r.IntN(2))
				if n == 3 && r.IntN(4) == 0 {
					lead = 3
				}
				trail := 0
				if n >= 5 {
					trail = 1 + r.IntN(2)
				}
				for i := range n {
					switch {
					case i < lead || i >= n-trail:
						e.cov = append(e.cov, partial())
					default:
						e.cov = append(e.cov, 255)
					}
				}
				e.runs = append(e.runs, edgeRun{off: int32(y*e.stride + 4*x), end: int32((y + 1) * e.stride), c: int32(c), n: uint8(n)})
			}
		}
	}
	e.shapes = append(e.shapes, int32(len(e.runs)))
	return e
}

// paint replays every run once, each shape's rows prefetched first as the
// canvas's span painter does.
func (e *edgeRuns) paint(k *SolidOver, prefetch bool) {
	for s := 0; s+1 < len(e.shapes); s++ {
		if prefetch {
			PrefetchRows(e.pix, int(e.rows[s][0]), e.stride, 4*100, int(e.rows[s][1]))
		}
		for _, run := range e.runs[e.shapes[s]:e.shapes[s+1]] {
			k.Edge(e.pix[run.off:run.end], e.cov[run.c:run.c+int32(run.n)])
		}
	}
}

func benchEdgeRuns(b *testing.B, w, h, shapes int, prefetch bool) {
	e := newEdgeRuns(w, h, shapes)
	k, _ := NewSolidOver([4]uint8{100, 30, 0, 128})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.paint(&k, prefetch)
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(len(e.runs)), "ns/run")
}

// BenchmarkSolidOverEdgeRuns paints realistic edge runs of small shapes
// scattered over a 1920×1080 canvas (8 MB, larger than L2, so rows start
// cold and are prefetched per shape); ...Hot does the same on a canvas
// small enough to stay in L1/L2, which shows the arithmetic alone.
func BenchmarkSolidOverEdgeRuns(b *testing.B)    { benchEdgeRuns(b, 1920, 1080, 2000, true) }
func BenchmarkSolidOverEdgeRunsHot(b *testing.B) { benchEdgeRuns(b, 256, 100, 300, false) }
