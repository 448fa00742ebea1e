package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestEndpoints(t *testing.T) {
	jpg := jpegBytes(t, 160, 120)
	pngb := pngBytes(t, 64, 48)
	b64 := base64.StdEncoding.EncodeToString(jpg)
	editOps := url.QueryEscape(`[{"op":"rotate","degrees":90},{"op":"resize","width":30}]`)
	s := testServer(t, Config{MaxBody: 1 << 20, MaxPixels: 4_000_000, ScriptTimeout: 2 * time.Second, MaxCanvasSide: 2000, MaxCanvasPixels: 1_000_000})

	tests := []struct {
		name        string
		method      string
		target      string
		ctype       string
		body        []byte
		status      int
		code        string // error code, for errors
		msgHas      string // the error message must contain this (e.g. the parameter's name)
		contentType string // for successes
		w, h        int    // answer's X-Image-Width/Height, when not 0
	}{
		// compress
		{name: "compress keeps size", method: "POST", target: "/v1/image/compress", body: jpg, status: 200, contentType: "image/jpeg", w: 160, h: 120},
		{name: "compress to width", method: "POST", target: "/v1/image/compress?compressedWidth=80&quality=60", body: jpg, status: 200, contentType: "image/jpeg", w: 80, h: 60},
		{name: "compress to webp", method: "POST", target: "/v1/image/compress?format=webp&compressedHeight=30", body: jpg, status: 200, contentType: "image/webp", w: 40, h: 30},
		{name: "compress png as jpg alias", method: "POST", target: "/v1/image/compress?format=jpg", body: pngb, status: 200, contentType: "image/jpeg", w: 64, h: 48},
		{name: "compress precise upscale", method: "POST", target: "/v1/image/compress?compressedWidth=320&upscale=true&precise=1", body: jpg, status: 200, contentType: "image/jpeg", w: 320, h: 240},
		{name: "compress quality out of range", method: "POST", target: "/v1/image/compress?quality=0", body: jpg, status: 400, code: codeBadParameter, msgHas: "quality"},
		{name: "compress quality not a number", method: "POST", target: "/v1/image/compress?quality=high", body: jpg, status: 400, code: codeBadParameter, msgHas: "quality"},
		{name: "compress width over range", method: "POST", target: "/v1/image/compress?compressedWidth=70000", body: jpg, status: 400, code: codeBadParameter, msgHas: "compressedWidth"},
		{name: "compress unknown format", method: "POST", target: "/v1/image/compress?format=gif", body: jpg, status: 400, code: codeBadParameter, msgHas: "format"},
		{name: "compress unknown parameter", method: "POST", target: "/v1/image/compress?qualty=5", body: jpg, status: 400, code: codeBadParameter, msgHas: "qualty"},
		{name: "compress repeated parameter", method: "POST", target: "/v1/image/compress?quality=5&quality=6", body: jpg, status: 400, code: codeBadParameter, msgHas: "quality"},
		{name: "compress empty body", method: "POST", target: "/v1/image/compress", status: 400, code: codeBadParameter, msgHas: "body"},
		{name: "compress not an image", method: "POST", target: "/v1/image/compress", body: []byte("hello, world"), status: 415, code: codeUnsupported},
		{name: "compress truncated", method: "POST", target: "/v1/image/compress", body: jpg[:len(jpg)/3], status: 422, code: codeUndecodable},
		{name: "compress huge header", method: "POST", target: "/v1/image/compress", body: hugePNG(100000, 100000), status: 413, code: codeTooLarge},
		{name: "compress body over limit", method: "POST", target: "/v1/image/compress", body: make([]byte, 1<<20+1), status: 413, code: codeTooLarge},
		{name: "compress output over pixel limit", method: "POST", target: "/v1/image/compress?compressedWidth=60000&upscale=1", body: jpg, status: 400, code: codeBadParameter, msgHas: "compressedWidth"},
		// crop
		{name: "crop scale", method: "POST", target: "/v1/image/crop?cropScale=1:1", body: jpg, status: 200, contentType: "image/jpeg", w: 120, h: 120},
		{name: "crop scale attention png", method: "POST", target: "/v1/image/crop?cropScale=16:9&gravity=attention&format=png", body: jpg, status: 200, contentType: "image/png", w: 160, h: 90},
		{name: "crop rect", method: "POST", target: "/v1/image/crop?x=10&y=20&width=50&height=40", body: jpg, status: 200, contentType: "image/jpeg", w: 50, h: 40},
		{name: "crop rect incomplete", method: "POST", target: "/v1/image/crop?x=10&y=20&width=50", body: jpg, status: 400, code: codeBadParameter, msgHas: "height"},
		{name: "crop nothing", method: "POST", target: "/v1/image/crop", body: jpg, status: 400, code: codeBadParameter, msgHas: "cropScale"},
		{name: "crop bad scale", method: "POST", target: "/v1/image/crop?cropScale=wide", body: jpg, status: 400, code: codeBadParameter, msgHas: "cropScale"},
		{name: "crop bad gravity", method: "POST", target: "/v1/image/crop?cropScale=1:1&gravity=up", body: jpg, status: 400, code: codeBadParameter, msgHas: "gravity"},
		{name: "crop rect outside", method: "POST", target: "/v1/image/crop?x=150&y=0&width=50&height=40", body: jpg, status: 400, code: codeBadParameter, msgHas: "rect"},
		{name: "crop corrupt", method: "POST", target: "/v1/image/crop?cropScale=1:1", body: pngb[:60], status: 422, code: codeUndecodable},
		// info
		{name: "info", method: "POST", target: "/v1/image/info", body: jpg, status: 200, contentType: "application/json"},
		{name: "info of huge header", method: "POST", target: "/v1/image/info", body: hugePNG(100000, 100000), status: 200, contentType: "application/json"},
		{name: "info not an image", method: "POST", target: "/v1/image/info", body: []byte("GIF"), status: 415, code: codeUnsupported},
		{name: "info takes no parameters", method: "POST", target: "/v1/image/info?x=1", body: jpg, status: 400, code: codeBadParameter, msgHas: "x"},
		// edit
		{name: "edit query form", method: "POST", target: "/v1/image/edit?ops=" + editOps, body: jpg, status: 200, contentType: "image/jpeg", w: 30, h: 40},
		{name: "edit no ops re-encodes", method: "POST", target: "/v1/image/edit?format=png", body: jpg, status: 200, contentType: "image/png", w: 160, h: 120},
		{name: "edit json form", method: "POST", target: "/v1/image/edit", ctype: "application/json",
			body: []byte(`{"image":"` + b64 + `","format":"webp","ops":[{"op":"crop","scale":"1:1"},{"op":"blur","sigma":1.5}]}`), status: 200, contentType: "image/webp", w: 120, h: 120},
		{name: "edit json data URI", method: "POST", target: "/v1/image/edit", ctype: "application/json",
			body: []byte(`{"image":"data:image/jpeg;base64,` + b64 + `","ops":[{"op":"flip","direction":"vertical"}]}`), status: 200, contentType: "image/jpeg", w: 160, h: 120},
		{name: "edit json without image", method: "POST", target: "/v1/image/edit", ctype: "application/json", body: []byte(`{"ops":[]}`), status: 400, code: codeBadParameter, msgHas: "image"},
		{name: "edit json bad base64", method: "POST", target: "/v1/image/edit", ctype: "application/json", body: []byte(`{"image":"!!"}`), status: 400, code: codeBadParameter, msgHas: "image"},
		{name: "edit json with query", method: "POST", target: "/v1/image/edit?quality=5", ctype: "application/json", body: []byte(`{"image":"` + b64 + `"}`), status: 400, code: codeBadParameter, msgHas: "query"},
		{name: "edit image member in query", method: "POST", target: "/v1/image/edit?image=abc", body: jpg, status: 400, code: codeBadParameter, msgHas: "image"},
		{name: "edit ops not JSON", method: "POST", target: "/v1/image/edit?ops=rotate", body: jpg, status: 400, code: codeBadParameter, msgHas: "ops"},
		{name: "edit unknown op", method: "POST", target: "/v1/image/edit?ops=" + url.QueryEscape(`[{"op":"twirl"}]`), body: jpg, status: 400, code: codeBadParameter, msgHas: "ops[0].op"},
		{name: "edit misspelt member", method: "POST", target: "/v1/image/edit?ops=" + url.QueryEscape(`[{"op":"rotate","degree":90}]`), body: jpg, status: 400, code: codeBadParameter, msgHas: "degree"},
		{name: "edit bad rotation", method: "POST", target: "/v1/image/edit?ops=" + url.QueryEscape(`[{"op":"rotate","degrees":45}]`), body: jpg, status: 400, code: codeBadParameter, msgHas: "degrees"},
		{name: "edit not an image", method: "POST", target: "/v1/image/edit", body: []byte("<svg/>"), status: 415, code: codeUnsupported},
		// render
		{name: "render script", method: "POST", target: "/v1/canvas/render", ctype: "application/json",
			body: renderBody(`const c = wx.createOffscreenCanvas({type: '2d', width: 40, height: 30}); const x = c.getContext('2d'); x.fillStyle = '#f00'; x.fillRect(0, 0, 20, 20);`), status: 200, contentType: "image/png", w: 40, h: 30},
		{name: "render script jpg", method: "POST", target: "/v1/canvas/render",
			body: renderBody(`new OffscreenCanvas(20, 10).getContext('2d').fillRect(0, 0, 5, 5)`, "fileType", `"jpg"`, "quality", `0.5`), status: 200, contentType: "image/jpeg", w: 20, h: 10},
		{name: "render script with timers", method: "POST", target: "/v1/canvas/render", ctype: "text/plain",
			body: renderBody(`const c = new OffscreenCanvas(10, 10); setTimeout(() => c.getContext('2d').fillRect(0, 0, 10, 10), 5);`, "fileType", `"webp"`), status: 200, contentType: "image/webp", w: 10, h: 10},
		{name: "render exported canvas wins", method: "POST", target: "/v1/canvas/render",
			body: renderBody(`new OffscreenCanvas(10, 10); const b = new OffscreenCanvas(30, 20); b.getContext('2d').fillRect(0, 0, 3, 3); wx.canvasToTempFilePath({canvas: b})`), status: 200, contentType: "image/png", w: 30, h: 20},
		{name: "render reads no server files", method: "POST", target: "/v1/canvas/render",
			body: renderBody(`new OffscreenCanvas(1, 1); wx.getFileSystemManager().readFileSync('/etc/passwd')`), status: 422, code: codeScript},
		{name: "render script throws", method: "POST", target: "/v1/canvas/render", body: renderBody(`new OffscreenCanvas(1, 1); null.x`), status: 422, code: codeScript, msgHas: "TypeError"},
		{name: "render syntax error", method: "POST", target: "/v1/canvas/render", body: renderBody(`let = ;`), status: 422, code: codeScript, msgHas: "SyntaxError"},
		{name: "render no canvas", method: "POST", target: "/v1/canvas/render", body: renderBody(`1 + 1`), status: 422, code: codeScript, msgHas: "no canvas"},
		{name: "render zero canvas", method: "POST", target: "/v1/canvas/render", body: renderBody(`new OffscreenCanvas(0, 5)`), status: 422, code: codeScript},
		{name: "render canvas over limit", method: "POST", target: "/v1/canvas/render", body: renderBody(`new OffscreenCanvas(3000, 10)`), status: 422, code: codeScript, msgHas: "RangeError"},
		{name: "render stack overflow", method: "POST", target: "/v1/canvas/render", body: renderBody(`function f() { return f() + 1 } f()`), status: 422, code: codeScriptLimit},
		{name: "render both forms", method: "POST", target: "/v1/canvas/render", body: []byte(`{"script":"1","actions":[]}`), status: 400, code: codeBadParameter, msgHas: "actions or script"},
		{name: "render neither form", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":10}`), status: 400, code: codeBadParameter, msgHas: "script"},
		{name: "render actions", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":100,"height":80,"actions":[{"method":"setFillStyle","data":["#ff0000"]},{"method":"fillRect","data":[0,0,50,50]}]}`), status: 200, contentType: "image/png", w: 100, h: 80},
		{name: "render actions pixelRatio jpg", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":100,"height":80,"pixelRatio":2,"fileType":"jpg","quality":0.8,"actions":[{"method":"fillRect","data":[0,0,50,50]}]}`), status: 200, contentType: "image/jpeg", w: 200, h: 160},
		{name: "render actions webp", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":30,"height":20,"fileType":"webp","actions":[]}`), status: 200, contentType: "image/webp", w: 30, h: 20},
		{name: "render actions default size", method: "POST", target: "/v1/canvas/render", body: []byte(`{"actions":[{"method":"arc","data":[50,25,5,0,6.28]},{"method":"fill","data":[]}]}`), status: 200, contentType: "image/png", w: 300, h: 150},
		{name: "render actions unknown method", method: "POST", target: "/v1/canvas/render", body: []byte(`{"actions":[{"method":"fillRect","data":[0,0,1,1]},{"method":"paint","data":[]}]}`), status: 400, code: codeBadParameter, msgHas: "action 1"},
		{name: "render actions bad argument", method: "POST", target: "/v1/canvas/render", body: []byte(`{"actions":[{"method":"arc","data":[50,25,-5,0,6.28]}]}`), status: 400, code: codeBadParameter, msgHas: "negative"},
		{name: "render actions image without assets", method: "POST", target: "/v1/canvas/render", body: []byte(`{"actions":[{"method":"setFillStyle","data":[{"type":"pattern","data":["a.png","repeat"]}]},{"method":"fillRect","data":[0,0,9,9]}]}`), status: 422, code: codeNotBuilt, msgHas: "image loader"},
		{name: "render actions pixelRatio too small", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":10,"height":10,"pixelRatio":0.01,"actions":[]}`), status: 400, code: codeBadParameter, msgHas: "pixelRatio"},
		{name: "render actions pixelRatio over the limit", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":1000,"height":1000,"pixelRatio":16,"actions":[]}`), status: 413, code: codeTooLarge},
		{name: "render actions canvas too large", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":4000,"height":100,"actions":[]}`), status: 413, code: codeTooLarge},
		{name: "render width out of range", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":0,"actions":[]}`), status: 400, code: codeBadParameter, msgHas: "width"},
		{name: "render width not integer", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":1.5,"actions":[]}`), status: 400, code: codeBadParameter, msgHas: "width"},
		{name: "render width as string", method: "POST", target: "/v1/canvas/render", body: []byte(`{"width":"10","actions":[]}`), status: 400, code: codeBadParameter, msgHas: "width"},
		{name: "render bad fileType", method: "POST", target: "/v1/canvas/render", body: []byte(`{"fileType":"bmp","script":"1"}`), status: 400, code: codeBadParameter, msgHas: "fileType"},
		{name: "render actions not array", method: "POST", target: "/v1/canvas/render", body: []byte(`{"actions":{}}`), status: 400, code: codeBadParameter, msgHas: "actions"},
		{name: "render unknown member", method: "POST", target: "/v1/canvas/render", body: []byte(`{"scrpt":"1"}`), status: 400, code: codeBadParameter, msgHas: "scrpt"},
		{name: "render duplicate member", method: "POST", target: "/v1/canvas/render", body: []byte(`{"script":"1","script":"2"}`), status: 400, code: codeBadParameter, msgHas: "script"},
		{name: "render not JSON", method: "POST", target: "/v1/canvas/render", body: []byte(`{"script":`), status: 400, code: codeBadParameter, msgHas: "JSON"},
		{name: "render JSON array", method: "POST", target: "/v1/canvas/render", body: []byte(`[1]`), status: 400, code: codeBadParameter, msgHas: "object"},
		{name: "render trailing data", method: "POST", target: "/v1/canvas/render", body: []byte(`{"script":"1"} {}`), status: 400, code: codeBadParameter, msgHas: "trailing"},
		{name: "render empty", method: "POST", target: "/v1/canvas/render", status: 400, code: codeBadParameter, msgHas: "body"},
		{name: "render image content type", method: "POST", target: "/v1/canvas/render", ctype: "image/png", body: pngb, status: 415, code: codeUnsupported},
		// service routes
		{name: "healthz", method: "GET", target: "/healthz", status: 200, contentType: "text/plain; charset=utf-8"},
		{name: "healthz HEAD", method: "HEAD", target: "/healthz", status: 200},
		{name: "readyz", method: "GET", target: "/readyz", status: 200, contentType: "text/plain; charset=utf-8"},
		{name: "metrics", method: "GET", target: "/metrics", status: 200},
		{name: "openapi", method: "GET", target: "/openapi.json", status: 200, contentType: "application/json"},
		{name: "unknown path", method: "GET", target: "/v1/image/resize", status: 404, code: codeNotFound},
		{name: "wrong method", method: "GET", target: "/v1/image/compress", status: 405, code: codeMethod},
		{name: "wrong method on GET route", method: "POST", target: "/healthz", status: 405, code: codeMethod},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(s, tc.method, tc.target, tc.ctype, tc.body)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d; body %.300q", rec.Code, tc.status, rec.Body.String())
			}
			if rec.Header().Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
			if tc.code != "" {
				code, msg := errorOf(t, rec)
				if code != tc.code {
					t.Errorf("code %q, want %q (%s)", code, tc.code, msg)
				}
				if !strings.Contains(msg, tc.msgHas) {
					t.Errorf("message %q does not mention %q", msg, tc.msgHas)
				}
				if tc.status == 405 && rec.Header().Get("Allow") == "" {
					t.Error("405 without Allow")
				}
				return
			}
			if tc.contentType != "" && rec.Header().Get("Content-Type") != tc.contentType {
				t.Errorf("Content-Type %q, want %q", rec.Header().Get("Content-Type"), tc.contentType)
			}
			if tc.w != 0 {
				gw, _ := strconv.Atoi(rec.Header().Get("X-Image-Width"))
				gh, _ := strconv.Atoi(rec.Header().Get("X-Image-Height"))
				if gw != tc.w || gh != tc.h {
					t.Errorf("X-Image size %dx%d, want %dx%d", gw, gh, tc.w, tc.h)
				}
				if tc.contentType != "image/webp" {
					// The bytes must be the image the headers describe.
					cfg, _, err := image.DecodeConfig(bytes.NewReader(rec.Body.Bytes()))
					if err != nil || cfg.Width != tc.w || cfg.Height != tc.h {
						t.Errorf("body decodes as %dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, tc.w, tc.h)
					}
				}
				if rec.Header().Get("ETag") == "" {
					t.Error("image answer without ETag")
				}
			}
		})
	}
}

func TestInfoAnswer(t *testing.T) {
	s := testServer(t, Config{})
	rec := do(s, "POST", "/v1/image/info", "", jpegBytes(t, 33, 21))
	var got map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"width": 33.0, "height": 21.0, "type": "jpeg", "orientation": "up", "hasAlpha": false, "frames": 1.0}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v (%s)", k, got[k], v, rec.Body.String())
		}
	}
}

func TestReadyzWhileDraining(t *testing.T) {
	s := testServer(t, Config{})
	s.SetDraining(true)
	if rec := do(s, "GET", "/readyz", "", nil); rec.Code != 503 {
		t.Fatalf("readyz while draining: %d", rec.Code)
	}
	// Work already on a connection is still done, but the connection is closed after.
	rec := do(s, "POST", "/v1/image/info", "", jpegBytes(t, 8, 8))
	if rec.Code != 200 || rec.Header().Get("Connection") != "close" {
		t.Fatalf("request while draining: %d, Connection %q", rec.Code, rec.Header().Get("Connection"))
	}
	s.SetDraining(false)
	if rec := do(s, "GET", "/readyz", "", nil); rec.Code != 200 {
		t.Fatalf("readyz after draining: %d", rec.Code)
	}
}

func TestRequestID(t *testing.T) {
	s := testServer(t, Config{})
	tests := []struct {
		name, given string
		kept        bool
	}{
		{"printable id kept", "abc-123_X.y", true},
		{"spaces replaced", "a b", false},
		{"too long replaced", strings.Repeat("a", 65), false},
		{"absent made", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(s, "GET", "/healthz", "", nil, "X-Request-Id", tc.given)
			got := rec.Header().Get("X-Request-Id")
			if (got == tc.given) != tc.kept || got == "" {
				t.Errorf("X-Request-Id %q for %q", got, tc.given)
			}
		})
	}
}

func TestETag(t *testing.T) {
	s := testServer(t, Config{})
	jpg := jpegBytes(t, 64, 64)
	first := do(s, "POST", "/v1/image/compress?compressedWidth=32", "", jpg)
	etag := first.Header().Get("ETag")
	if first.Code != 200 || etag == "" {
		t.Fatalf("first: %d, ETag %q", first.Code, etag)
	}
	tests := []struct {
		name, target, inm string
		body              []byte
		status            int
	}{
		{"same request matches", "/v1/image/compress?compressedWidth=32", etag, jpg, 304},
		{"weak form matches", "/v1/image/compress?compressedWidth=32", "W/" + etag, jpg, 304},
		{"in a list", "/v1/image/compress?compressedWidth=32", `"x", ` + etag, jpg, 304},
		{"star", "/v1/image/compress?compressedWidth=32", "*", jpg, 304},
		{"other parameters", "/v1/image/compress?compressedWidth=31", etag, jpg, 200},
		{"defaults equal explicit values", "/v1/image/compress?compressedWidth=32&quality=80", etag, jpg, 304},
		{"other body", "/v1/image/compress?compressedWidth=32", etag, jpegBytes(t, 64, 63), 200},
		{"other operation", "/v1/image/edit", etag, jpg, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(s, "POST", tc.target, "", tc.body, "If-None-Match", tc.inm)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			if tc.status == 304 && (rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag) {
				t.Errorf("304 with %d body bytes, ETag %q", rec.Body.Len(), rec.Header().Get("ETag"))
			}
		})
	}
	// The JSON form of edit has the same ETag as the query form for the same image
	// and options: the base64 image is hashed as the decoded body.
	q := do(s, "POST", "/v1/image/edit?format=png", "", jpg)
	j := do(s, "POST", "/v1/image/edit", "application/json", []byte(`{"format":"png","image":"`+base64.StdEncoding.EncodeToString(jpg)+`"}`))
	if q.Code != 200 || q.Header().Get("ETag") != j.Header().Get("ETag") {
		t.Errorf("edit query form ETag %q, JSON form %q", q.Header().Get("ETag"), j.Header().Get("ETag"))
	}
	again := do(s, "POST", "/v1/image/compress?compressedWidth=32", "", jpg)
	if !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) || again.Header().Get("ETag") != etag {
		t.Error("the same request gave different bytes or ETag: the ETag would be a lie")
	}
}

// TestRecoveredPanic replaces an operation's code with one that panics: the answer
// is a JSON 500 and the server keeps serving.
func TestRecoveredPanic(t *testing.T) {
	s := testServer(t, Config{})
	s.routes["/v1/image/info"].job = func(ctx context.Context, a Args, body []byte, out *answer) error { panic("boom") }
	s.routes["/healthz"].serve = func(w http.ResponseWriter, r *http.Request) { panic("boom") }
	for _, tc := range []struct{ method, target string }{{"POST", "/v1/image/info"}, {"GET", "/healthz"}} {
		rec := do(s, tc.method, tc.target, "", jpegBytes(t, 4, 4))
		if rec.Code != 500 {
			t.Fatalf("%s: status %d", tc.target, rec.Code)
		}
		if code, _ := errorOf(t, rec); code != codeInternal {
			t.Errorf("%s: code %q", tc.target, code)
		}
	}
	if rec := do(s, "GET", "/readyz", "", nil); rec.Code != 200 {
		t.Fatalf("after the panics: %d", rec.Code)
	}
	// The worker of the panicking job was given back.
	if n := s.lim.inFlight(); n != 0 {
		t.Errorf("%d workers still held", n)
	}
}

func TestMetricsExposition(t *testing.T) {
	s := testServer(t, Config{})
	do(s, "POST", "/v1/image/compress?compressedWidth=10", "", jpegBytes(t, 40, 40))
	do(s, "POST", "/v1/image/compress", "", []byte("junk"))
	body := do(s, "GET", "/metrics", "", nil).Body.String()
	for _, want := range []string{
		`mediad_http_requests_total{code="200",route="compress"} 1`,
		`mediad_http_requests_total{code="415",route="compress"} 1`,
		`mediad_http_request_duration_seconds_bucket{route="compress"`,
		`mediad_decoded_pixels_total{route="compress"} 1600`,
		`mediad_http_request_bytes_total{route="compress"}`,
		`mediad_http_response_bytes_total{route="compress"}`,
		"mediad_jobs_in_flight 0",
		"mediad_queue_depth 0",
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// TestAssets: action-list image paths and script file reads resolve in the
// assets directory and nowhere else.
func TestAssets(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tile.png"), pngBytes(t, 4, 4), 0o644); err != nil {
		t.Fatal(err)
	}
	s := testServer(t, Config{Assets: dir})
	defer s.Close()
	pattern := func(p string) []byte {
		return []byte(`{"width":20,"height":20,"actions":[{"method":"setFillStyle","data":[{"type":"pattern","data":["` + p + `","repeat"]}]},{"method":"fillRect","data":[0,0,20,20]}]}`)
	}
	tests := []struct {
		name   string
		body   []byte
		status int
	}{
		{"pattern from assets", pattern("/tile.png"), 200},
		{"relative path", pattern("tile.png"), 200},
		{"missing file", pattern("nope.png"), 422},
		{"escape refused", pattern("../../../../etc/passwd"), 422},
		{"script reads an asset", renderBody(`const c = new OffscreenCanvas(2, 2); if (wx.getFileSystemManager().readFileSync('tile.png').byteLength < 10) throw new Error('short')`), 200},
		{"script cannot leave assets", renderBody(`new OffscreenCanvas(1, 1); wx.getFileSystemManager().readFileSync('../../../../etc/passwd')`), 422},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(s, "POST", "/v1/canvas/render", "application/json", tc.body)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body.String())
			}
		})
	}
}
