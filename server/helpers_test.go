package server

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/canvas"
)

// testServer returns a Server whose logs go to the test log.
func testServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	return New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// gradient is a w×h test picture with detail in both directions.
func gradient(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(x * 255 / max(w-1, 1)), uint8(y * 255 / max(h-1, 1)), uint8((x ^ y) & 0xff), 255})
		}
	}
	return m
}

func jpegBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, gradient(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, gradient(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugePNG is a valid PNG signature and IHDR claiming w×h, with no pixel data: a
// decoder that trusted it would allocate w×h×4 bytes.
func hugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"IHDR", ihdr}, {"IDAT", nil}, {"IEND", nil}} {
		chunk := append([]byte(c.typ), c.data...)
		binary.Write(&b, binary.BigEndian, uint32(len(c.data)))
		b.Write(chunk)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	}
	return b.Bytes()
}

// do sends one request to h and returns the recorded answer.
func do(h http.Handler, method, target, contentType string, body []byte, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// errorOf decodes an error answer; it fails the test when the body is not the
// documented {"error":{"code","message"}}.
func errorOf(t testing.TB, rec *httptest.ResponseRecorder) (code, msg string) {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("error answer has Content-Type %q; body %q", ct, rec.Body.String())
	}
	var e struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body %q is not {\"error\":{\"code\",\"message\"}} (%v)", rec.Body.String(), err)
	}
	return e.Error.Code, e.Error.Message
}

func renderBody(script string, extra ...string) []byte {
	m := map[string]any{"script": script}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = json.RawMessage(extra[i+1])
	}
	b, _ := json.Marshal(m)
	return b
}

// busyScript keeps a worker busy for about ms milliseconds and then draws.
func busyScript(ms int) string {
	return strings.ReplaceAll(`const c = new OffscreenCanvas(8, 8); const t = Date.now() + MS;
while (Date.now() < t) {} c.getContext('2d').fillRect(0, 0, 4, 4);`, "MS", itoa(ms))
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

var canvasEncodeDefaults = canvas.EncodeOptions{}
