package audio

// The differential harness: every case is one graph written twice, in JavaScript for Chromium's
// OfflineAudioContext and in Go for this package. References rendered by Chromium are cached in
// testdata/chromium (gzip'ed little-endian float32, channel after channel) and regenerated with
// MAKE_REF=1, so plain `go test` never starts a browser.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/seed92233726/mediad/internal/browser"
)

type diffCase struct {
	name     string
	channels int
	length   int
	rate     float64
	js       string                        // body of async (ctx) => {...}; builds the graph
	build    func(c *OfflineContext) error // the same graph in Go
	// Optional readings taken during rendering (analyser data …): JS pushes Float32Arrays of
	// equal length onto ctx.extra, Go appends to *extra; compared like output channels.
	buildX func(c *OfflineContext, extra *[][]float32) error
	tol    float64                                  // max abs difference; 0 means 1e-5 unless snr is set
	snr    float64                                  // if set, compare by signal-to-noise ratio in dB
	check  func(t *testing.T, ref, got [][]float32) // optional extra comparison
}

// jsPrelude holds helpers shared by the JavaScript cases.
const jsPrelude = `
function mkbuf(ctx, ch, n, sr, fn) {
  const b = ctx.createBuffer(ch, n, sr);
  for (let c = 0; c < ch; c++) { const d = b.getChannelData(c); for (let i = 0; i < n; i++) d[i] = fn(c, i); }
  return b;
}
`

func mkbuf(c *OfflineContext, ch, n int, sr float64, fn func(c, i int) float64) *AudioBuffer {
	b, err := c.CreateBuffer(ch, n, sr)
	if err != nil {
		panic(err)
	}
	for k := 0; k < ch; k++ {
		d, _ := b.GetChannelData(k)
		for i := range d {
			d[i] = float32(fn(k, i))
		}
	}
	return b
}

var (
	browserOnce sync.Once
	browserInst *browser.Browser
	browserErr  error
)

func chromiumRender(t *testing.T, tc diffCase) [][]float32 {
	browserOnce.Do(func() {
		browserInst, browserErr = browser.Start(context.Background())
	})
	if browserErr != nil {
		t.Fatalf("starting Chromium: %v", browserErr)
	}
	expr := fmt.Sprintf(`(async () => {
%s
const ctx = new OfflineAudioContext(%d, %d, %v);
ctx.extra = [];
await (async (ctx) => { %s })(ctx);
const buf = await ctx.startRendering();
const out = [];
const chans = [];
for (let c = 0; c < buf.numberOfChannels; c++) chans.push(buf.getChannelData(c));
for (const e of ctx.extra) chans.push(e);
for (const d of chans) {
  const u8 = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  let s = '';
  for (let i = 0; i < u8.length; i += 8192) s += String.fromCharCode.apply(null, u8.subarray(i, i + 8192));
  out.push(btoa(s));
}
return out;
})()`, jsPrelude, tc.channels, tc.length, tc.rate, tc.js)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	raw, err := browserInst.Eval(ctx, expr)
	if err != nil {
		t.Fatalf("Chromium: %v", err)
	}
	var chans []string
	if err := json.Unmarshal(raw, &chans); err != nil {
		t.Fatalf("Chromium result: %v", err)
	}
	out := make([][]float32, len(chans))
	for c, s := range chans {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		out[c] = make([]float32, len(b)/4)
		for i := range out[c] {
			out[c][i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		}
	}
	return out
}

func refPath(name string) string { return filepath.Join("testdata", "chromium", name+".f32.gz") }

func saveRef(name string, chans [][]float32) error {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	hdr := []uint32{uint32(len(chans)), uint32(len(chans[0]))}
	binary.Write(zw, binary.LittleEndian, hdr)
	for _, c := range chans {
		binary.Write(zw, binary.LittleEndian, c)
	}
	zw.Close()
	if err := os.MkdirAll(filepath.Dir(refPath(name)), 0o755); err != nil {
		return err
	}
	return os.WriteFile(refPath(name), buf.Bytes(), 0o644)
}

func loadRef(name string) ([][]float32, error) {
	b, err := os.ReadFile(refPath(name))
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var hdr [2]uint32
	if err := binary.Read(zr, binary.LittleEndian, &hdr); err != nil {
		return nil, err
	}
	out := make([][]float32, hdr[0])
	for c := range out {
		out[c] = make([]float32, hdr[1])
		if err := binary.Read(zr, binary.LittleEndian, out[c]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func runDiffCases(t *testing.T, cases []diffCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if os.Getenv("MAKE_REF") == "1" {
				ref := chromiumRender(t, tc)
				if err := saveRef(tc.name, ref[:tc.channels]); err != nil {
					t.Fatal(err)
				}
				if len(ref) > tc.channels {
					if err := saveRef(tc.name+".extra", ref[tc.channels:]); err != nil {
						t.Fatal(err)
					}
				}
			}
			ref, err := loadRef(tc.name)
			if err != nil {
				t.Fatalf("reference missing (regenerate with MAKE_REF=1): %v", err)
			}
			if tc.buildX != nil {
				extra, err := loadRef(tc.name + ".extra")
				if err != nil {
					t.Fatalf("reference missing (regenerate with MAKE_REF=1): %v", err)
				}
				ref = append(ref, extra...)
			}
			c, err := NewOfflineContext(tc.channels, tc.length, tc.rate)
			if err != nil {
				t.Fatal(err)
			}
			var extra [][]float32
			if tc.buildX != nil {
				err = tc.buildX(c, &extra)
			} else {
				err = tc.build(c)
			}
			if err != nil {
				t.Fatalf("building graph: %v", err)
			}
			buf, err := c.StartRendering(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := append(append([][]float32(nil), buf.data...), extra...)
			if len(got) != len(ref) {
				t.Fatalf("channels: got %d, Chromium %d", len(got), len(ref))
			}
			if tc.check != nil {
				tc.check(t, ref, got)
				return
			}
			for ch := range ref {
				if tc.snr > 0 {
					if s := snrDB(ref[ch], got[ch]); s < tc.snr {
						t.Errorf("channel %d: SNR %.1f dB below %.1f dB", ch, s, tc.snr)
					}
					continue
				}
				tol := tc.tol
				if tol == 0 {
					tol = 1e-5
				}
				worst, at := 0.0, -1
				for i := range ref[ch] {
					if d := math.Abs(float64(ref[ch][i] - got[ch][i])); d > worst || math.IsNaN(d) {
						worst, at = d, i
					}
				}
				if worst > tol {
					lo, hi := max(0, at-2), min(len(ref[ch]), at+3)
					t.Errorf("channel %d: max |diff| %.3g at frame %d > %.1g\n chromium %v\n      go %v", ch, worst, at, tol, ref[ch][lo:hi], got[ch][lo:hi])
				}
			}
		})
	}
}

func snrDB(ref, got []float32) float64 {
	var sig, noise float64
	for i := range ref {
		r := float64(ref[i])
		d := r - float64(got[i])
		sig += r * r
		noise += d * d
	}
	if noise == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(sig/noise)
}

func ftoa(v float32) string { return strconv.FormatFloat(float64(v), 'g', -1, 32) }

// TestReportSNR prints the SNR of every SNR-compared case (go test -v -run ReportSNR), for the
// documentation of the bounds.
func TestReportSNR(t *testing.T) {
	if os.Getenv("REPORT_SNR") == "" {
		t.Skip("set REPORT_SNR=1")
	}
	for _, set := range [][]diffCase{oscCases, nodeCases, dynCases, fxCases, decodeCases, edgeCases} {
		for _, tc := range set {
			if tc.snr == 0 {
				continue
			}
			ref, err := loadRef(tc.name)
			if err != nil {
				continue
			}
			c, _ := NewOfflineContext(tc.channels, tc.length, tc.rate)
			tc.build(c)
			b, _ := c.StartRendering(context.Background())
			t.Logf("%-32s %.1f dB", tc.name, snrDB(ref[0], b.data[0]))
		}
	}
}

func itoa(v int) string { return strconv.Itoa(v) }
