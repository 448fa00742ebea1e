package script

import (
	"context"
	"testing"

	"github.com/seed92233726/mediad/canvas"
)

// The binding overhead benchmarks draw the same 1000 small rectangles from
// JavaScript and from Go; compare their ns/op (issue 8's goal: within 2x).

const rectsJS = `
for (let i = 0; i < 1000; i++) {
  ctx.fillStyle = (i & 1) ? '#336699' : 'rgba(200, 40, 40, 0.5)';
  ctx.fillRect(i % 90, (i * 7) % 90, 10, 10);
}`

func BenchmarkFillRect1000JS(b *testing.B) {
	r := New(Options{})
	if err := r.RunString(context.Background(), "setup.js", `const ctx = new OffscreenCanvas(100, 100).getContext('2d'); function draw() {`+rectsJS+`}`); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.RunString(context.Background(), "rects.js", "draw()"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFillRect1000Go(b *testing.B) {
	c, err := canvas.NewOffscreenCanvas("2d", 100, 100)
	if err != nil {
		b.Fatal(err)
	}
	ctx := c.Context2D()
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < 1000; i++ {
			if i&1 == 1 {
				ctx.SetFillStyle("#336699")
			} else {
				ctx.SetFillStyle("rgba(200, 40, 40, 0.5)")
			}
			ctx.FillRect(float64(i%90), float64((i*7)%90), 10, 10)
		}
	}
}

// BenchmarkPropertyChurn measures attribute get/set round trips from JavaScript.
func BenchmarkPropertyChurn1000JS(b *testing.B) {
	r := New(Options{})
	if err := r.RunString(context.Background(), "setup.js", `const ctx = new OffscreenCanvas(10, 10).getContext('2d');
		function churn() { for (let i = 0; i < 1000; i++) { ctx.lineWidth = i % 7 + 1; ctx.globalAlpha = ctx.lineWidth / 8; } }`); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.RunString(context.Background(), "churn.js", "churn()"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLineTo10000JS and …Go isolate the per-call cost of the binding: lineTo
// only appends a point.
func BenchmarkLineTo10000JS(b *testing.B) {
	r := New(Options{})
	if err := r.RunString(context.Background(), "setup.js", `const ctx = new OffscreenCanvas(10, 10).getContext('2d');
		function path() { ctx.beginPath(); for (let i = 0; i < 10000; i++) ctx.lineTo(i & 7, i & 3); }`); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.RunString(context.Background(), "path.js", "path()"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLineTo10000Go(b *testing.B) {
	c, err := canvas.NewOffscreenCanvas("2d", 10, 10)
	if err != nil {
		b.Fatal(err)
	}
	ctx := c.Context2D()
	b.ReportAllocs()
	for b.Loop() {
		ctx.BeginPath()
		for i := 0; i < 10000; i++ {
			ctx.LineTo(float64(i&7), float64(i&3))
		}
	}
}

// BenchmarkNew is the fixed cost of a runtime per job (the HTTP service makes
// one per request).
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		New(Options{})
	}
}

// BenchmarkFillRectOnly1000JS and …Go: 1000 fillRect calls with one style, the
// binding-overhead scene (the goal is JavaScript within 2x of Go).
func BenchmarkFillRectOnly1000JS(b *testing.B) {
	r := New(Options{})
	if err := r.RunString(context.Background(), "setup.js", `const ctx = new OffscreenCanvas(100, 100).getContext('2d');
		ctx.fillStyle = 'rgba(200, 40, 40, 0.5)';
		function draw() { for (let i = 0; i < 1000; i++) ctx.fillRect(i % 90, (i * 7) % 90, 10, 10); }`); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.RunString(context.Background(), "draw.js", "draw()"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFillRectOnly1000Go(b *testing.B) {
	c, err := canvas.NewOffscreenCanvas("2d", 100, 100)
	if err != nil {
		b.Fatal(err)
	}
	ctx := c.Context2D()
	ctx.SetFillStyle("rgba(200, 40, 40, 0.5)")
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < 1000; i++ {
			ctx.FillRect(float64(i%90), float64((i*7)%90), 10, 10)
		}
	}
}

// BenchmarkFillRect100k runs issue 8's binding-overhead scene — 100,000
// fillRect calls with one style — from JavaScript and from Go, and reports the
// cost per call of each; the JS/Go ratio is the binding's overhead.
func BenchmarkFillRect100k(b *testing.B) {
	const calls = 100_000
	b.Run("JS", func(b *testing.B) {
		r := New(Options{})
		if err := r.RunString(context.Background(), "setup.js", `const ctx = new OffscreenCanvas(100, 100).getContext('2d');
			ctx.fillStyle = 'rgba(200, 40, 40, 0.5)';
			function draw() { for (let i = 0; i < 100000; i++) ctx.fillRect(i % 90, (i * 7) % 90, 10, 10); }`); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := r.RunString(context.Background(), "draw.js", "draw()"); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*calls), "ns/call")
	})
	b.Run("Go", func(b *testing.B) {
		c, err := canvas.NewOffscreenCanvas("2d", 100, 100)
		if err != nil {
			b.Fatal(err)
		}
		ctx := c.Context2D()
		ctx.SetFillStyle("rgba(200, 40, 40, 0.5)")
		b.ReportAllocs()
		for b.Loop() {
			for i := 0; i < calls; i++ {
				ctx.FillRect(float64(i%90), float64((i*7)%90), 10, 10)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*calls), "ns/call")
	})
}

// BenchmarkPropertyChurn100k sets and reads back lineWidth and globalAlpha
// 100,000 times (four attribute accesses per iteration) and reports the cost
// of one access.
func BenchmarkPropertyChurn100k(b *testing.B) {
	r := New(Options{})
	if err := r.RunString(context.Background(), "setup.js", `const ctx = new OffscreenCanvas(10, 10).getContext('2d');
		function churn() { let s = 0; for (let i = 0; i < 100000; i++) { ctx.lineWidth = i % 7 + 1; ctx.globalAlpha = ctx.lineWidth / 8; s += ctx.globalAlpha; } return s; }`); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.RunString(context.Background(), "churn.js", "churn()"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*400_000), "ns/access")
}

// BenchmarkWxCallback is the fixed cost of one asynchronous wx call with the
// Promise form (canvasGetImageData of one pixel), event loop included.
func BenchmarkWxCallback(b *testing.B) {
	r := New(Options{})
	defer r.Close()
	if err := r.RunString(context.Background(), "setup.js", `const c = new OffscreenCanvas(1, 1);
		async function calls() { for (let i = 0; i < 100; i++) await wx.canvasGetImageData({canvas: c, x: 0, y: 0, width: 1, height: 1}); }`); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.RunString(context.Background(), "calls.js", "calls()"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100), "ns/call")
}

// BenchmarkNewRender is a small /v1/canvas/render job end to end in the
// runtime: a new runtime, a short drawing script, Close. Runtime creation is
// most of it.
func BenchmarkNewRender(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		r := New(Options{})
		if err := r.RunString(context.Background(), "render.js", `const c = new OffscreenCanvas(64, 64); const x = c.getContext('2d');
x.fillStyle = '#07c160'; x.fillRect(0, 0, 64, 64);`); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}
