package difftest

import (
	"encoding/json"
	"image"
	"image/color"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		wantErr   string
		w, h      int
		tol       Tolerance
	}{
		{name: "size and check", src: "// size 20x10\n// check: x\nctx.fillRect(0,0,1,1)", w: 20, h: 10, tol: DefaultTolerance},
		{name: "tolerance override", src: "// size 5x5\n// check: x\n// tolerance: interior=6 fail=3\n", w: 5, h: 5,
			tol: Tolerance{Interior: 6, Edge: DefaultTolerance.Edge, Fail: 3}},
		{name: "missing size", src: "// check: x\n", wantErr: "size"},
		{name: "missing check", src: "// size 5x5\n", wantErr: "check"},
		{name: "bad size", src: "// size 5y5\n// check: x\n", wantErr: "bad size"},
		{name: "huge size", src: "// size 100000x5\n// check: x\n", wantErr: "bad size"},
		{name: "bad tolerance", src: "// size 5x5\n// check: x\n// tolerance: edge=-1\n", wantErr: "bad tolerance"},
		{name: "unknown tolerance", src: "// size 5x5\n// check: x\n// tolerance: blur=1\n", wantErr: "unknown tolerance"},
		{name: "header ends at first code line", src: "// size 5x5\nx()\n// check: late\n", wantErr: "check"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("c", tc.src)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Width != tc.w || c.Height != tc.h || c.Tol != tc.tol {
				t.Errorf("got %dx%d %+v", c.Width, c.Height, c.Tol)
			}
		})
	}
}

// square returns a w×h image with an opaque c square at [2,6)² on transparent.
func square(c color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	for y := 2; y < 6; y++ {
		for x := 2; x < 6; x++ {
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func TestCompare(t *testing.T) {
	ref := square(color.NRGBA{200, 0, 0, 255})
	tol := Tolerance{Interior: 3, Edge: 40, Fail: 0}
	tests := []struct {
		name   string
		modify func(img *image.NRGBA)
		failed int
	}{
		{"identical", func(*image.NRGBA) {}, 0},
		{"small interior change", func(img *image.NRGBA) { img.SetNRGBA(0, 0, color.NRGBA{0, 0, 0, 3}) }, 0},
		{"interior change beyond limit", func(img *image.NRGBA) { img.SetNRGBA(0, 0, color.NRGBA{0, 0, 0, 9}) }, 1},
		{"edge pixel within edge limit", func(img *image.NRGBA) { img.SetNRGBA(1, 3, color.NRGBA{200, 0, 0, 30}) }, 0},
		{"edge pixel beyond edge limit", func(img *image.NRGBA) { img.SetNRGBA(2, 3, color.NRGBA{200, 0, 0, 100}) }, 1},
		{"colour at alpha 0 does not count", func(img *image.NRGBA) { img.SetNRGBA(0, 7, color.NRGBA{255, 255, 255, 0}) }, 0},
		{"shape shifted by one pixel", func(img *image.NRGBA) { *img = *square(color.NRGBA{}); shift(img, ref) }, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := square(color.NRGBA{200, 0, 0, 255})
			tc.modify(got)
			d := Compare(ref, got, tol)
			if d.Failed != tc.failed {
				t.Errorf("failed = %d, want %d (%v)", d.Failed, tc.failed, d)
			}
			if s := Strip(ref, got, d); s.Bounds().Dx() != 3*8+8 {
				t.Errorf("strip width %d", s.Bounds().Dx())
			}
		})
	}
	if d := Compare(ref, image.NewNRGBA(image.Rect(0, 0, 4, 4)), tol); d.OK(tol) {
		t.Error("images of different sizes compared equal")
	}
}

// shift copies ref moved one pixel right into img.
func shift(img, ref *image.NRGBA) {
	for y := 0; y < 8; y++ {
		for x := 1; x < 8; x++ {
			img.SetNRGBA(x, y, ref.NRGBAAt(x-1, y))
		}
	}
}

func TestEqualValues(t *testing.T) {
	tests := []struct {
		a, b string
		ok   bool
	}{
		{`null`, ``, true},
		{`[1, "a", true]`, `[1,"a",true]`, true},
		{`[0.30000000000000004]`, `[0.3]`, true},
		{`[0.4000000059604645]`, `[0.4]`, false},
		{`{"x": 1}`, `{"x": 1, "y": 2}`, false},
		{`"#ff0000"`, `"#FF0000"`, false},
		{`[1, 2]`, `[1, 2, 3]`, false},
		{`1`, `"1"`, false},
	}
	for _, tc := range tests {
		err := EqualValues(json.RawMessage(tc.a), json.RawMessage(tc.b))
		if (err == nil) != tc.ok {
			t.Errorf("EqualValues(%s, %s) = %v, want ok=%v", tc.a, tc.b, err, tc.ok)
		}
	}
}
