package script

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPathEscapesRefused reads /etc/passwd (and a secret next to the allowed
// directory) through every API that takes a path, with every trick: absolute,
// .., wxfile:// prefixes with .., file:// URLs, and symbolic links planted in
// the user data and the allowed directories. Each must fail, and no byte of the
// file may reach the script.
func TestPathEscapesRefused(t *testing.T) {
	base := t.TempDir()
	allowed := filepath.Join(base, "assets")
	usr := filepath.Join(base, "usr")
	for _, d := range []string{allowed, usr} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(base, "secret.txt")
	if err := os.WriteFile(secret, []byte("TOPSECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	for dir, links := range map[string]map[string]string{
		allowed: {"passwd": "/etc/passwd", "secret": secret, "up": "..", "rel": "../secret.txt"},
		usr:     {"passwd": "/etc/passwd", "secret": secret, "up": "..", "rel": "../secret.txt"},
	} {
		for name, target := range links {
			if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	paths := []string{
		"/etc/passwd", "../../../../../../etc/passwd", "etc/passwd", "file:///etc/passwd", "/proc/self/environ",
		"wxfile://usr/../../../../etc/passwd", "wxfile://tmp/../../../../etc/passwd", "wxfile://usr/passwd", "wxfile://usr/secret",
		"wxfile://usr/up/secret.txt", "wxfile://usr/rel", "passwd", "secret", "up/secret.txt", "rel", "../secret.txt",
		secret, allowed + "/../secret.txt", allowed + "/passwd", "wxfile://usr/\x00", "data:text/plain,not-a-font",
	}
	src := `
const paths = ` + jsStrings(paths) + `;
const fs = wx.getFileSystemManager();
const leaks = [];
let attempts = 0;
function check(label, v) {
  const s = typeof v === 'string' ? v : JSON.stringify(v, (k, x) => x instanceof ArrayBuffer ? Array.from(new Uint8Array(x)) : x);
  if (s && (s.includes('root:') || s.includes('TOPSECRET') || s.includes('84,79,80,83'))) leaks.push(label);
}
// Reads first: the destructive calls at the end may legitimately replace a
// link inside the user directory by a file of the script's own.
const apis = [
  (p) => wx.compressImage({src: p}), (p) => wx.cropImage({src: p, cropScale: '1:1'}), (p) => wx.getImageInfo({src: p}),
  (p) => wx.editImage({src: p}), (p) => wx.loadFontFace({family: 'x', source: 'url("' + p + '")'}),
  (p) => new Promise((res, rej) => { const i = new Image(); i.onload = () => res(i.width); i.onerror = rej; i.src = p; }),
  (p) => wx.getVideoInfo({src: p}),
  (p) => fs.readFile({filePath: p, encoding: 'utf8'}), (p) => fs.readFile({filePath: p}), (p) => fs.stat({path: p}),
  (p) => fs.access({path: p}), (p) => fs.readdir({dirPath: p}),
  (p) => fs.writeFile({filePath: p, data: 'x'}), (p) => fs.mkdir({dirPath: p + '/d'}), (p) => fs.unlink({filePath: p}),
];
const syncs = [(p) => fs.readFileSync(p, 'utf8'), (p) => fs.readFileSync(p), (p) => fs.statSync(p), (p) => fs.readdirSync(p)];
(async () => {
  for (const p of paths) {
    for (const [i, f] of syncs.entries()) {
      attempts++;
      try { check('sync ' + i + ' ' + p, f(p)); leaks.push('sync ' + i + ' succeeded on ' + p); } catch (e) { check('sync ' + i + ' ' + p, e.message); }
    }
    for (const [i, api] of apis.entries()) {
      attempts++;
      try {
        const r = await api(p);
        check('api ' + i + ' ' + p, r);
        if (i <= 8) leaks.push('api ' + i + ' succeeded on ' + p);
      } catch (e) { check('api ' + i + ' ' + p, e); }
    }
  }
  console.log(attempts, leaks.length ? leaks.join('; ') : 'no leaks');
})();`
	out, err := runWx(t, Options{AllowDirs: []string{allowed}, UserDataDir: usr}, src)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := strings.TrimSpace(out)
	if !strings.HasSuffix(want, " no leaks") {
		t.Fatalf("leaks: %s", out)
	}
	// The secret and the symlinks are still where they were: nothing was
	// written or removed through a link.
	if b, err := os.ReadFile(secret); err != nil || string(b) != "TOPSECRET" {
		t.Errorf("secret changed: %q %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(base, "d")); err == nil {
		t.Errorf("mkdir escaped the user directory")
	}
}

func jsStrings(ss []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\x00", `\0`).Replace(s) + "'")
	}
	b.WriteByte(']')
	return b.String()
}

// TestFetcherRefuses: without -allow-net nothing is fetched; allowed host names
// never reach private, loopback or link-local addresses (the metadata service
// at 169.254.169.254 included) unless explicitly allowed.
func TestFetcherRefuses(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Write([]byte("fetched"))
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	port := u.Port()

	tests := []struct {
		name  string
		opts  Options
		url   string
		allow bool
		has   string
	}{
		{"no network by default", Options{}, srv.URL + "/a", false, "network access is disabled"},
		{"metadata service", Options{AllowNet: []string{"*"}}, "http://169.254.169.254/latest/meta-data/", false, "private, loopback or link-local"},
		{"metadata service named", Options{AllowNet: []string{"metadata.test"}}, "http://169.254.169.254/", false, "not in the allowed hosts"},
		{"loopback through a wildcard", Options{AllowNet: []string{"*"}}, srv.URL, false, "private, loopback or link-local"},
		{"localhost name", Options{AllowNet: []string{"localhost"}}, "http://localhost:" + port + "/", false, "private, loopback or link-local"},
		{"host not listed", Options{AllowNet: []string{"example.com"}}, srv.URL, false, "not in the allowed hosts"},
		{"other scheme", Options{AllowNet: []string{"*"}}, "ftp://example.com/x", false, "scheme"},
		{"credentials", Options{AllowNet: []string{"*"}}, "https://u:p@example.com/", false, "credentials"},
		{"IP literal listed explicitly", Options{AllowNet: []string{"127.0.0.1"}}, srv.URL + "/ok", true, "fetched"},
		{"private allowed for names", Options{AllowNet: []string{"localhost"}, AllowPrivateNet: true}, "http://localhost:" + port + "/", true, "fetched"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := hits
			f := newFetcher(tc.opts)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			data, err := f.get(ctx, tc.url)
			if tc.allow {
				if err != nil || string(data) != tc.has {
					t.Fatalf("got %q, %v", data, err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrNetwork) || !strings.Contains(err.Error(), tc.has) {
				t.Fatalf("err %v, want ErrNetwork mentioning %q", err, tc.has)
			}
			if hits != before {
				t.Errorf("the server was reached")
			}
		})
	}
}

// TestRedirectToPrivateRefused: an allowed host cannot redirect into the
// private network.
func TestRedirectToPrivateRefused(t *testing.T) {
	inner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("inner")) }))
	defer inner.Close()
	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(inner.URL, "127.0.0.1", "localhost", 1), http.StatusFound)
	}))
	defer outer.Close()
	f := newFetcher(Options{AllowNet: []string{"127.0.0.1", "localhost"}})
	_, err := f.get(context.Background(), outer.URL)
	if err == nil || !strings.Contains(err.Error(), "private, loopback or link-local") {
		t.Fatalf("redirect to localhost: %v", err)
	}
}

func TestPublicAddr(t *testing.T) {
	tests := []struct {
		addr   string
		public bool
	}{
		{"8.8.8.8", true}, {"2606:4700::1111", true}, {"93.184.216.34", true},
		{"127.0.0.1", false}, {"10.1.2.3", false}, {"172.16.0.1", false}, {"192.168.1.1", false},
		{"169.254.169.254", false}, {"::1", false}, {"fe80::1", false}, {"fc00::1", false}, {"0.0.0.0", false},
		{"100.64.0.1", false}, {"::ffff:127.0.0.1", false}, {"::ffff:169.254.169.254", false}, {"224.0.0.1", false},
		{"64:ff9b::a9fe:a9fe", false}, {"255.255.255.255", false},
	}
	for _, tc := range tests {
		if got := publicAddr(netip.MustParseAddr(tc.addr)); got != tc.public {
			t.Errorf("publicAddr(%s) = %v, want %v", tc.addr, got, tc.public)
		}
	}
}

// TestScriptFetchesThroughTheFetcher: https sources of getImageInfo and
// loadFontFace go through the checked fetcher.
func TestScriptFetchesThroughTheFetcher(t *testing.T) {
	src := `
(async () => {
  for (const f of [() => wx.getImageInfo({src: 'http://169.254.169.254/latest/meta-data/iam'}),
                   () => wx.loadFontFace({family: 'x', source: 'url("https://169.254.169.254/font.ttf")'}),
                   () => wx.compressImage({src: 'https://example.com/a.jpg'})]) {
    console.log(await f().catch((e) => e.errMsg));
  }
})();`
	out, err := runWx(t, Options{}, src)
	if err != nil {
		t.Fatal(err)
	}
	want := "getImageInfo:fail network access refused: network access is disabled (allow hosts with -allow-net)\n" +
		"loadFontFace:fail network access refused: network access is disabled (allow hosts with -allow-net)\n" +
		"compressImage:fail invalid src: network URLs are not accepted here, download the image first\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
