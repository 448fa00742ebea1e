package blend

import (
	"bytes"
	"testing"
)

// PrefetchRows is only a hint: any range, valid or not, must leave the
// pixels alone and never fault.
func TestPrefetchRowsAnyRange(t *testing.T) {
	pix := make([]uint8, 64*100)
	for i := range pix {
		pix[i] = uint8(i * 7)
	}
	want := bytes.Clone(pix)
	cases := []struct{ off, stride, n, rows int }{
		{0, 64, 64, 100},     // the whole buffer
		{4, 64, 1, 1},        // one byte
		{60, 64, 8, 99},      // rows straddling lines
		{0, 64, 65, 2},       // stride shorter than a row
		{0, 64, 64, 101},     // one row too many
		{-4, 64, 8, 1},       // before the start
		{6390, 64, 20, 1},    // past the end
		{0, 0, 0, 1},         // empty
		{0, 1 << 62, 1, 3},   // offsets that overflow
		{1 << 62, 64, 64, 1}, // far away
		{0, 64, -64, 1},      // negative length
		{0, 64, 64, -1},      // negative rows
	}
	for _, c := range cases {
		PrefetchRows(pix, c.off, c.stride, c.n, c.rows)
	}
	PrefetchRows(nil, 0, 64, 64, 1)
	if !bytes.Equal(pix, want) {
		t.Fatal("PrefetchRows changed the pixels")
	}
}
