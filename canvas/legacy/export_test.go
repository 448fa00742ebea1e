package legacy

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/codec"
)

// quadrants is a 40×20 canvas: red left half, half-transparent blue right half.
func quadrants(t *testing.T) *canvas.Canvas {
	cv := newCanvas(t, 40, 20)
	ctx := cv.Context2D()
	ctx.SetFillStyle("red")
	ctx.FillRect(0, 0, 20, 20)
	ctx.SetFillStyle("rgba(0, 0, 255, 0.5)")
	ctx.FillRect(20, 0, 20, 20)
	return cv
}

func decodeFile(t *testing.T, path string) image.Image {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func nrgbaAt(img image.Image, x, y int) [4]uint8 {
	c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
	if c.A == 0 {
		return [4]uint8{}
	}
	return [4]uint8{c.R, c.G, c.B, c.A}
}

func TestCanvasToTempFilePath(t *testing.T) {
	red, blue := [4]uint8{255, 0, 0, 255}, [4]uint8{0, 0, 255, 128}
	for _, tc := range []struct {
		name   string
		opts   ExportOptions
		w, h   int
		ext    string
		probes map[[2]int][4]uint8 // output pixel → straight RGBA (PNG only)
		err    string
	}{
		{"defaults: whole canvas as png", ExportOptions{}, 40, 20, ".png",
			map[[2]int][4]uint8{{5, 5}: red, {30, 5}: blue}, ""},
		{"region", ExportOptions{X: 15, Y: 5, Width: 10, Height: 10}, 10, 10, ".png",
			map[[2]int][4]uint8{{2, 2}: red, {7, 7}: blue}, ""},
		{"width defaults to canvas width - x", ExportOptions{X: 30}, 10, 20, ".png",
			map[[2]int][4]uint8{{0, 0}: blue}, ""},
		{"region scaled to dest", ExportOptions{Width: 40, Height: 20, DestWidth: 20, DestHeight: 10}, 20, 10, ".png",
			map[[2]int][4]uint8{{2, 5}: red, {17, 5}: blue}, ""},
		{"enlarged", ExportOptions{X: 0, Y: 0, Width: 10, Height: 10, DestWidth: 100, DestHeight: 100}, 100, 100, ".png",
			map[[2]int][4]uint8{{50, 50}: red}, ""},
		{"pixel ratio: css region, device dest", ExportOptions{X: 10, Width: 10, Height: 10, PixelRatio: 2}, 20, 20, ".png",
			map[[2]int][4]uint8{{5, 5}: blue}, ""},
		{"outside the canvas is transparent", ExportOptions{X: -10, Y: 0, Width: 20, Height: 10}, 20, 10, ".png",
			map[[2]int][4]uint8{{5, 5}: {}, {15, 5}: red}, ""},
		{"outside, scaled", ExportOptions{X: 30, Y: 0, Width: 20, Height: 20, DestWidth: 40, DestHeight: 40}, 40, 40, ".png",
			map[[2]int][4]uint8{{5, 5}: blue, {35, 35}: {}}, ""},
		{"jpg", ExportOptions{FileType: "jpg", Quality: 0.5}, 40, 20, ".jpg", nil, ""},
		{"jpeg accepted", ExportOptions{FileType: "JPEG"}, 40, 20, ".jpg", nil, ""},
		{"bad file type", ExportOptions{FileType: "gif"}, 0, 0, "", nil, "fileType"},
		{"zero region", ExportOptions{X: 40}, 0, 0, "", nil, "no pixels"},
		{"x beyond the canvas", ExportOptions{X: 50}, 0, 0, "", nil, "no pixels"},
		{"y beyond the canvas", ExportOptions{Y: 1e300}, 0, 0, "", nil, "no pixels"},
		{"region rounds to nothing", ExportOptions{Width: 0.2, Height: 5}, 0, 0, "", nil, "no pixels"},
		{"NaN", ExportOptions{X: math.NaN()}, 0, 0, "", nil, "finite"},
		{"negative size", ExportOptions{Width: -5}, 0, 0, "", nil, "negative"},
		{"huge dest", ExportOptions{DestWidth: 1e6, DestHeight: 1e6}, 0, 0, "", nil, "exceeds"},
		{"over MaxPixels", ExportOptions{DestWidth: 100, DestHeight: 100, MaxPixels: 5000}, 0, 0, "", nil, "exceeds"},
		{"bad pixel ratio", ExportOptions{PixelRatio: -1}, 0, 0, "", nil, "pixel ratio"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p, err := CanvasToTempFilePath(quadrants(t), tc.opts, dir)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				if ents, _ := os.ReadDir(dir); len(ents) != 0 {
					t.Fatalf("a failed export left %d files", len(ents))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Dir(p) != dir || filepath.Ext(p) != tc.ext {
				t.Fatalf("path %s not a %s file in %s", p, tc.ext, dir)
			}
			st, err := os.Stat(p)
			if err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("mode %v, %v", st.Mode(), err)
			}
			img := decodeFile(t, p)
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Fatalf("size %v, want %dx%d", b, tc.w, tc.h)
			}
			for at, want := range tc.probes {
				if got := nrgbaAt(img, at[0], at[1]); !near(got, want, 1) {
					t.Errorf("pixel %v = %v, want %v", at, got, want)
				}
			}
		})
	}
}

func near(a, b [4]uint8, tol int) bool {
	for i := range a {
		if d := int(a[i]) - int(b[i]); d > tol || d < -tol {
			return false
		}
	}
	return true
}

func TestExportQuality(t *testing.T) {
	cv := newCanvas(t, 64, 64)
	g, _ := cv.Context2D().CreateLinearGradient(0, 0, 64, 64)
	_ = g.AddColorStop(0, "#123456")
	_ = g.AddColorStop(1, "#fedcba")
	cv.Context2D().SetFillStyle(g)
	cv.Context2D().FillRect(0, 0, 64, 64)
	dir := t.TempDir()
	read := func(q float64) []byte {
		p, err := CanvasToTempFilePath(cv, ExportOptions{FileType: "jpg", Quality: q}, dir)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		if _, err := jpeg.Decode(bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
		return b
	}
	best := read(1)
	for _, q := range []float64{0, -1, 1.5} {
		if !bytes.Equal(read(q), best) {
			t.Errorf("quality %g is not treated as 1.0", q)
		}
	}
	if low := read(0.1); len(low) >= len(best) {
		t.Errorf("quality 0.1 gives %d bytes, 1.0 gives %d", len(low), len(best))
	}
	// Every export gets its own file.
	a, _ := CanvasToTempFilePath(cv, ExportOptions{}, dir)
	b, _ := CanvasToTempFilePath(cv, ExportOptions{}, dir)
	if a == b || a == "" {
		t.Fatalf("paths %q and %q", a, b)
	}
}

// TestExportPNGMatchesImageData: the PNG holds exactly what getImageData reads,
// low-alpha rounding included.
func TestExportPNGMatchesImageData(t *testing.T) {
	cv := newCanvas(t, 16, 16)
	for i := 0; i < 16; i++ {
		cv.Context2D().SetFillStyle([]string{"rgba(100,150,200,0.012)", "rgba(3,200,77,0.3)", "rgba(255,255,255,0.5)", "#abc"}[i%4])
		cv.Context2D().FillRect(float64(i), 0, 1, 16)
	}
	p, err := CanvasToTempFilePath(cv, ExportOptions{}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(p)
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	n, ok := img.(*image.NRGBA)
	if !ok {
		t.Fatalf("decoded %T", img)
	}
	id, err := CanvasGetImageData(cv, 0, 0, 16, 16)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(n.Pix, id.Data) {
		t.Fatal("PNG pixels differ from getImageData")
	}
}

func TestGetPutImageData(t *testing.T) {
	cv := quadrants(t)
	id, err := CanvasGetImageData(cv, 35, -2, 10, 4)
	if err != nil {
		t.Fatal(err)
	}
	if id.Width != 10 || id.Height != 4 || len(id.Data) != 160 {
		t.Fatalf("got %dx%d, %d bytes", id.Width, id.Height, len(id.Data))
	}
	at := func(x, y int) [4]uint8 { i := (y*10 + x) * 4; return [4]uint8(id.Data[i : i+4]) }
	if at(0, 0) != ([4]uint8{}) || at(0, 2) != ([4]uint8{0, 0, 255, 128}) || at(6, 2) != ([4]uint8{}) {
		t.Fatalf("outside pixels must be transparent: %v %v %v", at(0, 0), at(0, 2), at(6, 2))
	}
	for _, tc := range []struct {
		name      string
		n, w, h   int
		x, y      int
		err       string
		probe     [2]int
		want      [4]uint8
		untouched [2]int
	}{
		{"writes", 2 * 2 * 4, 2, 2, 1, 1, "", [2]int{2, 2}, [4]uint8{10, 20, 30, 255}, [2]int{3, 3}},
		{"outside dropped", 4 * 4 * 4, 4, 4, 38, 18, "", [2]int{39, 19}, [4]uint8{10, 20, 30, 255}, [2]int{37, 17}},
		{"short data", 15, 2, 2, 0, 0, "want width × height × 4", [2]int{}, [4]uint8{}, [2]int{}},
		{"long data", 20, 2, 2, 0, 0, "want width × height × 4", [2]int{}, [4]uint8{}, [2]int{}},
		{"zero width", 0, 0, 2, 0, 0, "no pixels", [2]int{}, [4]uint8{}, [2]int{}},
		{"overflowing size", 16, 1 << 40, 1 << 40, 0, 0, "want", [2]int{}, [4]uint8{}, [2]int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cv := quadrants(t)
			data := bytes.Repeat([]byte{10, 20, 30, 255}, tc.n/4+1)[:tc.n]
			err := CanvasPutImageData(cv, data, tc.x, tc.y, tc.w, tc.h)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := px(cv, tc.probe[0], tc.probe[1]); got != tc.want {
				t.Fatalf("pixel %v = %v", tc.probe, got)
			}
			if got := px(cv, tc.untouched[0], tc.untouched[1]); got == tc.want {
				t.Fatalf("pixel %v outside the rectangle was written", tc.untouched)
			}
		})
	}
	if _, err := CanvasGetImageData(cv, 0, 0, 0, 5); err == nil {
		t.Fatal("zero-size get succeeded")
	}
	if _, err := CanvasGetImageData(cv, 0, 0, 1<<30, 1<<30); !errors.Is(err, canvas.ErrTooLarge) {
		t.Fatalf("huge get: %v", err)
	}
}

func TestDirLoader(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	var buf bytes.Buffer
	if err := codec.Encode(&buf, checker(), codec.PNG, codec.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "img"), 0o755))
	must(os.WriteFile(filepath.Join(root, "img", "tile.png"), buf.Bytes(), 0o644))
	must(os.WriteFile(filepath.Join(outside, "secret.png"), buf.Bytes(), 0o644))
	must(os.WriteFile(filepath.Join(root, "img", "big.png"), append(buf.Bytes(), make([]byte, 2000)...), 0o644))
	must(os.WriteFile(filepath.Join(root, "junk.png"), []byte("not an image"), 0o644))
	must(os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(root, "link.png")))
	rel, _ := filepath.Rel(root, filepath.Join(outside, "secret.png"))

	l, err := NewDirLoader(t.TempDir(), root)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.MaxBytes = 1000
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{"/img/tile.png", true},
		{"img/tile.png", true},
		{"./img/../img/tile.png", true},
		{"/img/missing.png", false},
		{rel, false},
		{"../" + filepath.Base(outside) + "/secret.png", false},
		{filepath.Join(outside, "secret.png"), false},
		{"link.png", false},
		{"img", false},
		{"", false},
		{"junk.png", false},
		{"img/big.png", false},
	} {
		img, err := l.LoadImage(tc.path)
		if (err == nil) != tc.ok {
			t.Errorf("LoadImage(%q): %v", tc.path, err)
			continue
		}
		if tc.ok && img.Bounds().Dx() != 4 {
			t.Errorf("LoadImage(%q): bounds %v", tc.path, img.Bounds())
		}
	}
	if _, err := NewDirLoader(filepath.Join(root, "nope")); err == nil {
		t.Fatal("a missing directory was accepted")
	}

	// The loader plugs into Render.
	acts := []Action{{"setFillStyle", []any{&Pattern{"/img/tile.png", "repeat"}}}, {"fillRect", []any{0, 0, 8, 8}}}
	cv, err := Render(acts, RenderOptions{Width: 8, Height: 8, Images: l})
	if err != nil {
		t.Fatal(err)
	}
	if px(cv, 0, 0) != ([4]uint8{255, 140, 0, 255}) {
		t.Fatalf("pattern pixel %v", px(cv, 0, 0))
	}
	if _, err := Render(acts, RenderOptions{Width: 8, Height: 8}); !errors.Is(err, ErrNoImageLoader) {
		t.Fatalf("no loader: %v", err)
	}
}
