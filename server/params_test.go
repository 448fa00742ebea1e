package server

import (
	"errors"
	"flag"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseQuery(t *testing.T) {
	compress, crop, edit := Lookup("compress"), Lookup("crop"), Lookup("edit")
	tests := []struct {
		name    string
		op      *Operation
		query   string
		errName string // the parameter the error must name; "" = no error
		check   func(Args) bool
	}{
		{"defaults", compress, "", "", func(a Args) bool {
			return a.Int("quality") == 80 && a.String("filter") == "lanczos3" && !a.Has("quality")
		}},
		{"integer", compress, "quality=55", "", func(a Args) bool { return a.Int("quality") == 55 && a.Has("quality") }},
		{"integer with spaces", compress, "quality=+55", "", func(a Args) bool { return a.Int("quality") == 55 }},
		{"integer below range", compress, "quality=0", "quality", nil},
		{"integer above range", compress, "quality=101", "quality", nil},
		{"integer overflow", compress, "quality=99999999999999999999", "quality", nil},
		{"float for integer", compress, "quality=5.5", "quality", nil},
		{"enum case-insensitive", compress, "format=WEBP", "", func(a Args) bool { return a.String("format") == "webp" }},
		{"enum alias", compress, "format=jpg", "", func(a Args) bool { return a.String("format") == "jpeg" }},
		{"enum refused", compress, "format=heic", "format", nil},
		{"boolean bare", compress, "upscale", "", func(a Args) bool { return a.Bool("upscale") }},
		{"boolean false", compress, "upscale=false", "", func(a Args) bool { return !a.Bool("upscale") && a.Has("upscale") }},
		{"boolean refused", compress, "upscale=maybe", "upscale", nil},
		{"unknown", compress, "size=1", "size", nil},
		{"repeated", compress, "format=png&format=png", "format", nil},
		{"check function", crop, "cropScale=16:0", "cropScale", nil},
		{"check passes", crop, "cropScale=16:9", "", func(a Args) bool { return a.String("cropScale") == "16:9" }},
		{"max length", crop, "cropScale=" + strings.Repeat("1", 40) + ":1", "cropScale", nil},
		{"gravity alias", crop, "gravity=center", "", func(a Args) bool { return a.String("gravity") == "centre" }},
		{"array", edit, "ops=" + url.QueryEscape(`[{"op":"rotate"}]`), "", func(a Args) bool { return string(a.Raw("ops")) == `[{"op":"rotate"}]` }},
		{"array refused", edit, "ops=" + url.QueryEscape(`{"op":"rotate"}`), "ops", nil},
		{"array broken", edit, "ops=" + url.QueryEscape(`[{"op":`), "ops", nil},
		{"JSON-only member in query", edit, "image=AAAA", "image", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := url.ParseQuery(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			a, err := tc.op.ParseQuery(q)
			if tc.errName != "" {
				var pe *ParamError
				if !errors.As(err, &pe) || pe.Param != tc.errName {
					t.Fatalf("error %v, want one naming %q", err, tc.errName)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(a) {
				t.Errorf("values %v", a.vals)
			}
		})
	}
}

func TestParseJSON(t *testing.T) {
	render := Lookup("render")
	tests := []struct {
		name    string
		body    string
		errName string
		check   func(Args) bool
	}{
		{"defaults", `{"script":"x"}`, "", func(a Args) bool {
			return a.Int("width") == 300 && a.Int("height") == 150 && a.String("fileType") == "png" && a.String("script") == "x"
		}},
		{"integer written as float", `{"width":100.0,"actions":[]}`, "", func(a Args) bool { return a.Int("width") == 100 }},
		{"integer exponent", `{"width":1e2,"actions":[]}`, "", func(a Args) bool { return a.Int("width") == 100 }},
		{"fraction refused", `{"width":100.5}`, "width", nil},
		{"huge refused", `{"width":1e400}`, "width", nil},
		{"string for number", `{"quality":"0.5"}`, "quality", nil},
		{"number in range", `{"quality":0.25,"script":""}`, "", func(a Args) bool { return a.Float("quality") == 0.25 }},
		{"number out of range", `{"quality":2}`, "quality", nil},
		{"null", `{"script":null}`, "script", nil},
		{"array", `{"actions":[{"method":"fill"}]}`, "", func(a Args) bool { return strings.Contains(string(a.Raw("actions")), "fill") }},
		{"array as string", `{"actions":"[]"}`, "actions", nil},
		{"enum alias", `{"fileType":"JPEG","script":""}`, "", func(a Args) bool { return a.String("fileType") == "jpg" }},
		{"not an object", `"x"`, "body", nil},
		{"empty", ``, "body", nil},
		{"unterminated", `{"script":"x"`, "body", nil},
		{"trailing", `{"script":"x"}x`, "body", nil},
		{"unknown member", `{"Script":"x"}`, "Script", nil},
		{"duplicate", `{"width":1,"width":2}`, "width", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := render.ParseJSON([]byte(tc.body))
			if tc.errName != "" {
				var pe *ParamError
				if !errors.As(err, &pe) || pe.Param != tc.errName {
					t.Fatalf("error %v, want one naming %q", err, tc.errName)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(a) {
				t.Errorf("values %v", a.vals)
			}
		})
	}
}

// TestFlagsMatchQuery: the same declaration gives flags that parse to what the same
// query string parses to.
func TestFlagsMatchQuery(t *testing.T) {
	op := Lookup("edit")
	fs := flag.NewFlagSet("edit", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	args := op.Flags(fs)
	if fs.Lookup("image") != nil {
		t.Error("JSON-only parameter became a flag")
	}
	if err := fs.Parse([]string{"-quality", "70", "-format", "jpg", "-ops", `[{"op":"flip","direction":"horizontal"}]`}); err != nil {
		t.Fatal(err)
	}
	fromFlags, err := args()
	if err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery("quality=70&format=jpg&ops=" + url.QueryEscape(`[{"op":"flip","direction":"horizontal"}]`))
	fromQuery, err := op.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	if fromFlags.canonical() != fromQuery.canonical() {
		t.Errorf("flags %q, query %q", fromFlags.canonical(), fromQuery.canonical())
	}
	fs2 := flag.NewFlagSet("edit", flag.ContinueOnError)
	fs2.SetOutput(io.Discard)
	args2 := op.Flags(fs2)
	if err := fs2.Parse([]string{"-quality", "700"}); err != nil {
		t.Fatal(err)
	}
	var pe *ParamError
	if _, err := args2(); !errors.As(err, &pe) || pe.Param != "quality" {
		t.Errorf("bad flag value: %v", err)
	}
}

func TestConfigFlagsAndEnv(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(Config) bool
		bad   bool
	}{
		{"defaults", nil, nil, func(c Config) bool { return c == DefaultConfig() }, false},
		{"flags", []string{"-max-body", "1M", "-jobs", "3", "-timeout", "5s", "-max-pixels", "1_000_000"}, nil, func(c Config) bool {
			return c.MaxBody == 1<<20 && c.Jobs == 3 && c.Timeout == 5*time.Second && c.MaxPixels == 1_000_000
		}, false},
		{"environment", nil, map[string]string{"MEDIAD_QUEUE": "7", "MEDIAD_SCRIPT_MEMORY": "256MiB", "MEDIAD_QUEUE_TIMEOUT": "250ms"}, func(c Config) bool {
			return c.Queue == 7 && c.ScriptMemory == 256<<20 && c.QueueTimeout == 250*time.Millisecond
		}, false},
		{"flag beats environment", []string{"-jobs", "2"}, map[string]string{"MEDIAD_JOBS": "9"}, func(c Config) bool { return c.Jobs == 2 }, false},
		{"memory guard off", []string{"-script-memory", "-1"}, nil, func(c Config) bool { return c.ScriptMemory == -1 }, false},
		{"bad flag", []string{"-max-body", "lots"}, nil, nil, true},
		{"negative duration", []string{"-timeout", "-1s"}, nil, nil, true},
		{"bad environment", nil, map[string]string{"MEDIAD_JOBS": "many"}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			cfg.RegisterFlags(fs)
			err := fs.Parse(tc.args)
			if err == nil {
				err = cfg.ApplyEnv(fs, func(k string) string { return tc.env[k] })
			}
			if tc.bad {
				if err == nil {
					t.Fatal("accepted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(cfg) {
				t.Errorf("config %+v", cfg)
			}
		})
	}
	for _, s := range Settings() {
		if !strings.HasPrefix(s.Env, "MEDIAD_") || s.Help == "" {
			t.Errorf("setting %+v", s)
		}
	}
}

func TestSizeValue(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{"1024", 1024, false}, {"32M", 32 << 20, false}, {"32MiB", 32 << 20, false}, {"1g", 1 << 30, false},
		{"64k", 64 << 10, false}, {"-1", -1, false}, {"", 0, true}, {"M", 0, true}, {"-2", 0, true},
		{"99999999999G", 0, true}, {"1.5M", 0, true},
	}
	for _, tc := range tests {
		var v sizeValue
		err := v.Set(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && int64(v) != tc.want) {
			t.Errorf("Set(%q) = %d, %v", tc.in, v, err)
		}
	}
	v := sizeValue(32 << 20)
	if v.String() != "32M" {
		t.Errorf("String %q", v.String())
	}
}

func TestConfigNormalized(t *testing.T) {
	tests := []struct {
		name      string
		in        Config
		jobs, que int
	}{
		{"zero queue is 8×jobs", Config{Jobs: 3}, 3, 24},
		{"negative queue is none", Config{Jobs: 2, Queue: -1}, 2, 0},
		{"explicit queue", Config{Jobs: 1, Queue: 5}, 1, 5},
	}
	for _, tc := range tests {
		c := tc.in.normalized()
		if c.Jobs != tc.jobs || c.Queue != tc.que {
			t.Errorf("%s: jobs %d queue %d", tc.name, c.Jobs, c.Queue)
		}
		if c.MaxBody != 32<<20 || c.MaxPixels != 50_000_000 || c.Timeout <= 0 {
			t.Errorf("%s: defaults not applied: %+v", tc.name, c)
		}
	}
}
