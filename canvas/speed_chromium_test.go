package canvas

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/seed92233726/mediad/internal/browser"
)

// TestChromiumSceneSpeed times the scenes of bench_test.go in headless
// Chromium (an OffscreenCanvas of the same size, the same drawing calls, each
// frame read back by a one-pixel getImageData so that no frame is skipped
// or merged with the next) for the "vs Chromium" column of the README's
// canvas speed table. It runs only with CHROMIUM_BENCH=1 and reports; it
// checks nothing.
func TestChromiumSceneSpeed(t *testing.T) {
	if os.Getenv("CHROMIUM_BENCH") == "" {
		t.Skip("set CHROMIUM_BENCH=1 to time Chromium")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	b, err := browser.Start(ctx)
	if err != nil {
		t.Skip(err)
	}
	defer b.Close()
	const js = `
const W = 1920, H = 1080;
const tile = new OffscreenCanvas(64, 64), tx = tile.getContext('2d');
tx.fillStyle = 'orange'; tx.fillRect(0, 0, 32, 32); tx.fillRect(32, 32, 32, 32);
const grad = (x, g) => { g.addColorStop(0, 'red'); g.addColorStop(0.5, 'rgba(255,255,0,0.5)'); g.addColorStop(1, 'blue'); x.fillStyle = g; };
const scenes = [
  ['solid fillRect', W * H, x => { x.fillStyle = '#336699'; }, x => x.fillRect(0, 0, W, H)],
  ['translucent AA fillRect', W * H, x => { x.fillStyle = 'rgba(51, 102, 153, 0.5)'; }, x => x.fillRect(0.5, 0.5, W - 1, H - 1)],
  ['linear gradient', W * H, x => grad(x, x.createLinearGradient(0, 0, W, H)), x => x.fillRect(0, 0, W, H)],
  ['radial gradient', W * H, x => grad(x, x.createRadialGradient(900, 500, 30, 960, 540, 700)), x => x.fillRect(0, 0, W, H)],
  ['conic gradient', W * H, x => grad(x, x.createConicGradient(0.3, 960, 540)), x => x.fillRect(0, 0, W, H)],
  ['pattern repeat', W * H, x => { x.fillStyle = x.createPattern(tile, 'repeat'); }, x => x.fillRect(0, 0, W, H)],
  ['shadow blur 10 (800×600 rect)', 800 * 600, x => { x.shadowColor = 'rgba(0,0,0,0.5)'; x.shadowBlur = 10; x.shadowOffsetX = 8; x.shadowOffsetY = 8; x.fillStyle = 'skyblue'; }, x => x.fillRect(100, 100, 800, 600)],
  ['clip + multiply', W * H, x => { x.beginPath(); x.arc(960, 540, 500, 0, 2 * Math.PI); x.clip(); x.globalCompositeOperation = 'multiply'; x.fillStyle = 'rgba(40, 120, 220, 0.8)'; }, x => x.fillRect(0, 0, W, H)],
];
const out = [];
for (const [name, px, setup, draw] of scenes) {
  const x = new OffscreenCanvas(W, H).getContext('2d');
  setup(x);
  for (let k = 0; k < 3; k++) { draw(x); x.getImageData(0, 0, 1, 1); }
  const n = 20, t0 = performance.now();
  for (let k = 0; k < n; k++) { draw(x); x.getImageData(0, 0, 1, 1); }
  const ms = (performance.now() - t0) / n;
  out.push([name, ms, px / ms / 1000]);
}
return out;`
	res, err := b.RunCanvas(ctx, 8, 8, js)
	if err != nil || res.Error != "" {
		t.Fatalf("%v %s", err, res.Error)
	}
	var rows [][]any
	must(t, json.Unmarshal(res.Value, &rows))
	for _, r := range rows {
		t.Logf("Chromium %s: %-32v %6.2f ms a frame, %7.0f MPix/s", b.Version(), r[0], r[1], r[2])
	}
}
