package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/script"
)

// TestGoAndJavaScriptAgree renders the poster from main.go and from poster.js
// and requires the same pixels, byte for byte. No tolerance is needed: the
// script binding forwards every call to the same canvas.Context2D methods, the
// photo is decoded by the same canvas.NewImageFromBytes, and the fonts come
// from the same installed files, so any difference is a real divergence (a
// binding that converts an argument differently, or the two programs drifting
// apart). On failure both renders and a diff mask are written to the test's
// temporary directory.
func TestGoAndJavaScriptAgree(t *testing.T) {
	photo, err := canvas.NewImageFromBytes(photoJPEG, canvas.ImageLoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	goCanvas, err := drawPoster(photo)
	if err != nil {
		t.Fatal(err)
	}
	goImg := goCanvas.RGBA()

	rt := script.New(script.Options{Timeout: time.Minute})
	defer rt.Close()
	if err := rt.RunFile(context.Background(), "poster.js"); err != nil {
		t.Fatal(err)
	}
	out := rt.OutputCanvas()
	if out == nil {
		t.Fatal("poster.js created no canvas")
	}
	jsImg := out.RGBA()
	if jsImg.Rect != goImg.Rect {
		t.Fatalf("poster.js drew %v, main.go %v", jsImg.Rect, goImg.Rect)
	}

	diff := image.NewRGBA(goImg.Rect)
	n, first := 0, image.Point{-1, -1}
	for y := goImg.Rect.Min.Y; y < goImg.Rect.Max.Y; y++ {
		for x := goImg.Rect.Min.X; x < goImg.Rect.Max.X; x++ {
			if goImg.RGBAAt(x, y) != jsImg.RGBAAt(x, y) {
				if n == 0 {
					first = image.Pt(x, y)
				}
				n++
				diff.SetRGBA(x, y, color.RGBA{255, 0, 0, 255})
			}
		}
	}
	if n > 0 {
		dir := t.TempDir()
		for name, img := range map[string]image.Image{"go.png": goImg, "js.png": jsImg, "diff.png": diff} {
			writePNG(t, filepath.Join(dir, name), img)
		}
		t.Errorf("%d pixels differ, first at %v (Go %v, JS %v); renders in %s",
			n, first, goImg.RGBAAt(first.X, first.Y), jsImg.RGBAAt(first.X, first.Y), dir)
	}
}

// TestPosterContent checks that the poster is what it claims to be, at points
// whose colour does not depend on font metrics: the card is white, the photo
// sits in it with rounded upper corners, the avatar is round, the QR finder
// squares are dark with light rings, and the price chip is red. A Go/JS pair
// that agreed on drawing nothing would fail here.
func TestPosterContent(t *testing.T) {
	photo, err := canvas.NewImageFromBytes(photoJPEG, canvas.ImageLoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cv, err := drawPoster(photo)
	if err != nil {
		t.Fatal(err)
	}
	img := cv.RGBA()
	at := func(x, y int) color.RGBA { return img.RGBAAt(x, y) }
	near := func(c, want color.RGBA, tol int) bool {
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return d(c.R, want.R) <= tol && d(c.G, want.G) <= tol && d(c.B, want.B) <= tol && d(c.A, want.A) <= tol
	}
	white := color.RGBA{255, 255, 255, 255}
	dark := color.RGBA{0x1a, 0x1a, 0x1a, 255}
	photoPx := func(x, y int) color.RGBA { return photo.RGBA().RGBAAt(x, y) }
	tests := []struct {
		what string
		x, y int
		want color.RGBA
		tol  int
	}{
		{"card below the text", 540, 1735, white, 0},
		{"photo centre, drawn 1:1", 60 + 480, 240 + 500, photoPx(480, 500), 0},
		{"photo upper-left corner is cut round", 62, 242, color.RGBA{}, -1},
		{"card ring of the avatar", 132, 140 - 63, white, 0},
		{"QR finder outer ring", 736 + 4, 1452 + 30, dark, 0},
		{"QR finder light ring", 736 + 13, 1452 + 30, white, 0},
		{"QR finder core", 736 + 31, 1452 + 31, dark, 0},
		{"sale chip", 110, 304, color.RGBA{0xff, 0x4d, 0x4f, 255}, 0},
	}
	for _, tc := range tests {
		got := at(tc.x, tc.y)
		if tc.tol < 0 {
			// The corner pixel must not be the photo's: the clip removed it and
			// the background shows through.
			if got == photoPx(2, 2) || near(got, white, 8) {
				t.Errorf("%s: pixel (%d,%d) = %v, the photo or card shows through", tc.what, tc.x, tc.y, got)
			}
			continue
		}
		if !near(got, tc.want, tc.tol) {
			t.Errorf("%s: pixel (%d,%d) = %v, want %v", tc.what, tc.x, tc.y, got, tc.want)
		}
	}
	// The avatar is the photo's sun, cut round: its centre is bright, and a
	// point inside the drawn square but outside the circle shows the white
	// ring instead of the photo.
	if c := at(132, 140); c.R < 200 {
		t.Errorf("avatar centre %v is not the bright sun", c)
	}
	if c := at(177, 185); c != white {
		t.Errorf("avatar square corner %v: the avatar is not clipped to a circle", c)
	}
	// Text was drawn: the title's line holds many near-black pixels and the
	// price line many red ones, whatever font the system resolves.
	count := func(r image.Rectangle, want color.RGBA) int {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if near(at(x, y), want, 40) {
					n++
				}
			}
		}
		return n
	}
	if n := count(image.Rect(108, 916, 972, 990), color.RGBA{0x1f, 0x1f, 0x1f, 255}); n < 5000 {
		t.Errorf("title: %d dark pixels, want thousands", n)
	}
	if n := count(image.Rect(108, 1460, 500, 1570), color.RGBA{0xf5, 0x22, 0x2d, 255}); n < 5000 {
		t.Errorf("price: %d red pixels, want thousands", n)
	}
}

// TestRunWritesPNG runs the command's code path end to end.
func TestRunWritesPNG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "poster.png")
	if err := run(path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != posterW || cfg.Height != posterH {
		t.Errorf("poster.png is %dx%d, want %dx%d", cfg.Width, cfg.Height, posterW, posterH)
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(fmt.Errorf("writing %s: %w", path, err))
	}
}

// BenchmarkPoster measures one poster from each front end, drawing only (the
// photo is decoded once outside the loop for Go; the script decodes it on
// every run, as a job would).
func BenchmarkPoster(b *testing.B) {
	b.Run("go", func(b *testing.B) {
		photo, err := canvas.NewImageFromBytes(photoJPEG, canvas.ImageLoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := drawPoster(photo); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posters/s")
	})
	b.Run("js", func(b *testing.B) {
		photo, err := canvas.NewImageFromBytes(photoJPEG, canvas.ImageLoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		src, err := os.ReadFile("poster.js")
		if err != nil {
			b.Fatal(err)
		}
		dir, err := filepath.Abs(".")
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			rt := script.New(script.Options{ScriptDir: dir, Timeout: time.Minute})
			if err := rt.RunString(context.Background(), "poster.js", string(src)); err != nil {
				b.Fatal(err)
			}
			// The photo loads asynchronously; make sure the run drew it.
			if c := rt.OutputCanvas().RGBA().RGBAAt(540, 740); c != photo.RGBA().RGBAAt(480, 500) {
				b.Fatalf("the script's poster has %v where the photo should be", c)
			}
			rt.Close()
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posters/s")
	})
}
