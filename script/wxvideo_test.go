package script

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// testVideo makes a 1 s 64x48 H.264 + AAC clip with the ffmpeg command (an
// oracle-style fixture; the product never runs ffmpeg).
func testVideo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg command not installed")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "clip.mp4")
	cmd := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30:duration=1",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p",
		"-c:a", "aac", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("ffmpeg: %v %s", err, b)
	}
	return dir
}

func TestWxVideo(t *testing.T) {
	dir := testVideo(t)
	tests := []struct {
		name, src, want string
	}{
		{"getVideoInfo", `wx.getVideoInfo({src: 'clip.mp4', success: (r) => console.log(r.errMsg, r.width, r.height, r.type, r.fps, r.duration > 0.9 && r.duration < 1.1, r.orientation)});
wx.getVideoInfo({src: '/etc/passwd'}).catch((e) => console.log(e.errMsg))`,
			"getVideoInfo:ok 64 48 mp4 30 true up\ngetVideoInfo:fail no such file or directory: /etc/passwd\n"},
		// The first frame is printed from the ended listener, not when it is read:
		// WeChat does not order start()'s Promise before the first frame
		// (getFrameData returns a frame as soon as one is decoded, null before),
		// and a then-callback cannot run before the synchronous pull() below, which
		// may already find a frame.
		{"decoder: start, events, frames, seek, remove", `const d = wx.createVideoDecoder();
let frames = 0, w = 0, ended = false, first;
d.on('start', (e) => { w = e.width; });
d.on('ended', async () => {
  ended = true;
  console.log(first);
  console.log('ended', frames, w);
  await d.remove();
});
d.start({source: 'clip.mp4', mode: 1, abortAudio: true}).then((r) => console.log(r.errMsg));
(function pull() {
  const f = d.getFrameData();
  if (f) {
    if (frames === 0) first = [f.width, f.height, f.data.byteLength, f.pkPts].join(' ');
    frames++;
  }
  if (!ended) setTimeout(pull, 0);
})();`,
			"start:ok\n64 48 12288 0\nended 30 64\n"},
		{"decoder: bad sources fail", `const d = wx.createVideoDecoder();
(async () => {
  for (const s of ['missing.mp4', '../../../etc/passwd', 'https://example.com/a.mp4']) console.log(await d.start({source: s}).catch((e) => e.errMsg));
  await d.remove();
})();`,
			"start:fail no such file or directory: missing.mp4\nstart:fail permission denied: ../../../etc/passwd\nstart:fail network sources are not supported; download the video first\n"},
		{"media container: extract, add, export", `const mc = wx.createMediaContainer();
mc.extractDataSource({source: 'clip.mp4', success: (r) => {
  console.log(r.errMsg, r.tracks.map((t) => t.kind).sort().join(','));
  for (const t of r.tracks) mc.addTrack(t);
  mc.export({success: (e) => {
    console.log(e.errMsg, e.tempFilePath.endsWith('.mp4'));
    wx.getVideoInfo({src: e.tempFilePath, success: (i) => { console.log(i.width, i.height); mc.destroy(); }});
  }, fail: (e) => console.log(e.errMsg)});
}});`,
			"extractDataSource:ok audio,video\nexport:ok true\n64 48\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{AllowDirs: []string{dir}}, tc.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

// TestDecoderEndsWithItsRun: a decoder the script never removes is removed when
// the run ends, so nothing keeps the runtime alive.
func TestDecoderEndsWithItsRun(t *testing.T) {
	dir := testVideo(t)
	before := runtime.NumGoroutine()
	for i := 0; i < 3; i++ {
		out, err := runWx(t, Options{AllowDirs: []string{dir}}, `const d = wx.createVideoDecoder(); d.on('start', () => {});
d.start({source: 'clip.mp4', mode: 1}).then((r) => console.log(r.errMsg));`)
		if err != nil || out != "start:ok\n" {
			t.Fatalf("%q %v", out, err)
		}
	}
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before+2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines before, %d after three runs", before, runtime.NumGoroutine())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
