package blend

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/css"
)

func premul(r, g, b, a uint8) [4]uint8 {
	m := func(c uint8) uint8 { return uint8((uint32(c)*uint32(a) + 127) / 255) }
	return [4]uint8{m(r), m(g), m(b), a}
}

// TestChromiumBlend replays testdata/chromium_blend.json: every operator on
// every pair of ten colours, as Chromium composites them. Chromium returns
// non-premultiplied bytes, so both sides are compared premultiplied.
func TestChromiumBlend(t *testing.T) {
	raw, err := os.ReadFile("testdata/chromium_blend.json")
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]any
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatal(err)
	}
	n, worst := 0, map[Op]int{}
	for _, r := range rows {
		name := r[0].(string)
		if name == "case-sensitive" {
			if r[1].(string) != "multiply" {
				t.Errorf("Chromium accepted a mis-cased operator")
			}
			if _, ok := ParseOp("Source-Over"); ok {
				t.Errorf("ParseOp accepts a mis-cased operator")
			}
			continue
		}
		op, ok := ParseOp(name)
		if !ok {
			t.Fatalf("unknown op %q", name)
		}
		sc, ok1 := css.ParseColor(r[1].(string))
		dc, ok2 := css.ParseColor(r[2].(string))
		if !ok1 || !ok2 {
			t.Fatal("bad colour")
		}
		want := premul(uint8(r[3].(float64)), uint8(r[4].(float64)), uint8(r[5].(float64)), uint8(r[6].(float64)))
		dst := premul(dc.R, dc.G, dc.B, dc.A)
		CompositeSolid(op, dst[:], premul(sc.R, sc.G, sc.B, sc.A), nil)
		n++
		for c := 0; c < 4; c++ {
			d := int(dst[c]) - int(want[c])
			d = max(d, -d)
			worst[op] = max(worst[op], d)
			if d > 2 {
				t.Errorf("%s %s over %s: got %v, Chromium %v", name, r[1], r[2], dst, want)
				break
			}
		}
	}
	if n != NumOps*100 {
		t.Errorf("%d cases", n)
	}
	for op := Op(0); op < numOps; op++ {
		t.Logf("%-16s max diff %d", op, worst[op])
	}
}

// TestChromiumCoverage checks how partial coverage combines with each operator,
// against testdata/chromium_coverage.json: a 6-pixel rectangle from x=4.5 over a
// 16-pixel row, so pixels 4 and 10 are half covered. Operators that do not clear
// outside the shape must match Composite with that coverage; the others match
// folding the coverage into the source (ScaleByCoverage) and compositing the
// whole row, as ClearsOutsideShape documents.
func TestChromiumCoverage(t *testing.T) {
	raw, err := os.ReadFile("testdata/chromium_coverage.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref map[string][]int
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	const n = 16
	cov := make([]uint8, n)
	for i := 5; i < 10; i++ {
		cov[i] = 255
	}
	cov[4], cov[10] = 128, 128
	for op := Op(0); op < numOps; op++ {
		want, ok := ref[op.String()]
		if !ok || len(want) != 4*n {
			t.Fatalf("%v: no reference", op)
		}
		dst := make([]uint8, 4*n)
		src := make([]uint8, 4*n)
		d0, s0 := premul(40, 160, 220, 204), premul(230, 90, 30, 230)
		for i := 0; i < n; i++ {
			copy(dst[4*i:], d0[:])
			copy(src[4*i:], s0[:])
		}
		if op.ClearsOutsideShape() {
			ScaleByCoverage(src, cov)
			Composite(op, dst, src, nil)
		} else {
			Composite(op, dst, src, cov)
		}
		for i := 0; i < n; i++ {
			w := premul(uint8(want[4*i]), uint8(want[4*i+1]), uint8(want[4*i+2]), uint8(want[4*i+3]))
			for c := 0; c < 4; c++ {
				if d := int(dst[4*i+c]) - int(w[c]); d < -2 || d > 2 {
					t.Errorf("%v pixel %d (coverage %d): got %v, Chromium %v", op, i, cov[i], dst[4*i:4*i+4], w)
					break
				}
			}
		}
	}
}
