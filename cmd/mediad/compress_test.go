package main

import (
	"bytes"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

// testJPEG writes a w×h gradient JPEG into dir and returns its path.
func testJPEG(t *testing.T, dir string, w, h int) string {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := codec.Encode(&buf, m, codec.JPEG, codec.EncodeOptions{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "in.jpg")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type cliCase struct {
	name      string
	args      []string // "IN" and "OUT" are replaced by the paths
	code      int
	stderrHas string
	wantFmt   codec.Format
	w, h      int
}

func runCLICases(t *testing.T, cases []cliCase) {
	dir := t.TempDir()
	in := testJPEG(t, dir, 400, 300)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := make([]string, len(c.args))
			for i, a := range c.args {
				args[i] = strings.NewReplacer("IN", in, "OUT", out).Replace(a)
			}
			var so, se bytes.Buffer
			code := dispatch(args, &so, &se)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, c.code, se.String())
			}
			if c.code != 0 {
				msg := se.String()
				if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, c.stderrHas) {
					t.Fatalf("stderr %q: want one line containing %q", msg, c.stderrHas)
				}
				if _, err := os.Stat(out); err == nil {
					t.Fatal("output written despite the error")
				}
				return
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cfg, err := codec.DecodeConfig(f)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Format != c.wantFmt || cfg.Width != c.w || cfg.Height != c.h {
				t.Fatalf("wrote %s %dx%d, want %s %dx%d", cfg.Format, cfg.Width, cfg.Height, c.wantFmt, c.w, c.h)
			}
		})
	}
}

func TestCompressCommand(t *testing.T) {
	runCLICases(t, []cliCase{
		{name: "width", args: []string{"compress", "-width", "100", "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 100, h: 75},
		{name: "height and quality", args: []string{"compress", "-quality", "50", "-height", "30", "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 40, h: 30},
		{name: "flags after input", args: []string{"compress", "IN", "-width", "200", "-o", "OUT"}, wantFmt: codec.JPEG, w: 200, h: 150},
		{name: "png", args: []string{"compress", "-format", "png", "-width", "40", "-o", "OUT", "IN"}, wantFmt: codec.PNG, w: 40, h: 30},
		{name: "webp", args: []string{"compress", "-format", "webp", "-o", "OUT", "IN"}, wantFmt: codec.WebP, w: 400, h: 300},
		{name: "missing output", args: []string{"compress", "IN"}, code: 2, stderrHas: "-o"},
		{name: "missing input", args: []string{"compress", "-o", "OUT"}, code: 2, stderrHas: "INPUT"},
		{name: "two inputs", args: []string{"compress", "-o", "OUT", "IN", "IN"}, code: 2, stderrHas: "one INPUT"},
		{name: "bad quality", args: []string{"compress", "-quality", "0", "-o", "OUT", "IN"}, code: 2, stderrHas: "-quality"},
		{name: "bad format", args: []string{"compress", "-format", "gif", "-o", "OUT", "IN"}, code: 2, stderrHas: "-format"},
		{name: "negative width", args: []string{"compress", "-width", "-5", "-o", "OUT", "IN"}, code: 1, stderrHas: "compressedWidth"},
		{name: "no such file", args: []string{"compress", "-o", "OUT", "IN.missing"}, code: 1, stderrHas: "no such file"},
	})
}

func TestCropCommand(t *testing.T) {
	runCLICases(t, []cliCase{
		{name: "16:9", args: []string{"crop", "-scale", "16:9", "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 400, h: 225},
		{name: "1:1 quality", args: []string{"crop", "-scale", "1:1", "-quality", "85", "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 300, h: 300},
		{name: "attention", args: []string{"crop", "-scale", "9:16", "-gravity", "attention", "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 169, h: 300},
		{name: "rect", args: []string{"crop", "-rect", "10,20,100,50", "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 100, h: 50},
		{name: "rect png", args: []string{"crop", "-rect", "0,0,8,8", "-format", "png", "-o", "OUT", "IN"}, wantFmt: codec.PNG, w: 8, h: 8},
		{name: "neither", args: []string{"crop", "-o", "OUT", "IN"}, code: 2, stderrHas: "-scale"},
		{name: "bad rect syntax", args: []string{"crop", "-rect", "1,2,3", "-o", "OUT", "IN"}, code: 2, stderrHas: "-rect"},
		{name: "rect outside", args: []string{"crop", "-rect", "350,0,100,100", "-o", "OUT", "IN"}, code: 1, stderrHas: "rect"},
		{name: "bad scale", args: []string{"crop", "-scale", "wide", "-o", "OUT", "IN"}, code: 1, stderrHas: "cropScale"},
		{name: "bad gravity", args: []string{"crop", "-scale", "1:1", "-gravity", "middle", "-o", "OUT", "IN"}, code: 1, stderrHas: "gravity"},
	})
}
