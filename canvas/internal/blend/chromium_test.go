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
