package server

import (
	"bytes"
	"errors"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzParseQuery: any query string either parses or is refused with a ParamError;
// values that parse stay inside their declared ranges and enums.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"", "quality=80&compressedWidth=100", "format=jpg", "quality=1e400", "quality=-0",
		"cropScale=16:9&gravity=attention", "x=1&y=2&width=3&height=4", "ops=%5B%5D",
		"ops=%5B%7B%22op%22%3A%22rotate%22%7D%5D", "upscale&precise=0", "a=%ff%fe", "quality=0x10",
	} {
		for _, op := range []string{"compress", "crop", "edit", "info"} {
			f.Add(op, s)
		}
	}
	f.Fuzz(func(t *testing.T, id, raw string) {
		op := Lookup(id)
		if op == nil {
			return
		}
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		a, err := op.ParseQuery(q)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param == "" {
				t.Fatalf("error %v is not a named ParamError", err)
			}
			if len(pe.Reason) > 300 {
				t.Fatalf("error message of %d bytes echoes the input", len(pe.Reason))
			}
			return
		}
		checkArgs(t, op, a)
	})
}

// FuzzParseJSON does the same for JSON bodies.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{"script":"new OffscreenCanvas(1,1)"}`, `{"width":10,"height":10,"actions":[]}`,
		`{"fileType":"jpg","quality":0.5,"script":""}`, `{"width":1e400}`, `{"width":-0}`, `{}`, `[]`, `null`,
		`{"image":"AAAA","ops":[{"op":"blur","sigma":1}]}`, `{"a":1,"a":2}`, `{"script":"\u0000"}`, `{"width":1.0000000000000002}`,
	} {
		f.Add("render", []byte(s))
		f.Add("edit", []byte(s))
	}
	f.Fuzz(func(t *testing.T, id string, body []byte) {
		op := Lookup(id)
		if op == nil {
			return
		}
		a, err := op.ParseJSON(body)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param == "" {
				t.Fatalf("error %v is not a named ParamError", err)
			}
			return
		}
		checkArgs(t, op, a)
	})
}

func checkArgs(t *testing.T, op *Operation, a Args) {
	t.Helper()
	for _, p := range op.Params {
		v, ok := a.vals[p.Name]
		if !ok {
			continue
		}
		switch p.Type {
		case Integer:
			n := float64(v.(int64))
			if p.HasRange && (n < p.Min || n > p.Max) {
				t.Fatalf("%s = %v outside %v..%v", p.Name, n, p.Min, p.Max)
			}
		case Number:
			n := v.(float64)
			if p.HasRange && !(n >= p.Min && n <= p.Max) {
				t.Fatalf("%s = %v outside %v..%v", p.Name, n, p.Min, p.Max)
			}
		case String:
			s := v.(string)
			if len(p.Enum) > 0 {
				found := false
				for _, e := range p.Enum {
					found = found || e == s
				}
				if !found {
					t.Fatalf("%s = %q not in %v", p.Name, s, p.Enum)
				}
			}
		}
	}
}

// FuzzHandler sends arbitrary queries and bodies to the image and render
// endpoints: the answer is never a 5xx, and errors are always the JSON shape.
func FuzzHandler(f *testing.F) {
	jpg := jpegBytes(f, 24, 16)
	pngb := pngBytes(f, 16, 16)
	f.Add("/v1/image/compress", "compressedWidth=8", "", jpg)
	f.Add("/v1/image/crop", "cropScale=1:1&gravity=attention", "", pngb)
	f.Add("/v1/image/crop", "x=0&y=0&width=8&height=8", "", jpg[:len(jpg)/2])
	f.Add("/v1/image/info", "", "", pngb[:40])
	f.Add("/v1/image/edit", "ops=%5B%7B%22op%22%3A%22sharpen%22%7D%5D", "", jpg)
	f.Add("/v1/image/edit", "", "application/json", []byte(`{"image":"AAAA"}`))
	f.Add("/v1/canvas/render", "", "application/json", []byte(`{"script":"new OffscreenCanvas(2,2)"}`))
	f.Add("/v1/canvas/render", "", "", []byte(`{"actions":[],"width":5}`))
	f.Add("/v1/image/compress", "", "", hugePNG(1<<31-1, 1<<31-1))
	f.Add("/v1/canvas/render", "", "application/json", []byte(`{"width":40,"height":30,"pixelRatio":1.5,"actions":[{"method":"setFillStyle","data":[{"type":"linear","data":[0,0,40,0],"colorStop":[[0,"red"],[1,"blue"]]}]},{"method":"fillRect","data":[0,0,40,30]}]}`))
	f.Add("/v1/canvas/render", "", "application/json", []byte(`{"actions":[{"method":"arc","data":[1e308,0,1,0,7]},{"method":"stroke","data":[]}]}`))
	f.Add("/v1/image/edit", "ops=%5B%7B%22op%22%3A%22crop%22%2C%22rect%22%3A%7B%22x%22%3A1%2C%22y%22%3A1%2C%22width%22%3A4%2C%22height%22%3A4%7D%7D%5D", "", pngb)
	s := testServer(f, Config{Timeout: 5e9, ScriptTimeout: 2e8, MaxBody: 1 << 20, MaxPixels: 1 << 20, MaxCanvasSide: 256, MaxCanvasPixels: 1 << 16})
	f.Fuzz(func(t *testing.T, path, query, ctype string, body []byte) {
		if len(path) == 0 || path[0] != '/' || len(query) > 4096 {
			return
		}
		// Built by hand: httptest.NewRequest would refuse some of these targets
		// before the server could.
		req := httptest.NewRequest("POST", "/", bytes.NewReader(body))
		req.URL = &url.URL{Path: path, RawQuery: query}
		req.Header.Set("Content-Type", ctype)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != 503 {
			t.Fatalf("%s?%s: %d %s", path, query, rec.Code, rec.Body.String())
		}
		if rec.Code >= 400 {
			errorOf(t, rec)
		}
		if rec.Code == 200 && bytes.HasPrefix(rec.Body.Bytes(), []byte(`{"error"`)) {
			t.Fatal("200 with an error body")
		}
	})
}
