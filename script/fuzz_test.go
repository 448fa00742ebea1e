package script

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDecodeUTF8 checks the TextDecoder's UTF-8 decoder against its invariants:
// the output is valid UTF-8, valid input comes back unchanged, and streaming in
// two pieces gives the same text as decoding at once.
func FuzzDecodeUTF8(f *testing.F) {
	for _, s := range []string{"", "abc", "é€😀", "\xe2\x82", "\xf0\x9f\x98", "\xc0\xaf", "\xed\xa0\x80", "a\xffb", "\xef\xbb\xbfx"} {
		f.Add([]byte(s), 1)
	}
	f.Fuzz(func(t *testing.T, b []byte, cut int) {
		out, rest, bad := decodeUTF8(b, false)
		if rest != nil {
			t.Fatalf("non-stream decode left %q", rest)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", b)
		}
		if utf8.Valid(b) && (out != string(b) || bad) {
			t.Fatalf("valid input %q decoded to %q (bad=%v)", b, out, bad)
		}
		if cut < 0 {
			cut = -cut
		}
		cut %= len(b) + 1
		first, pending, _ := decodeUTF8(b[:cut], true)
		second, _, _ := decodeUTF8(append(append([]byte(nil), pending...), b[cut:]...), false)
		if first+second != out {
			t.Fatalf("streamed %q+%q != %q for %q cut at %d", first, second, out, b, cut)
		}
	})
}

// FuzzForgivingBase64 checks atob's decoder: whatever it accepts re-encodes to
// the same bytes, and everything btoa produces decodes.
func FuzzForgivingBase64(f *testing.F) {
	for _, s := range []string{"", "YQ", "YQ==", "aGVs bG8=", "a", "a===", "ab*c", "\n\tQUJD\f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := forgivingBase64Decode(s)
		if ok {
			again, ok2 := forgivingBase64Decode(base64.StdEncoding.EncodeToString(out))
			if !ok2 || !bytes.Equal(again, out) {
				t.Fatalf("%q decoded to %q which does not round-trip", s, out)
			}
		}
		back, ok := forgivingBase64Decode(base64.StdEncoding.EncodeToString([]byte(s)))
		if !ok || string(back) != s {
			t.Fatalf("btoa output of %q not decoded", s)
		}
	})
}

// FuzzRunString feeds arbitrary source to a runtime: it must return (an error or
// not) within its time limit and never panic.
func FuzzRunString(f *testing.F) {
	for _, s := range []string{"1", "console.log(%s)", "new OffscreenCanvas(2, 2).getContext('2d').fillRect(0, 0, 1, 1)",
		"Promise.reject(1)", "setTimeout(() => { throw 1 }, 0)", "(function f() { f() })()", "`${", "new Path2D('M0 0 A1 1 0 1 1 5 5')"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Contains(src, "while") || strings.Contains(src, "for") {
			t.Skip("loops are bounded by the time limit, covered by TestErrors")
		}
		r := New(Options{Timeout: 2 * time.Second, MaxCallStackSize: 500})
		_ = r.RunString(context.Background(), "fuzz.js", src)
	})
}

// FuzzSandboxPaths feeds arbitrary script paths to the sandbox: whatever the
// path, reading it gives either an error or a file that lives inside one of
// the sandbox's directories — never the secret next to them — and writing
// never lands outside the user data directory.
func FuzzSandboxPaths(f *testing.F) {
	for _, s := range []string{"a.txt", "/a.txt", "../secret", "../../secret", "wxfile://usr/../secret", "wxfile://usr/x/../../secret",
		"wxfile://tmp/../secret", "wxfile://usr", "wxfile://usr/", "wxfile://usrx/../secret", "./a.txt", "sub/../a.txt", "link", "wxfile://usr/link",
		"\x00", "wxfile://usr/\x00", "%2e%2e/secret", "..\\secret", "file:///etc/passwd", "/etc/passwd", "////a.txt", "wxfile://tmp//../../secret"} {
		f.Add(s)
	}
	base := f.TempDir()
	ro, usr := filepath.Join(base, "ro"), filepath.Join(base, "usr")
	for _, d := range []string{ro, usr} {
		if err := os.Mkdir(d, 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.Symlink("../secret", filepath.Join(d, "link")); err != nil {
			f.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(base, "secret"), []byte("SECRET"), 0o644); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ro, "a.txt"), []byte("public"), 0o644); err != nil {
		f.Fatal(err)
	}
	s := newSandbox(Options{AllowDirs: []string{ro}, UserDataDir: usr})
	f.Cleanup(func() { s.close() })
	f.Fuzz(func(t *testing.T, p string) {
		if data, err := s.readFile(p); err == nil && bytes.Contains(data, []byte("SECRET")) {
			t.Fatalf("read the secret through %q", p)
		}
		if loc, err := s.resolve(p, true); err == nil {
			if !loc.user {
				t.Fatalf("%q is writable outside the user directory", p)
			}
			if err := loc.root.WriteFile(loc.name, []byte("w"), 0o600); err == nil {
				loc.root.Remove(loc.name)
			}
		}
		if b, err := os.ReadFile(filepath.Join(base, "secret")); err != nil || string(b) != "SECRET" {
			t.Fatalf("the secret changed after %q", p)
		}
		if _, err := s.hostPath(p); err == nil {
			real, _ := filepath.EvalSymlinks(filepath.Join(base, "secret"))
			if hp, _ := s.hostPath(p); hp == real {
				t.Fatalf("host path of %q is the secret", p)
			}
		}
	})
}
