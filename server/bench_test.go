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
	"runtime"
	"slices"
	"sync"
	"syscall"
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
	cpu0 := cpuTime()
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
	cpu := cpuTime() - cpu0
	b.StopTimer()
	lat.report(b, elapsed)
	// CPU time per request is what the work costs the machine, whatever else runs
	// on it; on a loaded machine it compares the two paths better than wall time.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// httpOp posts body to path on a loopback server and checks for a 200. The
// client is set up as mediad loadtest's: kept-alive connections, 64 KiB
// buffers, answers read in large pieces into a reused buffer.
func httpOp(b *testing.B, srv *httptest.Server, path, ctype string, body []byte) func() error {
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 16
	tr.ReadBufferSize, tr.WriteBufferSize = 64<<10, 64<<10
	client := &http.Client{Transport: tr}
	sinks := sync.Pool{New: func() any { return make([]byte, 256<<10) }}
	return func() error {
		req, _ := http.NewRequest("POST", srv.URL+path, bytes.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		sink := sinks.Get().([]byte)
		for err == nil {
			_, err = resp.Body.Read(sink)
		}
		sinks.Put(sink)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
		if err == io.EOF {
			err = nil
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
		b.Run(c.name+"/interleaved", func(b *testing.B) {
			benchInterleaved(b, c.direct, httpOp(b, srv, c.path, c.ctype, c.body))
		})
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

// benchInterleaved measures the same work directly and through HTTP in
// alternating rounds (direct, HTTP, HTTP, direct, …), each round running
// GOMAXPROCS goroutines (the service's default number of workers) of
// interleaveRound requests. Both sides thus run alone at the same concurrency,
// as a service's clients would see them, and both see the same machine load (on
// a shared machine, back-to-back runs differ by more than the overhead being
// measured). It reports each side's throughput over its own rounds, latency
// percentiles, and the overhead: the median over round pairs of how much longer
// the same requests took through HTTP, and of how much more CPU they cost the
// process (the HTTP client's included: it runs in this process).
func benchInterleaved(b *testing.B, direct, viaHTTP func() error) {
	procs := runtime.GOMAXPROCS(0)
	type side struct {
		op        func() error
		wall, cpu time.Duration
		n         int
		lat       latencies
	}
	sides := [2]*side{{op: direct}, {op: viaHTTP}}
	round := func(sd *side) bool {
		var wg sync.WaitGroup
		failed := false
		cpu0, t0 := cpuTime(), time.Now()
		for g := 0; g < procs; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := make([]time.Duration, 0, interleaveRound)
				for i := 0; i < interleaveRound; i++ {
					s := time.Now()
					if err := sd.op(); err != nil {
						b.Error(err)
						failed = true
						return
					}
					mine = append(mine, time.Since(s))
				}
				sd.lat.add(mine)
			}()
		}
		wg.Wait()
		sd.wall += time.Since(t0)
		sd.cpu += cpuTime() - cpu0
		sd.n += procs * interleaveRound
		return !failed
	}
	// Each pair of rounds gives an HTTP/direct ratio of wall time and of CPU
	// time; the medians of those ratios are the overheads reported, so a burst
	// of load from elsewhere that hits a few rounds does not decide the result.
	var wallRatio, cpuRatio []float64
	b.ResetTimer()
	for r := 0; sides[0].n < b.N; r++ {
		// ABBA order, so neither side always follows the other's garbage.
		first, second := sides[r%2], sides[1-r%2]
		dw, dc, hw, hc := sides[0].wall, sides[0].cpu, sides[1].wall, sides[1].cpu
		if !round(first) || !round(second) {
			return
		}
		dw, dc = sides[0].wall-dw, sides[0].cpu-dc
		hw, hc = sides[1].wall-hw, sides[1].cpu-hc
		if dw > 0 && dc > 0 {
			wallRatio = append(wallRatio, hw.Seconds()/dw.Seconds())
			cpuRatio = append(cpuRatio, hc.Seconds()/dc.Seconds())
		}
	}
	b.StopTimer()
	d, h := sides[0], sides[1]
	dr, hr := float64(d.n)/d.wall.Seconds(), float64(h.n)/h.wall.Seconds()
	b.ReportMetric(dr, "direct-req/s")
	b.ReportMetric(hr, "http-req/s")
	median := func(v []float64) float64 {
		if len(v) == 0 {
			return 0
		}
		slices.Sort(v)
		return (v[(len(v)-1)/2] + v[len(v)/2]) / 2
	}
	b.ReportMetric((median(wallRatio)-1)*100, "overhead-%")
	b.ReportMetric((median(cpuRatio)-1)*100, "cpu-overhead-%")
	dc, hc := d.cpu.Seconds()/float64(d.n), h.cpu.Seconds()/float64(h.n)
	b.ReportMetric(dc*1000, "direct-cpu-ms/op")
	b.ReportMetric(hc*1000, "http-cpu-ms/op")
	slices.Sort(d.lat.d)
	slices.Sort(h.lat.d)
	pct := func(l *latencies, p int) float64 {
		i := min(max((len(l.d)*p+99)/100-1, 0), len(l.d)-1)
		return float64(l.d[i].Microseconds()) / 1000
	}
	b.ReportMetric(pct(&d.lat, 50), "direct-p50-ms")
	b.ReportMetric(pct(&d.lat, 99), "direct-p99-ms")
	b.ReportMetric(pct(&h.lat, 50), "http-p50-ms")
	b.ReportMetric(pct(&h.lat, 99), "http-p99-ms")
}

// interleaveRound is each goroutine's requests per round: long enough that the
// round's ragged end (one goroutine finishing before the other) is a small part
// of it, short enough that load changes on the machine hit both sides alike.
const interleaveRound = 16
