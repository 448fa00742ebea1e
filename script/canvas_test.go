package script

import (
	"bytes"
	"context"
	"encoding/base64"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/canvas"
)

func TestCanvasBindings(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"wx.createOffscreenCanvas object form",
			`const c = wx.createOffscreenCanvas({type: '2d', width: 30, height: 20}); console.log(c.width, c.height, c instanceof OffscreenCanvas)`,
			"30 20 true\n"},
		{"wx.createOffscreenCanvas defaults and legacy form",
			`const a = wx.createOffscreenCanvas({type: '2d'}); const b = wx.createOffscreenCanvas(12, 7); console.log(a.width, a.height, b.width, b.height, b.getContext('2d') !== null)`,
			"300 150 12 7 true\n"},
		{"wx.createOffscreenCanvas refuses webgl",
			`try { wx.createOffscreenCanvas({width: 2, height: 2}) } catch (e) { console.log(e.name) }`, "NotSupportedError\n"},
		{"getContext returns one context bound to its canvas",
			`const c = new OffscreenCanvas(4, 4); const x = c.getContext('2d'); console.log(x === c.getContext('2d'), x.canvas === c, c.getContext('webgl'), x instanceof CanvasRenderingContext2D)`,
			"true true null true\n"},
		{"getContext with an unknown type throws",
			`try { new OffscreenCanvas(1, 1).getContext('3d') } catch (e) { console.log(e.name) }`, "TypeError\n"},
		{"constructor arguments are checked",
			`for (const f of [() => new OffscreenCanvas(1), () => new OffscreenCanvas(-1, 1), () => new OffscreenCanvas(NaN, 1), () => new CanvasRenderingContext2D(), () => new CanvasGradient()]) { try { f(); console.log('ok') } catch (e) { console.log(e.name) } }`,
			"TypeError\nTypeError\nTypeError\nTypeError\nTypeError\n"},
		{"methods check their receiver",
			`const x = new OffscreenCanvas(1, 1).getContext('2d'); try { x.fillRect.call({}, 0, 0, 1, 1) } catch (e) { console.log(e.name, e.message) }`,
			"TypeError Illegal invocation\n"},
		{"properties live on the prototype",
			`const x = new OffscreenCanvas(1, 1).getContext('2d'); const d = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, 'lineWidth'); console.log(typeof d.get, typeof d.set, Object.keys(x).length, 'fillRect' in x, String(x))`,
			"function function 0 true [object CanvasRenderingContext2D]\n"},
		{"DOMException names, codes and instanceof",
			`const x = new OffscreenCanvas(1, 1).getContext('2d'); try { x.arc(0, 0, -1, 0, 1) } catch (e) { console.log(e.name, e.code, e instanceof DOMException, e instanceof Error, e.message) }`,
			"IndexSizeError 1 true true Failed to execute 'arc' on 'CanvasRenderingContext2D': The radius provided (-1) is negative.\n"},
		{"assigning width resets bitmap and state",
			`const c = new OffscreenCanvas(2, 2); const x = c.getContext('2d'); x.fillStyle = 'red'; x.fillRect(0, 0, 2, 2); c.width = 3; console.log(c.width, x.fillStyle, x.getImageData(0, 0, 1, 1).data.join(','))`,
			"3 #000000 0,0,0,0\n"},
		{"ImageData data is a Uint8ClampedArray; put/get round-trips",
			`const c = new OffscreenCanvas(2, 1); const x = c.getContext('2d'); const d = x.createImageData(2, 1); d.data.set([10, 20, 30, 255, 1, 2, 3, 255]); x.putImageData(d, 0, 0); const g = x.getImageData(0, 0, 2, 1); console.log(g.data instanceof Uint8ClampedArray, g.data === g.data, g.colorSpace, Array.from(g.data).join(','))`,
			"true true srgb 10,20,30,255,1,2,3,255\n"},
		{"new ImageData shares the array it is given",
			`const a = new Uint8ClampedArray(8); const d = new ImageData(a, 1); a[0] = 99; console.log(d.data === a, d.data[0], d.width, d.height)`,
			"true 99 1 2\n"},
		{"DOMMatrix from getTransform and for setTransform",
			`const x = new OffscreenCanvas(1, 1).getContext('2d'); x.setTransform(new DOMMatrix().translate(10, 20).scale(2)); const m = x.getTransform(); console.log(m instanceof DOMMatrix, m.a, m.d, m.e, m.f, m.toString(), m.inverse().e)`,
			"true 2 2 10 20 matrix(2, 0, 0, 2, 10, 20) -5\n"},
		{"DOMMatrix rotate, multiply and transformPoint",
			`const m = new DOMMatrix().rotate(90); const p = m.transformPoint({x: 1, y: 0}); console.log(Math.round(p.x * 1e6) / 1e6, p.y, new DOMMatrix([1, 2, 3, 4, 5, 6]).multiply(new DOMMatrix()).f, new DOMMatrix().rotate(10, 0, 0).is2D)`,
			"0 1 6 false\n"},
		{"gradients and patterns keep their identity through fillStyle",
			`const x = new OffscreenCanvas(2, 2).getContext('2d'); const g = x.createRadialGradient(0, 0, 0, 1, 1, 2); x.strokeStyle = g; const p = x.createPattern(new OffscreenCanvas(1, 1), 'repeat-x'); x.fillStyle = p; console.log(x.strokeStyle === g, x.fillStyle === p, g instanceof CanvasGradient, p instanceof CanvasPattern)`,
			"true true true true\n"},
		{"Path2D from SVG, copy and canvas.createPath2D",
			`const c = new OffscreenCanvas(10, 10); const x = c.getContext('2d'); const p = c.createPath2D(new Path2D('M0 0 H10 V10 H0 Z')); x.fill(p); console.log(p instanceof Path2D, x.isPointInPath(p, 5, 5), x.getImageData(5, 5, 1, 1).data[3])`,
			"true true 255\n"},
		{"symbols cannot become strings or numbers",
			`const x = new OffscreenCanvas(1, 1).getContext('2d'); for (const f of [() => { x.fillStyle = Symbol() }, () => { x.lineWidth = Symbol() }, () => x.fill(Symbol())]) { try { f(); console.log('ok') } catch (e) { console.log(e.name) } }`,
			"TypeError\nTypeError\nTypeError\n"},
		{"console shows host object attributes",
			`const c = new OffscreenCanvas(3, 2); console.log(c); console.log(new DOMMatrix([1, 0, 0, 1, 5, 6]).e, new ImageData(1, 1))`,
			"OffscreenCanvas { width: 3, height: 2 }\n5 ImageData { width: 1, height: 1, data: Uint8ClampedArray(4) [ 0, 0, 0, 0 ], colorSpace: 'srgb' }\n"},
		{"text: fillText, strokeText and measureText",
			`const c = new OffscreenCanvas(60, 20); const x = c.getContext('2d'); x.font = '16px sans-serif'; const m = x.measureText('Hello'); x.fillText('Hello', 2, 15); x.strokeText('Hi', 40, 15, 10); let ink = 0; for (const v of x.getImageData(0, 0, 60, 20).data) ink += v; console.log(m instanceof TextMetrics, m.width > 20 && m.width < 60, m.fontBoundingBoxAscent > 0, ink > 0)`,
			"true true true true\n"},
		{"toDataURL", `const c = new OffscreenCanvas(3, 2); console.log(c.toDataURL().slice(0, 22), c.toDataURL('image/jpeg', 0.5).slice(0, 23), new OffscreenCanvas(0, 1).toDataURL())`,
			"data:image/png;base64, data:image/jpeg;base64, data:,\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, err := run(t, Options{Timeout: 5 * time.Second}, tc.src)
			if err != nil {
				t.Fatalf("error: %v\n%s", err, errOut)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

func TestCanvasesInCreationOrder(t *testing.T) {
	r := New(Options{})
	if err := r.RunString(context.Background(), "c.js", `globalThis.a = new OffscreenCanvas(5, 6); globalThis.b = wx.createOffscreenCanvas({type: '2d', width: 7, height: 8});`); err != nil {
		t.Fatal(err)
	}
	cs := r.Canvases()
	if len(cs) != 2 || cs[0].Width() != 5 || cs[1].Height() != 8 {
		t.Fatalf("canvases %v", cs)
	}
}

func TestImageDataSharesGoMemory(t *testing.T) {
	r := New(Options{})
	if err := r.RunString(context.Background(), "i.js", `globalThis.img = new OffscreenCanvas(2, 2).getContext('2d').getImageData(0, 0, 2, 2)`); err != nil {
		t.Fatal(err)
	}
	b, ok := r.classes.imageData.lookup(r.vm.Get("img"))
	if !ok {
		t.Fatal("img is not an ImageData")
	}
	b.d.Data[0] = 77 // a Go-side write is visible to JavaScript …
	v, err := r.vm.RunString(`img.data[0]`)
	if err != nil || v.ToInteger() != 77 {
		t.Fatalf("JS sees %v, %v", v, err)
	}
	if _, err := r.vm.RunString(`img.data[1] = 300`); err != nil { // … and the reverse, clamped
		t.Fatal(err)
	}
	if b.d.Data[1] != 255 {
		t.Errorf("Go sees %d", b.d.Data[1])
	}
}

func TestCanvasLimits(t *testing.T) {
	out, _, err := run(t, Options{CanvasLimits: canvas.Limits{MaxSide: 100, MaxPixels: 5000}}, `
		for (const f of [() => new OffscreenCanvas(200, 10), () => new OffscreenCanvas(90, 90), () => new ImageData(101, 1), () => { const c = new OffscreenCanvas(10, 10); c.width = 1000; }]) {
			try { f(); console.log('ok') } catch (e) { console.log(e.name) }
		}`)
	if err != nil {
		t.Fatal(err)
	}
	if out != "RangeError\nRangeError\nRangeError\nRangeError\n" {
		t.Errorf("got %q", out)
	}
}

func TestToDataURLDecodes(t *testing.T) {
	r := New(Options{})
	v, err := r.Eval(context.Background(), "d.js", `const c = new OffscreenCanvas(3, 2); const x = c.getContext('2d'); x.fillStyle = 'lime'; x.fillRect(0, 0, 1, 1); c.toDataURL()`)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(v.String(), "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if r, g, _, a := img.At(0, 0).RGBA(); r != 0 || g != 0xffff || a != 0xffff || img.Bounds().Dx() != 3 {
		t.Errorf("pixel %v size %v", img.At(0, 0), img.Bounds())
	}
}
