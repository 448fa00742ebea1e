package server

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	mimage "github.com/seed92233726/mediad/image"
)

// noisyPNG is a w×h PNG of pseudo-random pixels: it does not compress, so its
// PNG re-encoding is about w×h×4 bytes.
func noisyPNG(t testing.TB, w, h int) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	seed := uint32(7)
	for i := range m.Pix {
		seed = seed*1664525 + 1013904223
		m.Pix[i] = uint8(seed >> 24)
	}
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = 255
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestStreamedAnswer: an answer larger than spillLimit goes out chunked as it is
// encoded, with the same bytes and headers (ETag, size) a buffered one has; a
// small one keeps its Content-Length.
func TestStreamedAnswer(t *testing.T) {
	s := testServer(t, Config{})
	srv := httptest.NewServer(s)
	defer srv.Close()
	big := noisyPNG(t, 600, 400) // ~960 kB as PNG
	want, err := mimage.Compress(bytes.NewReader(big), mimage.CompressOptions{Output: mimage.Output{Format: "png"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Data) <= spillLimit {
		t.Fatalf("test image encodes to %d bytes, not over the %d spill limit", len(want.Data), spillLimit)
	}
	resp, err := http.Post(srv.URL+"/v1/image/compress?format=png", "", bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	if resp.ContentLength != -1 || len(resp.TransferEncoding) == 0 || resp.TransferEncoding[0] != "chunked" {
		t.Errorf("large answer: Content-Length %d, Transfer-Encoding %v; want streamed (chunked)", resp.ContentLength, resp.TransferEncoding)
	}
	if !bytes.Equal(got, want.Data) {
		t.Errorf("streamed %d bytes differ from the library's %d", len(got), len(want.Data))
	}
	if resp.Header.Get("ETag") == "" || resp.Header.Get("X-Image-Width") != "600" || resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("streamed answer headers: %v", resp.Header)
	}
	// If-None-Match works for streamed answers too: the ETag is known before encoding.
	req, _ := http.NewRequest("POST", srv.URL+"/v1/image/compress?format=png", bytes.NewReader(big))
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	if r2, err := http.DefaultClient.Do(req); err != nil || r2.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match on a streamed answer: %v %v", r2, err)
	} else {
		r2.Body.Close()
	}

	small := jpegBytes(t, 64, 48)
	resp, err = http.Post(srv.URL+"/v1/image/compress?compressedWidth=32", "", bytes.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	got, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength != int64(len(got)) || len(got) == 0 {
		t.Errorf("small answer: status %d, Content-Length %d for %d bytes", resp.StatusCode, resp.ContentLength, len(got))
	}
}

// TestErrorBeforeAndAfterFirstByte: a job that fails before any byte has left
// gets a clean JSON error (none of the image headers it declared); one that
// fails after gets its connection cut, so a truncated image is never taken for
// a whole one.
func TestErrorBeforeAndAfterFirstByte(t *testing.T) {
	s := testServer(t, Config{})
	fail := errors.New("encoder broke")
	var size int
	s.routes["/v1/image/info"].job = func(ctx context.Context, a Args, body []byte, out *answer) error {
		w := out.open("image/png", 10, 10)
		if _, err := w.Write(make([]byte, size)); err != nil {
			return err
		}
		return fail
	}
	srv := httptest.NewServer(s)
	defer srv.Close()

	size = 1000 // stays in the buffer
	rec := do(s, "POST", "/v1/image/info", "", jpegBytes(t, 4, 4))
	if rec.Code != 500 || rec.Header().Get("X-Image-Width") != "" || rec.Header().Get("ETag") != "" {
		t.Errorf("failure before the first byte: %d, headers %v", rec.Code, rec.Header())
	}
	errorOf(t, rec)

	size = spillLimit + 1 // streamed before the failure
	resp, err := http.Post(srv.URL+"/v1/image/info", "", bytes.NewReader(jpegBytes(t, 4, 4)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || err == nil {
		t.Errorf("failure after the first byte: status %d, body read error %v; want 200 and a cut connection", resp.StatusCode, err)
	}
	if n := s.lim.inFlight(); n != 0 || len(s.lim.tickets) != 0 {
		t.Errorf("after the aborted answer: %d workers, %d tickets held", n, len(s.lim.tickets))
	}
}

// TestTimeoutStopsImageJob: a real slow image job (ten wide blurs of a large
// image, about a minute of work) with a short request timeout is answered 503
// timeout at once, and its worker and ticket come free within seconds: the job
// was stopped, not left running behind the answer.
func TestTimeoutStopsImageJob(t *testing.T) {
	s := testServer(t, Config{Timeout: 100 * time.Millisecond, Jobs: 1})
	srv := httptest.NewServer(s)
	defer srv.Close()
	ops := "[" + strings.Repeat(`{"op":"blur","sigma":50},`, 9) + `{"op":"blur","sigma":50}]`
	resp, err := http.Post(srv.URL+"/v1/image/edit?ops="+url.QueryEscape(ops), "", bytes.NewReader(pngBytes(t, 2000, 1500)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(body), `"timeout"`) {
		t.Errorf("answer %d %q", resp.StatusCode, body)
	}
	waitFree(t, s)
	if rec := do(s, "POST", "/v1/image/info", "", jpegBytes(t, 4, 4)); rec.Code != 200 {
		t.Fatalf("next request: %d", rec.Code)
	}
}

// TestWatchdogAnswersStuckJob: a job stuck in a step that does not look at its
// context (a codec call) still lets the client have its 503 at the deadline;
// the worker stays held until the job returns, as it is still using the CPU.
func TestWatchdogAnswersStuckJob(t *testing.T) {
	s := testServer(t, Config{Timeout: 100 * time.Millisecond, Jobs: 1})
	unstick := make(chan struct{})
	returned := make(chan struct{})
	s.routes["/v1/image/info"].job = func(ctx context.Context, a Args, body []byte, out *answer) error {
		defer close(returned)
		<-unstick // ignores ctx, as an uninterruptible step would
		_, err := out.open("application/json", 0, 0).Write([]byte("{}\n"))
		return err
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/v1/image/info", "", bytes.NewReader(jpegBytes(t, 4, 4)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	select {
	case <-returned:
		t.Fatal("the job returned before it was let go")
	default:
	}
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(body), `"timeout"`) {
		t.Errorf("while the job is stuck: %d %q", resp.StatusCode, body)
	}
	if s.lim.inFlight() != 1 {
		t.Errorf("the stuck job's worker is not counted")
	}
	if v := rejectedTimeouts(t, s); v != "1" {
		t.Errorf("mediad_rejected_total{reason=timeout} = %q after one timeout", v)
	}
	close(unstick)
	<-returned
	waitFree(t, s)
}

// waitFree waits until s holds no worker and no ticket; it fails the test if
// that takes many seconds (a job that was never stopped).
func waitFree(t *testing.T, s *Server) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for s.lim.inFlight() > 0 || len(s.lim.tickets) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d workers, %d tickets still held", s.lim.inFlight(), len(s.lim.tickets))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestClientGoneStopsJob: when the client hangs up, the request's context ends
// and both an image job and a script stop, giving their worker back long before
// the server's own time limits would have.
func TestClientGoneStopsJob(t *testing.T) {
	s := testServer(t, Config{Timeout: time.Minute, ScriptTimeout: time.Minute})
	srv := httptest.NewServer(s)
	defer srv.Close()
	sawEnd := make(chan error, 1)
	s.routes["/v1/image/info"].job = func(ctx context.Context, a Args, body []byte, out *answer) error {
		<-ctx.Done()
		sawEnd <- context.Cause(ctx)
		return context.Cause(ctx)
	}
	for _, tc := range []struct {
		name, path string
		body       []byte
	}{
		{"image job", "/v1/image/info", jpegBytes(t, 4, 4)},
		{"script", "/v1/canvas/render", renderBody(`new OffscreenCanvas(1, 1); for (;;) {}`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+tc.path, bytes.NewReader(tc.body))
			done := make(chan error, 1)
			go func() {
				resp, err := http.DefaultClient.Do(req)
				if err == nil {
					resp.Body.Close()
				}
				done <- err
			}()
			deadline := time.Now().Add(10 * time.Second)
			for s.lim.inFlight() == 0 {
				if time.Now().After(deadline) {
					t.Fatal("the job never started")
				}
				time.Sleep(time.Millisecond)
			}
			cancel()
			if err := <-done; err == nil {
				t.Fatal("the request was answered before it was cancelled")
			}
			waitFree(t, s)
		})
	}
	if err := <-sawEnd; !errors.Is(err, context.Canceled) {
		t.Errorf("the image job saw %v", err)
	}
	// Hang-ups are not refusals for capacity.
	if v := rejectedTimeouts(t, s); v != "" {
		t.Errorf("mediad_rejected_total{reason=timeout} = %s after client hang-ups", v)
	}
}

// TestBodyBuffersReused: request bodies and gathered answers come from the
// pools, so the service's own allocations do not grow with the upload size.
func TestBodyBuffersReused(t *testing.T) {
	s := testServer(t, Config{Jobs: 1})
	img := pngBytes(t, 300, 300)
	var first []byte
	s.routes["/v1/image/info"].job = func(ctx context.Context, a Args, body []byte, out *answer) error {
		if first == nil {
			first = body
		} else if &first[0] != &body[0] {
			t.Error("the second request's body is not in the first one's buffer")
		}
		_, err := out.open("application/json", 0, 0).Write([]byte("{}\n"))
		return err
	}
	for i := 0; i < 2; i++ {
		if rec := do(s, "POST", "/v1/image/info", "", img); rec.Code != 200 {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	// A body over the pool's size limit is not kept.
	p := newBufPool(1, 1000)
	p.put(make([]byte, 2000))
	if b := p.get(10); cap(b) == 2000 {
		t.Error("an oversized buffer was kept")
	}
	p.put(make([]byte, 0, 800))
	if b := p.get(900); cap(b) < 900 {
		t.Errorf("get(900) gave room for %d", cap(b))
	}
}

// rejectedTimeouts is the value of mediad_rejected_total{reason="timeout"} on
// /metrics ("" when the series does not exist yet).
func rejectedTimeouts(t *testing.T, s *Server) string {
	t.Helper()
	rec := do(s, "GET", "/metrics", "", nil)
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if v, ok := strings.CutPrefix(line, `mediad_rejected_total{reason="timeout"} `); ok {
			return v
		}
	}
	return ""
}
