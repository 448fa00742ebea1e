package script

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/goregular"
)

// runWx runs src in a runtime with opts and closes it; stdout and the error.
func runWx(t *testing.T, opts Options, src string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	opts.Stdout = &out
	if opts.Timeout == 0 {
		opts.Timeout = 20 * time.Second
	}
	r := New(opts)
	defer r.Close()
	err := r.RunString(context.Background(), "wx.js", src)
	return out.String(), err
}

func TestWxAPIs(t *testing.T) {
	fontDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(fontDir, "go.ttf"), goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts Options
		src  string
		want string
	}{
		{name: "callbacks run after the caller, success then complete",
			src: `const c = wx.createOffscreenCanvas({type: '2d', width: 4, height: 4});
wx.canvasToTempFilePath({canvas: c, success: (r) => console.log('success', r.errMsg, r.tempFilePath.startsWith('wxfile://tmp/')),
  complete: (r) => console.log('complete', r.errMsg)});
console.log('after call');`,
			want: "after call\nsuccess canvasToTempFilePath:ok true\ncomplete canvasToTempFilePath:ok\n"},
		{name: "fail and complete get the fail object",
			src:  `wx.canvasToTempFilePath({canvasId: 'nope', fail: (r) => console.log(r.errMsg), complete: (r) => console.log('c', r.errMsg)})`,
			want: "canvasToTempFilePath:fail canvas \"nope\" not found\nc canvasToTempFilePath:fail canvas \"nope\" not found\n"},
		{name: "no callback: a Promise resolved with the success object, rejected with the fail object",
			src: `const c = new OffscreenCanvas(2, 2);
const p = wx.canvasToTempFilePath({canvas: c});
console.log(p instanceof Promise);
p.then((r) => console.log(r.errMsg));
wx.canvasToTempFilePath({canvas: c, width: 0}).catch((r) => console.log(r.errMsg));`,
			want: "true\ncanvasToTempFilePath:ok\ncanvasToTempFilePath:fail width is 0: the region has no pixels\n"},
		{name: "a bad argument is a parameter error through fail",
			src: `wx.canvasToTempFilePath({canvas: {}}).catch((r) => console.log(r.errMsg));
wx.canvasGetImageData({canvas: new OffscreenCanvas(1, 1), x: 0, y: 0, width: 1}).catch((r) => console.log(r.errMsg));`,
			want: "canvasToTempFilePath:fail parameter error: parameter.canvas is not a canvas\ncanvasGetImageData:fail parameter error: parameter.height should be Number instead of Undefined\n"},
		{name: "canvasToTempFilePath options: region, dest size, jpg",
			src: `const c = new OffscreenCanvas(40, 30);
const x = c.getContext('2d'); x.fillStyle = 'red'; x.fillRect(0, 0, 40, 30);
(async () => {
  const a = await wx.canvasToTempFilePath({canvas: c, x: 10, y: 5, width: 20, height: 10, destWidth: 40, destHeight: 20, fileType: 'jpg', quality: 0.5});
  const i = await wx.getImageInfo({src: a.tempFilePath});
  console.log(i.width, i.height, i.type, a.tempFilePath.endsWith('.jpg'));
  const b = await wx.canvasToTempFilePath({canvas: c});
  const j = await wx.getImageInfo({src: b.tempFilePath});
  console.log(j.width, j.height, j.type, j.orientation);
})();`,
			want: "40 20 jpeg true\n40 30 png up\n"},
		{name: "canvasGetImageData and canvasPutImageData round trip",
			src: `const c = new OffscreenCanvas(4, 4);
const data = new Uint8ClampedArray(2 * 2 * 4).fill(200);
(async () => {
  await wx.canvasPutImageData({canvas: c, data, x: 1, y: 1, width: 2, height: 2});
  const r = await wx.canvasGetImageData({canvas: c, x: 0, y: 0, width: 3, height: 3});
  console.log(r.width, r.height, r.data.length, r.data[0], r.data[(1 * 3 + 1) * 4], r.data instanceof Uint8ClampedArray);
  const e = await wx.canvasPutImageData({canvas: c, data, x: 0, y: 0, width: 3, height: 3}).catch((e) => e.errMsg);
  console.log(e);
})();`,
			want: "3 3 36 0 200 true\ncanvasPutImageData:fail data has 16 bytes, want width × height × 4 for 3x3\n"},
		{name: "requestAnimationFrame runs on the virtual 60 Hz clock; cancel works",
			src: `const c = wx.createOffscreenCanvas({type: '2d', width: 1, height: 1});
let n = 0; const ts = [];
function frame(t) { ts.push(t.toFixed(2)); if (++n < 3) c.requestAnimationFrame(frame); else console.log(ts.join(' ')); }
c.requestAnimationFrame(frame);
const id = c.requestAnimationFrame(() => console.log('cancelled frame ran'));
c.cancelAnimationFrame(id);`,
			want: "16.67 33.33 50.00\n"},
		{name: "loadFontFace from an allowed directory",
			opts: Options{AllowDirs: []string{fontDir}},
			src: `wx.loadFontFace({family: 'GoTestFace', source: 'url("go.ttf")', success: (r) => console.log(r.status, r.errMsg)});
wx.loadFontFace({family: 'X', source: 'url("missing.ttf")', fail: (r) => console.log(r.errMsg)});`,
			want: "loaded loadFontFace:ok\nloadFontFace:fail no such file or directory: missing.ttf\n"},
		{name: "image pipeline: compress, crop, edit, info",
			src: `const c = new OffscreenCanvas(200, 100);
const x = c.getContext('2d'); x.fillStyle = '#3366cc'; x.fillRect(0, 0, 200, 100);
(async () => {
  const {tempFilePath} = await wx.canvasToTempFilePath({canvas: c, fileType: 'jpg'});
  const small = await wx.compressImage({src: tempFilePath, quality: 60, compressedWidth: 50});
  const a = await wx.getImageInfo({src: small.tempFilePath});
  const sq = await wx.cropImage({src: tempFilePath, cropScale: '1:1'});
  const b = await wx.getImageInfo({src: sq.tempFilePath});
  const ed = await wx.editImage({src: tempFilePath, ops: [{op: 'rotate', degrees: 90}]});
  const d = await wx.getImageInfo({src: ed.tempFilePath});
  console.log(a.width, a.height, a.type, b.width, b.height, d.width, d.height);
  const bad = await wx.compressImage({src: tempFilePath, quality: 120}).catch((e) => e.errMsg);
  console.log(bad);
  const missing = await wx.compressImage({src: 'nothere.jpg'}).catch((e) => e.errMsg);
  console.log(missing);
})();`,
			want: "50 25 jpeg 100 100 100 200\ncompressImage:fail quality: 120 must be between 0 and 100\ncompressImage:fail no such file or directory: nothere.jpg\n"},
		{name: "base64 helpers",
			src:  `console.log(wx.arrayBufferToBase64(new Uint8Array([11, 22, 33])), wx.arrayBufferToBase64(new Uint8Array([11, 22, 33]).buffer), Array.from(new Uint8Array(wx.base64ToArrayBuffer('CxYh'))).join(','), wx.base64ToArrayBuffer('CxYh') instanceof ArrayBuffer)`,
			want: "CxYh CxYh 11,22,33 true\n"},
		{name: "file system manager, Sync forms",
			src: `const fs = wx.getFileSystemManager(); const d = wx.env.USER_DATA_PATH;
fs.mkdirSync(d + '/a/b', true);
fs.writeFileSync(d + '/a/b/t.txt', 'héllo', 'utf8');
console.log(fs.readFileSync(d + '/a/b/t.txt', 'utf8'), fs.readFileSync(d + '/a/b/t.txt', 'base64'), fs.readFileSync(d + '/a/b/t.txt').byteLength);
const st = fs.statSync(d + '/a/b/t.txt'); console.log(st.size, st.isFile(), st.isDirectory(), fs.statSync(d + '/a').isDirectory());
console.log(fs.readdirSync(d + '/a/b').join(','));
fs.accessSync(d + '/a/b/t.txt');
fs.unlinkSync(d + '/a/b/t.txt');
try { fs.accessSync(d + '/a/b/t.txt') } catch (e) { console.log(e.message) }
try { fs.writeFileSync('x.txt', 'no') } catch (e) { console.log(e.message) }
fs.writeFileSync(d + '/bin', new Uint8Array([1, 2, 3]).buffer);
console.log(fs.readFileSync(d + '/bin', 'hex'), fs.readFileSync(d + '/bin', undefined, 1, 2).byteLength, d);`,
			want: "héllo aMOpbGxv 6\n6 true false true\nt.txt\naccessSync:fail no such file or directory: wxfile://usr/a/b/t.txt\nwriteFileSync:fail permission denied: only wxfile://usr is writable\n010203 2 wxfile://usr\n"},
		{name: "file system manager, callback forms",
			src: `const fs = wx.getFileSystemManager(); const d = wx.env.USER_DATA_PATH;
fs.writeFile({filePath: d + '/f', data: 'abc', success: (r) => {
  console.log(r.errMsg);
  fs.readFile({filePath: d + '/f', encoding: 'utf8', success: (r) => console.log(r.errMsg, r.data)});
  fs.stat({path: d + '/f', success: (r) => console.log(r.errMsg, r.stats.size)});
  fs.readdir({dirPath: d, success: (r) => console.log(r.errMsg, r.files.join())});
  fs.unlink({filePath: d + '/nope', fail: (r) => console.log(r.errMsg)});
}});`,
			want: "writeFile:ok\nreadFile:ok abc\nstat:ok 3\nreaddir:ok f\nunlink:fail no such file or directory: wxfile://usr/nope\n"},
		{name: "canIUse grammar",
			src: `for (const s of ['compressImage', 'compressImage.object.compressedWidth', 'compressImage.success.tempFilePath', 'cropImage.object.cropScale.16:9',
  'canvasToTempFilePath.object.fileType', 'getImageInfo.success.orientation', 'createOffscreenCanvas.object.type.2d', 'getFileSystemManager.return',
  'FileSystemManager.readFileSync', 'console.log', 'OffscreenCanvas.getContext', 'CanvasRenderingContext2D.fillRect', 'env.USER_DATA_PATH',
  'wx.canIUse', 'base64ToArrayBuffer.return', 'Image.src', 'VideoDecoder.getFrameData',
  'compressImage.object.nope', 'cropImage.object.cropScale.2:1', 'request', 'live-player', 'button.open-type.contact', '', 'console.nope', 'Image.decode'])
  console.log(s, wx.canIUse(s));
console.log(wx.canIUse(42), wx.canIUse());`,
			want: "compressImage true\ncompressImage.object.compressedWidth true\ncompressImage.success.tempFilePath true\ncropImage.object.cropScale.16:9 true\n" +
				"canvasToTempFilePath.object.fileType true\ngetImageInfo.success.orientation true\ncreateOffscreenCanvas.object.type.2d true\ngetFileSystemManager.return true\n" +
				"FileSystemManager.readFileSync true\nconsole.log true\nOffscreenCanvas.getContext true\nCanvasRenderingContext2D.fillRect true\nenv.USER_DATA_PATH true\n" +
				"wx.canIUse true\nbase64ToArrayBuffer.return true\nImage.src true\nVideoDecoder.getFrameData true\n" +
				"compressImage.object.nope false\ncropImage.object.cropScale.2:1 false\nrequest false\nlive-player false\nbutton.open-type.contact false\n false\nconsole.nope false\nImage.decode false\n" +
				"false false\n"},
		{name: "success and complete both run, in that order",
			src:  `wx.canvasToTempFilePath({canvas: new OffscreenCanvas(1, 1), success() { console.log('in success') }, complete() { console.log('complete') }})`,
			want: "in success\ncomplete\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, tc.opts, tc.src)
			if err != nil {
				t.Fatalf("%v\nstdout:\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

// TestOutputCanvas: `mediad run -o` saves the last canvas passed to
// canvasToTempFilePath, else the first created.
func TestOutputCanvas(t *testing.T) {
	tests := []struct {
		name string
		src  string
		w    int
	}{
		{"first created when nothing was exported", `new OffscreenCanvas(3, 1); new OffscreenCanvas(5, 1);`, 3},
		{"last exported", `const a = new OffscreenCanvas(3, 1), b = new OffscreenCanvas(5, 1), c = new OffscreenCanvas(7, 1);
wx.canvasToTempFilePath({canvas: c}); wx.canvasToTempFilePath({canvas: b});`, 5},
		{"a failed export does not count", `const a = new OffscreenCanvas(3, 1), b = new OffscreenCanvas(5, 1);
wx.canvasToTempFilePath({canvas: b, fileType: 'gif', fail() {}});`, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(Options{})
			defer r.Close()
			if err := r.RunString(context.Background(), "o.js", tc.src); err != nil {
				t.Fatal(err)
			}
			if c := r.OutputCanvas(); c == nil || c.Width() != tc.w {
				t.Fatalf("output canvas %v, want width %d", c, tc.w)
			}
		})
	}
}

// TestCloseRemovesDirectories: the per-run temp and user data directories go
// with Close.
func TestCloseRemovesDirectories(t *testing.T) {
	r := New(Options{})
	err := r.RunString(context.Background(), "d.js", `wx.getFileSystemManager().writeFileSync(wx.env.USER_DATA_PATH + '/x', 'y');
wx.canvasToTempFilePath({canvas: new OffscreenCanvas(1, 1)});`)
	if err != nil {
		t.Fatal(err)
	}
	dirs := append([]string(nil), r.sandbox.created.dirs...)
	if len(dirs) != 2 {
		t.Fatalf("created %v", dirs)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s still exists after Close (%v)", d, err)
		}
		if !strings.Contains(d, "mediad-script-") {
			t.Errorf("unexpected directory %s", d)
		}
	}
}

// TestLoadFontFaceStaysInItsJob: a font one runtime loads changes text in that
// runtime only.
func TestLoadFontFaceStaysInItsJob(t *testing.T) {
	fontDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(fontDir, "go.ttf"), goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	measure := `const x = new OffscreenCanvas(10, 10).getContext('2d'); x.font = '40px JobLocalFace';
console.log(x.measureText('WWWiii').width.toFixed(2));`
	load := `wx.loadFontFace({family: 'JobLocalFace', source: 'url("go.ttf")'}).then(() => {` + measure + `});`
	before, err := runWx(t, Options{}, measure)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := runWx(t, Options{AllowDirs: []string{fontDir}}, load)
	if err != nil {
		t.Fatal(err)
	}
	after, err := runWx(t, Options{}, measure)
	if err != nil {
		t.Fatal(err)
	}
	if loaded == before {
		t.Errorf("the loaded font changed nothing (%s)", loaded)
	}
	if after != before {
		t.Errorf("another job sees the font: %s, was %s", after, before)
	}
}

// TestDroppedRuntimeIsCollected: a Runtime dropped without Close is collected
// (nothing keeps it alive) and its directories go with it.
func TestDroppedRuntimeIsCollected(t *testing.T) {
	dirs := func() []string {
		r := New(Options{})
		if err := r.RunString(context.Background(), "d.js", `wx.getFileSystemManager().writeFileSync(wx.env.USER_DATA_PATH + '/x', 'y')`); err != nil {
			t.Fatal(err)
		}
		return append([]string(nil), r.sandbox.created.dirs...)
	}()
	if len(dirs) != 1 {
		t.Fatalf("dirs %v", dirs)
	}
	for deadline := time.Now().Add(3 * time.Second); ; {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		if _, err := os.Stat(dirs[0]); os.IsNotExist(err) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still exists: the dropped runtime was not collected", dirs[0])
		}
	}
}
