package browser

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNotFound is returned by Start when no Chromium binary is installed.
var ErrNotFound = errors.New("browser: chromium not found (set CHROMIUM or install Debian's chromium; `make deps-test` does)")

// candidates are the executable names tried in order after $CHROMIUM.
var candidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Find returns the path of the Chromium binary to use.
func Find() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Browser is one running headless Chromium with one blank page. Its methods are
// safe for concurrent use but run one evaluation at a time, in order.
type Browser struct {
	mu          sync.Mutex
	tab         context.Context
	cancelTab   context.CancelFunc
	cancelAlloc context.CancelFunc
	dataDir     string
	version     string
}

// Start launches Chromium with the flags it needs to run as root in a container
// without reaching the network, and opens about:blank.
func Start(ctx context.Context) (*Browser, error) {
	path, err := Find()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "mediad-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		// Canvas pixels are compared as sRGB bytes; keep the display profile out of it.
		chromedp.Flag("force-color-profile", "srgb"),
	}
	// The allocator and tab live as long as the Browser, not as long as ctx: a
	// deadline on the first Run would otherwise kill the whole browser.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), opts...)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	b := &Browser{tab: tab, cancelTab: cancelTab, cancelAlloc: cancelAlloc, dataDir: dir}

	startCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(tab, chromedp.Navigate("about:blank")) }()
	select {
	case err = <-done:
	case <-startCtx.Done():
		err = startCtx.Err()
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("browser: starting %s: %w", path, err)
	}
	if v, err := b.Eval(ctx, "navigator.userAgent"); err == nil {
		_ = json.Unmarshal(v, &b.version)
	}
	return b, nil
}

// Version is the browser's user agent string.
func (b *Browser) Version() string { return b.version }

// Close stops the browser and removes its profile directory.
func (b *Browser) Close() {
	b.cancelTab()
	b.cancelAlloc()
	os.RemoveAll(b.dataDir)
}

// Eval evaluates a JavaScript expression in the page, awaiting it when it is a
// Promise, and returns the result as raw JSON. A thrown exception is returned as
// an error.
func (b *Browser) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	type result struct {
		v   []byte
		err error
	}
	done := make(chan result, 1)
	// Derived from the tab so a deadline on ctx ends this evaluation only.
	evalCtx, cancel := context.WithCancel(b.tab)
	defer cancel()
	go func() {
		v, err := chromedp.Run(evalCtx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		cancel()
		return nil, ctx.Err()
	}
}

// CanvasResult is what RunCanvas reports for one snippet.
type CanvasResult struct {
	// Pixels of the canvas after the snippet ran, un-premultiplied RGBA as
	// getImageData returns them.
	Image *image.NRGBA
	// Value is the snippet's return value as JSON (null when it returned nothing).
	Value json.RawMessage
	// Error is "Name: message" of an exception the snippet threw, or "".
	Error string
}

// RunCanvas creates a w×h 2D canvas, calls body as a function of (canvas, ctx),
// awaiting it when it returns a Promise, and returns the canvas pixels, the return
// value and any exception.
func (b *Browser) RunCanvas(ctx context.Context, w, h int, body string) (*CanvasResult, error) {
	expr := fmt.Sprintf(`(async () => {
  const canvas = document.createElement('canvas');
  canvas.width = %d; canvas.height = %d;
  const ctx = canvas.getContext('2d');
  let value = null, error = '';
  try {
    const f = new Function('canvas', 'ctx', %s);
    value = await f(canvas, ctx);
    if (value === undefined) value = null;
  } catch (e) {
    error = (e && e.name ? e.name + ': ' + e.message : String(e));
  }
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let bin = '';
  for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
  return {w: canvas.width, h: canvas.height, pixels: btoa(bin), value: JSON.stringify(value), error};
})()`, w, h, jsString(body))
	raw, err := b.Eval(ctx, expr)
	if err != nil {
		return nil, err
	}
	var r struct {
		W, H   int
		Pixels string
		Value  string
		Error  string
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("browser: decoding result: %w", err)
	}
	pix, err := base64.StdEncoding.DecodeString(r.Pixels)
	if err != nil {
		return nil, err
	}
	if len(pix) != r.W*r.H*4 {
		return nil, fmt.Errorf("browser: got %d pixel bytes for %dx%d", len(pix), r.W, r.H)
	}
	img := &image.NRGBA{Pix: pix, Stride: r.W * 4, Rect: image.Rect(0, 0, r.W, r.H)}
	return &CanvasResult{Image: img, Value: json.RawMessage(r.Value), Error: r.Error}, nil
}

// PNG encodes an image losslessly.
func PNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// jsString quotes s as a JavaScript string literal (JSON is a subset).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
