package main

import (
	"bytes"
	stdimage "image"
	"image/color"
	"image/gif"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/video"
)

func TestRunCommand(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		args       []string // flags before the script path
		code       int
		stdout     string
		stderrHas  []string
		stderrNone bool
	}{
		{name: "console goes to stdout after the event loop",
			src:    "setTimeout(() => console.log('later'), 5); Promise.resolve().then(() => console.log('micro')); console.log('now')",
			stdout: "now\nmicro\nlater\n", stderrNone: true},
		{name: "uncaught error prints the JS stack and exits 1",
			src:       "function draw() { undefinedFunction() }\ndraw()",
			code:      1,
			stderrHas: []string{"Uncaught ReferenceError: undefinedFunction is not defined", "at draw (s.js:1:", "mediad run:", "uncaught exception"}},
		{name: "unhandled rejection exits 1",
			src:       "Promise.reject(new Error('nope'))",
			code:      1,
			stderrHas: []string{"Uncaught (in promise) Error: nope"}},
		{name: "timeout flag ends a busy loop",
			src: "while (true) {}", args: []string{"-timeout", "100ms"},
			code:      1,
			stderrHas: []string{"time limit exceeded", "timeout"}},
		{name: "console.error goes to stderr",
			src:    "console.error('warned'); console.log('ok')",
			stdout: "ok\n", stderrHas: []string{"warned"}},
		{name: "bad flag is a usage error", src: "1", args: []string{"-nosuchflag"}, code: 2},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "s.js")
			if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			args := append(append([]string{"run"}, tc.args...), path)
			code := dispatch(args, &out, &errOut)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, errOut.String())
			}
			if tc.stdout != "" && out.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", out.String(), tc.stdout)
			}
			for _, s := range tc.stderrHas {
				if !strings.Contains(errOut.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut.String())
				}
			}
			if tc.stderrNone && errOut.Len() > 0 {
				t.Errorf("unexpected stderr: %s", errOut.String())
			}
		})
	}
}

func TestRunSavesFirstCanvas(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "poster.js")
	js := `const first = wx.createOffscreenCanvas({type: '2d', width: 40, height: 30});
const ctx = first.getContext('2d');
ctx.fillStyle = '#ff0000';
ctx.fillRect(0, 0, 20, 30);
new OffscreenCanvas(10, 10).getContext('2d').fillRect(0, 0, 10, 10);
setTimeout(() => { ctx.fillStyle = 'rgba(0, 0, 255, 0.5)'; ctx.fillRect(20, 0, 20, 30); }, 5);`
	if err := os.WriteFile(src, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.png")
	var stdout, stderr bytes.Buffer
	if code := dispatch([]string{"run", "-o", out, src}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 40 || b.Dy() != 30 {
		t.Fatalf("size %v, want the first canvas (40x30)", b)
	}
	tests := []struct {
		x, y int
		want color.NRGBA
	}{
		{5, 5, color.NRGBA{255, 0, 0, 255}},
		{30, 5, color.NRGBA{0, 0, 255, 128}}, // drawn by the timer: the loop ran before saving
	}
	for _, tc := range tests {
		if got := color.NRGBAModel.Convert(img.At(tc.x, tc.y)).(color.NRGBA); got != tc.want {
			t.Errorf("pixel (%d,%d) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}

	noCanvas := filepath.Join(dir, "none.js")
	if err := os.WriteFile(noCanvas, []byte("console.log(1)"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := dispatch([]string{"run", "-o", out, noCanvas}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "no canvas") {
		t.Errorf("script without canvas: exit %d, stderr %q", code, stderr.String())
	}
}

func TestRunFromStdin(t *testing.T) {
	old := runStdin
	defer func() { runStdin = old }()
	runStdin = strings.NewReader("console.log(btoa('ok'))")
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"run", "-"}, &out, &errOut); code != 0 || out.String() != "b2s=\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	runStdin = strings.NewReader("throw new Error('from stdin')")
	out.Reset()
	errOut.Reset()
	if code := dispatch([]string{"run", "-"}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "at stdin.js:1:") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestRunCommandArgs(t *testing.T) {
	for _, args := range [][]string{{"run"}, {"run", "a.js", "b.js"}, {"run", "-timeout", "-1s", "a.js"}} {
		var out, errOut bytes.Buffer
		if code := dispatch(args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit code %d, want 2", args, code)
		}
	}
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"run", filepath.Join(t.TempDir(), "missing.js")}, &out, &errOut); code != 1 {
		t.Errorf("missing file: exit code %d, want 1", code)
	}
}

// TestRunSandboxFlags: -o saves the last canvas passed to canvasToTempFilePath,
// -allow-dir opens a read-only directory, no network without -allow-net, and
// -memory bounds the heap.
func TestRunSandboxFlags(t *testing.T) {
	dir := t.TempDir()
	assets := filepath.Join(dir, "assets")
	if err := os.Mkdir(assets, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(assets, "note.txt"), []byte("from assets"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.png")
	tests := []struct {
		name      string
		args      []string
		src       string
		code      int
		stdout    string
		stderrHas string
		outWidth  int
	}{
		{name: "-o saves the last exported canvas", args: []string{"-o", out},
			src: `const a = new OffscreenCanvas(10, 5), b = new OffscreenCanvas(20, 5), c = new OffscreenCanvas(30, 5);
wx.canvasToTempFilePath({canvas: c}).then(() => wx.canvasToTempFilePath({canvas: b})).then((r) => console.log(r.errMsg));`,
			stdout: "canvasToTempFilePath:ok\n", outWidth: 20},
		{name: "-allow-dir is readable", args: []string{"-allow-dir", assets},
			src:    `console.log(wx.getFileSystemManager().readFileSync('note.txt', 'utf8'))`,
			stdout: "from assets\n"},
		{name: "without -allow-dir it is not",
			src:    `try { wx.getFileSystemManager().readFileSync('note.txt', 'utf8') } catch (e) { console.log(e.message) }`,
			stdout: "readFileSync:fail no such file or directory: note.txt\n"},
		{name: "no network without -allow-net",
			src:    `wx.getImageInfo({src: 'https://example.com/a.png'}).catch((e) => console.log(e.errMsg))`,
			stdout: "getImageInfo:fail network access refused: network access is disabled (allow hosts with -allow-net)\n"},
		{name: "-allow-net never reaches link-local", args: []string{"-allow-net", "*"},
			src:    `wx.getImageInfo({src: 'http://169.254.169.254/latest/meta-data/'}).catch((e) => console.log(e.errMsg))`,
			stdout: "getImageInfo:fail network access refused: 169.254.169.254 resolves to 169.254.169.254, a private, loopback or link-local address\n"},
		{name: "-memory ends a growing script", args: []string{"-memory", "64"},
			src: `const a = []; for (;;) a.push(new Array(1000).fill(1));`, code: 1, stderrHas: "memory limit exceeded (64 MiB)"},
		{name: "-allow-dir must be a directory", args: []string{"-allow-dir", filepath.Join(assets, "note.txt")}, src: `1`, code: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(out)
			path := filepath.Join(dir, "s.js")
			if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := dispatch(append(append([]string{"run"}, tc.args...), path), &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tc.code, stderr.String())
			}
			if tc.stdout != "" && stdout.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tc.stdout)
			}
			if tc.stderrHas != "" && !strings.Contains(stderr.String(), tc.stderrHas) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderrHas)
			}
			if tc.outWidth > 0 {
				f, err := os.Open(out)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				img, err := png.Decode(f)
				if err != nil {
					t.Fatal(err)
				}
				if img.Bounds().Dx() != tc.outWidth {
					t.Errorf("saved a %d px wide canvas, want %d", img.Bounds().Dx(), tc.outWidth)
				}
			}
		})
	}
}

// TestRunRecordsAnimation: -o with a video or animated-image extension records
// the first canvas on the animation clock, 24 frames per second of animation.
func TestRunRecordsAnimation(t *testing.T) {
	dir := t.TempDir()
	write := func(name, js string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(js), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// 60 animation frames (one second at 60 Hz) of a rectangle moving right, then idle.
	oneSecond := write("anim.js", `const c = wx.createOffscreenCanvas({type: '2d', width: 32, height: 24});
const ctx = c.getContext('2d');
let n = 0;
function draw(ts) {
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 32, 24);
  ctx.fillStyle = '#000'; ctx.fillRect(n / 3, 4, 8, 8);
  if (++n < 60) requestAnimationFrame(draw);
}
requestAnimationFrame(draw);`)
	endless := write("endless.js", `const c = wx.createOffscreenCanvas({type: '2d', width: 16, height: 16});
const ctx = c.getContext('2d');
(function draw(ts) { ctx.fillStyle = ts % 2 ? '#f00' : '#00f'; ctx.fillRect(0, 0, 16, 16); requestAnimationFrame(draw); })(0);`)

	gifFrames := func(t *testing.T, path string) *gif.GIF {
		t.Helper()
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		g, err := gif.DecodeAll(f)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	run := func(t *testing.T, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := dispatch(append([]string{"run"}, args...), &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return stderr.String()
	}

	t.Run("gif: one frame per 1/24 s until the loop is idle", func(t *testing.T) {
		out := filepath.Join(dir, "anim.gif")
		run(t, "-o", out, oneSecond)
		g := gifFrames(t, out)
		if len(g.Image) != 24 {
			t.Fatalf("%d frames, want 24 (one second at 24 fps)", len(g.Image))
		}
		first, last := g.Image[0], g.Image[23]
		if first.Bounds().Dx() != 32 || first.Bounds().Dy() != 24 {
			t.Fatalf("frame size %v, want 32x24", first.Bounds())
		}
		// The rectangle starts at x 0 and ends near x 19: the first frame is dark
		// at (2, 8), the last one white there and dark at (22, 8).
		dark := func(img *stdimage.Paletted, x, y int) bool {
			r, _, _, _ := img.At(x, y).RGBA()
			return r < 0x4000
		}
		if !dark(first, 2, 8) || dark(last, 2, 8) || !dark(last, 22, 8) {
			t.Errorf("the rectangle did not move: first(2,8) %v last(2,8) %v last(22,8) %v", first.At(2, 8), last.At(2, 8), last.At(22, 8))
		}
	})
	t.Run("mp4: duration and frame rate", func(t *testing.T) {
		out := filepath.Join(dir, "anim.mp4")
		run(t, "-o", out, oneSecond)
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		st, _ := f.Stat()
		info, err := video.InfoReader(f, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		if info.Fps != 24 || info.Duration < 0.95 || info.Duration > 1.05 || info.Width != 32 || info.Height != 24 {
			t.Errorf("info %+v, want 32x24, 24 fps, 1 s", info)
		}
	})
	t.Run("an endless animation stops at -duration", func(t *testing.T) {
		out := filepath.Join(dir, "endless.gif")
		run(t, "-duration", "5", "-o", out, endless)
		if n := len(gifFrames(t, out).Image); n != 120 {
			t.Errorf("%d frames, want 120 (5 s at 24 fps)", n)
		}
	})
	t.Run("or at the time limit, keeping what it drew", func(t *testing.T) {
		out := filepath.Join(dir, "limit.gif")
		stderr := run(t, "-timeout", "300ms", "-duration", "7200", "-o", out, endless)
		if !strings.Contains(stderr, "time limit") {
			t.Errorf("stderr %q, want a note about the time limit", stderr)
		}
		if n := len(gifFrames(t, out).Image); n < 2 {
			t.Errorf("%d frames", n)
		}
	})
	t.Run("a script that does not animate gives one frame", func(t *testing.T) {
		still := write("still.js", `wx.createOffscreenCanvas({type: '2d', width: 8, height: 8}).getContext('2d').fillRect(0, 0, 4, 4);`)
		out := filepath.Join(dir, "still.gif")
		run(t, "-o", out, still)
		if n := len(gifFrames(t, out).Image); n != 1 {
			t.Errorf("%d frames, want 1", n)
		}
	})
}

// TestRunRecordsSoundtrack: -audio makes a file's sound the soundtrack of the
// recorded animation.
func TestRunRecordsSoundtrack(t *testing.T) {
	if _, err := exec.LookPath("ffprobe"); err != nil {
		t.Skip("ffprobe not installed; it checks the recorded streams")
	}
	dir := t.TempDir()
	// Three seconds of a 330 Hz tone, mono 16-bit 16 kHz, as a WAV.
	tone := make([]float32, 3*16000)
	for i := range tone {
		tone[i] = float32(0.4 * math.Sin(2*math.Pi*330*float64(i)/16000))
	}
	b, err := audio.NewAudioBufferFromChannels([][]float32{tone}, 16000)
	if err != nil {
		t.Fatal(err)
	}
	var wav bytes.Buffer
	if err := audio.EncodeWAV(&wav, b, audio.WAVPCM16); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "music.wav"), wav.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// 60 animation frames: one second of video at 24 fps.
	js := `const c = wx.createOffscreenCanvas({type: '2d', width: 32, height: 24});
const ctx = c.getContext('2d');
let n = 0;
(function draw() { ctx.fillStyle = n % 2 ? '#000' : '#fff'; ctx.fillRect(0, 0, 32, 24); if (++n < 60) requestAnimationFrame(draw); })();`
	if err := os.WriteFile(filepath.Join(dir, "anim.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	// Paths are the command line's: relative to the working directory.
	t.Chdir(dir)

	streams := func(t *testing.T, path string) map[string]float64 {
		t.Helper()
		out, err := exec.Command("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,duration",
			"-of", "csv=p=0", path).Output()
		if err != nil {
			t.Fatalf("ffprobe %s: %v", path, err)
		}
		got := map[string]float64{}
		for _, line := range strings.Fields(string(out)) {
			kind, dur, _ := strings.Cut(line, ",")
			d, err := strconv.ParseFloat(dur, 64)
			if err != nil {
				t.Fatalf("ffprobe line %q: %v", line, err)
			}
			got[kind] = d
		}
		return got
	}
	t.Run("the soundtrack is cut at the video's length", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		if code := dispatch([]string{"run", "-o", "anim.mp4", "-audio", "music.wav", "anim.js"}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		got := streams(t, "anim.mp4")
		v, hasVideo := got["video"]
		a, hasAudio := got["audio"]
		if !hasVideo || !hasAudio || math.Abs(v-1) > 0.05 || math.Abs(a-1) > 0.1 {
			t.Errorf("streams %v, want 1 s of video and about 1 s of audio", got)
		}
	})
	t.Run("without -audio there is no audio stream", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		if code := dispatch([]string{"run", "-o", "silent.mp4", "anim.js"}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if got := streams(t, "silent.mp4"); len(got) != 1 || got["video"] == 0 {
			t.Errorf("streams %v, want video only", got)
		}
	})
	for _, tc := range []struct{ name, out, audio, want string }{
		{"-audio needs an mp4", "anim.gif", "music.wav", "-audio needs -o with a .mp4 file"},
		{"a missing file", "x.mp4", "nope.wav", "-audio:"},
		{"a file without sound", "x.mp4", "anim.js", "-audio:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := dispatch([]string{"run", "-o", tc.out, "-audio", tc.audio, "anim.js"}, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want a failure naming %q", code, stderr.String(), tc.want)
			}
			if _, err := os.Stat(tc.out); err == nil {
				t.Errorf("%s was written", tc.out)
			}
		})
	}
}
