package script

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// TestBindingsDoNotRetainGarbage makes 60 ImageData of 4 MB and 60 canvases of
// 4 MB that the script drops at once: the Go side must not keep them alive.
func TestBindingsDoNotRetainGarbage(t *testing.T) {
	r := New(Options{Timeout: 60 * time.Second})
	src := `
const keep = new OffscreenCanvas(1000, 1000);
const ctx = keep.getContext('2d');
let sum = 0;
for (let i = 0; i < 60; i++) {
  const d = ctx.getImageData(0, 0, 1000, 1000);
  sum += d.data.length;
  const tmp = new OffscreenCanvas(1000, 1000);
  tmp.getContext('2d').fillRect(0, 0, 1, 1);
  ctx.fillStyle = ctx.createPattern(tmp, 'repeat');
}
sum;`
	if err := r.RunString(context.Background(), "mem.js", src); err != nil {
		t.Fatal(err)
	}
	// Cleanups of collected objects run after one collection; their Go values go
	// at the next.
	var ms runtime.MemStats
	for deadline := time.Now().Add(2 * time.Second); ; {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
		runtime.ReadMemStats(&ms)
		if ms.HeapAlloc <= 100<<20 || time.Now().After(deadline) {
			break
		}
	}
	// Live: the kept canvas (4 MB), the last pattern's snapshot and canvas (8 MB)
	// and a few not yet swept entries; 120 retained objects would be 480 MB.
	t.Logf("heap after the script: %d MB, %d canvases reachable", ms.HeapAlloc>>20, len(r.Canvases()))
	if ms.HeapAlloc > 100<<20 {
		t.Errorf("heap holds %d MB after the script dropped its objects", ms.HeapAlloc>>20)
	}
	if n := len(r.Canvases()); n < 1 || n > 30 {
		t.Errorf("%d canvases still reachable", n)
	}
	runtime.KeepAlive(r)
}
