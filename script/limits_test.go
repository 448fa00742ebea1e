package script

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestHostileScripts: each script attacks one limit; each must end (or be
// refused) quickly with a clear error, and the process must stay healthy for the
// next job.
func TestHostileScripts(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		src    string
		kind   Kind   // "" means the script must finish normally
		is     error  // sentinel of the error, when kind is set
		stdout string // exact stdout, when the script finishes
		has    string // substring of the error message
	}{
		{name: "infinite loop", src: `for (;;) {}`, kind: KindTimeout, is: ErrTimeout},
		{name: "infinite loop in a wx callback", src: `wx.canvasToTempFilePath({canvas: new OffscreenCanvas(1, 1), success() { for (;;) {} }})`,
			kind: KindTimeout, is: ErrTimeout},
		{name: "endless animation frames", src: `const c = new OffscreenCanvas(1, 1); (function f() { c.requestAnimationFrame(f) })()`,
			kind: KindTimeout, is: ErrTimeout},
		{name: "deep recursion", opts: Options{MaxCallStackSize: 1000}, src: `function f(n) { return f(n + 1) + 1 } f(0)`,
			kind: KindStackDepth, is: ErrStackOverflow},
		{name: "exponential string", src: `let s = 'x'; for (;;) s += s;`, kind: KindMemory, is: ErrMemoryLimit, has: "memory limit"},
		{name: "exponential string of pairs", src: `let s = ['ab']; for (;;) { s = [s.join(''), s.join('')]; }`, kind: KindMemory, is: ErrMemoryLimit},
		{name: "growing array", src: `const a = []; for (let i = 0; ; i++) a.push({i, s: 'x' + i});`, kind: KindMemory, is: ErrMemoryLimit},
		{name: "growing map of buffers", src: `const m = new Map(); for (let i = 0; ; i++) m.set(i, new Uint8Array(4096));`, kind: KindMemory, is: ErrMemoryLimit},
		{name: "huge allocations in one call are refused before they happen",
			src: `for (const f of [() => new Uint8Array(2 ** 31), () => new ArrayBuffer(2 ** 40), () => new Float64Array(1e9), () => 'ab'.repeat(2 ** 29),
  () => ''.padEnd(2 ** 30), () => new Array(1e9).fill(0), () => Array.from({length: 1e9}), () => new Array(1e8).join('xyz'),
  () => new OffscreenCanvas(16000, 16000), () => new ImageData(8000, 8000), () => new OffscreenCanvas(1, 1).getContext('2d').getImageData(0, 0, 10000, 10000)]) {
  try { f(); console.log('allocated') } catch (e) { console.log(e.name) }
}
console.log(new Uint8Array(1000).length, 'ab'.repeat(3), new Uint8ClampedArray([1, 2]).constructor === Uint8ClampedArray, new Float32Array(2) instanceof Float32Array);`,
			stdout: strings.Repeat("RangeError\n", 11) + "1000 ababab true true\n"},
		{name: "huge canvas export", src: `const c = new OffscreenCanvas(100, 100); wx.canvasToTempFilePath({canvas: c, destWidth: 16000, destHeight: 16000}).catch(e => console.log(e.errMsg.slice(0, 26)))`,
			stdout: "canvasToTempFilePath:fail \n"},
		{name: "filling the user data directory", opts: Options{MaxUserDataBytes: 1 << 20},
			src: `const fs = wx.getFileSystemManager(); const d = new Uint8Array(100000).buffer;
try { for (let i = 0; ; i++) fs.writeFileSync(wx.env.USER_DATA_PATH + '/f' + i, d) } catch (e) { console.log(e.message) }`,
			stdout: "writeFileSync:fail the maximum size of the user data directory has been reached (1048576 bytes)\n"},
		{name: "no require, no process", src: `console.log(typeof require, typeof process, typeof module, typeof fetch, typeof XMLHttpRequest)`,
			stdout: "undefined undefined undefined undefined undefined\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			if opts.Timeout == 0 {
				opts.Timeout = 2 * time.Second
			}
			if opts.MaxMemory == 0 {
				opts.MaxMemory = 96 << 20
			}
			start := time.Now()
			out, err := runWx(t, opts, tc.src)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			if tc.kind == "" {
				if err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				if out != tc.stdout {
					t.Errorf("stdout\n got %q\nwant %q", out, tc.stdout)
				}
				return
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("want *Error, got %T %v", err, err)
			}
			if se.Kind != tc.kind || !errors.Is(err, tc.is) {
				t.Errorf("got %q (%v), want %q", se.Kind, err, tc.kind)
			}
			if tc.has != "" && !strings.Contains(err.Error(), tc.has) {
				t.Errorf("error %q lacks %q", err, tc.has)
			}
		})
	}
	// Healthy afterwards: memory comes back and a normal job runs.
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > 300<<20 {
		t.Errorf("heap %d MiB after the hostile scripts", ms.HeapAlloc>>20)
	}
	out, err := runWx(t, Options{}, `const c = new OffscreenCanvas(10, 10); c.getContext('2d').fillRect(0, 0, 5, 5); wx.canvasToTempFilePath({canvas: c}).then(r => console.log(r.errMsg))`)
	if err != nil || out != "canvasToTempFilePath:ok\n" {
		t.Errorf("normal job after the hostile ones: %q %v", out, err)
	}
}

// TestMemoryLimitOff: a negative MaxMemory disables the guard (and its
// wrappers).
func TestMemoryLimitOff(t *testing.T) {
	out, err := runWx(t, Options{MaxMemory: -1}, `console.log(new Uint8Array(4 << 20).length, Uint8Array.name)`)
	if err != nil || out != "4194304 Uint8Array\n" {
		t.Fatalf("%q %v", out, err)
	}
}

// TestCanIUseTableIsTrue keeps wx.canIUse honest: every schema in the table
// names something a script can reach, and every async API reads exactly the
// options it declares (the table's object.* entries), as a Proxy over its
// option object records.
func TestCanIUseTableIsTrue(t *testing.T) {
	var out strings.Builder
	r := New(Options{Timeout: 10 * time.Second, Stdout: &out})
	defer r.Close()
	caps := r.Capabilities()
	if len(caps) < 100 {
		t.Fatalf("only %d capabilities", len(caps))
	}
	src := `
const fsm = wx.getFileSystemManager();
function reach(schema) {
  const p = schema.split('.');
  let base;
  if (p[0] === 'FileSystemManager') base = fsm;
  else if (p[0] in wx) base = wx[p[0]];
  else if (p[0] in globalThis) base = globalThis[p[0]];
  else return false;
  if (p.length === 1) return base !== undefined;
  if (['object', 'success', 'return'].includes(p[1])) return typeof base === 'function';
  const holder = typeof base === 'function' && base.prototype ? base.prototype : base;
  return p.length === 2 && p[1] in holder;
}
const bad = caps.filter((s) => !reach(s));
console.log(bad.length ? 'unreachable: ' + bad.join(', ') : 'all reachable');
`
	if err := r.VM().Set("caps", caps); err != nil {
		t.Fatal(err)
	}
	if err := r.RunString(context.Background(), "caps.js", src); err != nil {
		t.Fatal(err)
	}
	if out.String() != "all reachable\n" {
		t.Error(out.String())
	}

	// Options read by each API, called with complete, valid option objects.
	out.Reset()
	src = `
const c = new OffscreenCanvas(20, 10);
const d = wx.env.USER_DATA_PATH;
function recorded(obj) {
  const seen = new Set();
  return [new Proxy(obj, {get(t, k) { if (typeof k === 'string') seen.add(k); return t[k]; }, has(t, k) { seen.add(k); return k in t; }}), seen];
}
(async () => {
  const img = (await wx.canvasToTempFilePath({canvas: c, fileType: 'jpg'})).tempFilePath;
  fsm.writeFileSync(d + '/f', 'x');
  const calls = {
    canvasToTempFilePath: [{canvas: c, x: 0, y: 0, width: 10, height: 10, destWidth: 5, destHeight: 5, fileType: 'png', quality: 1}, {canvasId: 'none'}],
    canvasGetImageData: [{canvas: c, x: 0, y: 0, width: 1, height: 1}, {canvasId: 'none'}],
    canvasPutImageData: [{canvas: c, data: new Uint8ClampedArray(4), x: 0, y: 0, width: 1, height: 1}, {canvasId: 'none'}],
    loadFontFace: [{global: false, family: 'f', source: 'url("missing.ttf")', desc: {}, scopes: ['native']}],
    compressImage: [{src: img, quality: 50, compressedWidth: 4, compressedHeight: 2}],
    cropImage: [{src: img, cropScale: '1:1', rect: {x: 0, y: 0, width: 10, height: 10}, gravity: 'centre'}],
    getImageInfo: [{src: img}],
    editImage: [{src: img, ops: []}],
    getVideoInfo: [{src: 'none.mp4'}],
  };
  const problems = [];
  const declared = (api, owner) => caps.filter((s) => s.startsWith(owner + api + '.object.')).map((s) => s.split('.')[owner ? 3 : 2]);
  async function check(api, owner, fn, objs) {
    const want = new Set(declared(api, owner === 'FileSystemManager' ? 'FileSystemManager.' : ''));
    const seen = new Set();
    for (const o of objs) {
      const [p, s] = recorded(o);
      await fn(p).catch(() => {});
      for (const k of s) seen.add(k);
    }
    for (const k of seen) if (!want.has(k)) problems.push(api + ' reads undeclared ' + k);
    for (const k of want) if (!seen.has(k) && !['success', 'fail', 'complete'].includes(k)) problems.push(api + ' never reads declared ' + k);
  }
  for (const [api, objs] of Object.entries(calls)) await check(api, '', (o) => wx[api](o), objs);
  console.log(problems.length ? problems.join('\n') : 'declarations match');
})();`
	if err := r.RunString(context.Background(), "opts.js", src); err != nil {
		t.Fatal(err)
	}
	if out.String() != "declarations match\n" {
		t.Error(out.String())
	}
}

// TestFileReadsChargeMemory: reading a file larger than what is left of the
// memory limit fails before the buffer exists.
func TestFileReadsChargeMemory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.bin"), make([]byte, 8<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	src := `const fs = wx.getFileSystemManager();
try { fs.readFileSync('big.bin'); console.log('read') } catch (e) { console.log(e.message.replace(/\d+/g, 'N')) }
fs.readFile({filePath: 'big.bin', fail: (e) => console.log(e.errMsg.replace(/\d+/g, 'N'))});`
	out, err := runWx(t, Options{AllowDirs: []string{dir}, MaxMemory: 4 << 20}, src)
	if err != nil {
		t.Fatal(err)
	}
	want := "readFileSync:fail Array buffer allocation failed: N bytes is over the memory limit (N MiB)\n" +
		"readFile:fail Array buffer allocation failed: N bytes is over the memory limit (N MiB)\n"
	if out != want {
		t.Errorf("got %q", out)
	}
}
