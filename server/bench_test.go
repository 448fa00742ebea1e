package server

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	mimage "github.com/seed92233726/mediad/image"
	"github.com/seed92233726/mediad/script"
)

// photo is a 1024×768 JPEG with smooth areas and fine texture, so the codec and
// the resampler do the work they do on photographs.
func photo(b *testing.B) []byte {
	m := image.NewRGBA(image.Rect(0, 0, 1024, 768))
	seed := uint32(1)
	for y := 0; y < 768; y++ {
		for x := 0; x < 1024; x++ {
			seed = seed*1664525 + 1013904223
			n := uint8(seed >> 28)
			m.SetRGBA(x, y, color.RGBA{uint8(x/4) + n, uint8(y/3) + n, uint8((x+y)/7) + n, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// latencies collects per-request times from parallel benchmark goroutines.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d []time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d...)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B, elapsed time.Duration) {
	slices.Sort(l.d)
	pct := func(p int) float64 {
		if len(l.d) == 0 {
			return 0
		}
		i := min(max((len(l.d)*p+99)/100-1, 0), len(l.d)-1)
		return float64(l.d[i].Microseconds()) / 1000
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(99), "p99-ms")
}

// benchParallel runs op from GOMAXPROCS goroutines (the service's default number
// of workers) and reports throughput and latency percentiles.
func benchParallel(b *testing.B, op func() error) {
	var lat latencies
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			t0 := time.Now()
			if err := op(); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(t0))
		}
		lat.add(mine)
	})
	elapsed := time.Since(start)
	b.StopTimer()
	lat.report(b, elapsed)
}

// httpOp posts body to path on a loopback server and checks for a 200.
func httpOp(b *testing.B, srv *httptest.Server, path, ctype string, body []byte) func() error {
	client := srv.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 16
	return func() error {
		req, _ := http.NewRequest("POST", srv.URL+path, bytes.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
		return err
	}
}

// BenchmarkOverhead measures the same work as a direct library call and through
// the HTTP service on loopback; the ratio of their req/s is the service overhead
// (admission, body copy, header sniffing, ETag hash, logging, metrics, HTTP).
func BenchmarkOverhead(b *testing.B) {
	jpg := photo(b)
	small := jpegBytes(b, 64, 48)
	s := New(Config{}, discardLogger())
	srv := httptest.NewServer(s)
	defer srv.Close()
	const poster = `const c = new OffscreenCanvas(400, 300); const x = c.getContext('2d');
for (let i = 0; i < 50; i++) { x.fillStyle = 'hsl(' + i * 7 + ', 80%, 50%)'; x.beginPath(); x.arc(8 * i, 150, 40, 0, 6.3); x.fill(); }`
	renderJSON := renderBody(poster)

	cases := []struct {
		name   string
		direct func() error
		path   string
		ctype  string
		body   []byte
	}{
		{"compress-1024x768-to-320", func() error {
			_, err := mimage.Compress(bytes.NewReader(jpg), mimage.CompressOptions{CompressedWidth: 320})
			return err
		}, "/v1/image/compress?compressedWidth=320", "", jpg},
		{"crop-1024x768-1:1", func() error {
			_, err := mimage.Crop(bytes.NewReader(jpg), mimage.CropOptions{Scale: "1:1"})
			return err
		}, "/v1/image/crop?cropScale=1:1", "", jpg},
		{"render-script-400x300", func() error {
			rt := script.New(script.Options{})
			if err := rt.RunString(context.Background(), "render.js", poster); err != nil {
				return err
			}
			var buf bytes.Buffer
			return rt.Canvases()[0].Encode(&buf, "png", canvasEncodeDefaults)
		}, "/v1/canvas/render", "application/json", renderJSON},
		// A headers-only call is the worst case: the overhead is all there is.
		{"info-64x48", func() error {
			_, err := mimage.Info(bytes.NewReader(small))
			return err
		}, "/v1/image/info", "", small},
	}
	for _, c := range cases {
		b.Run(c.name+"/direct", func(b *testing.B) {
			b.ReportAllocs()
			benchParallel(b, c.direct)
		})
		b.Run(c.name+"/http", func(b *testing.B) {
			b.ReportAllocs()
			benchParallel(b, httpOp(b, srv, c.path, c.ctype, c.body))
		})
	}
}
