package script

import (
	"testing"
	"time"

	"github.com/seed92233726/mediad/canvas"
)

func TestCompressVideo(t *testing.T) {
	dir := testVideo(t) // 64x48, 30 fps, 1 s, H.264 + AAC
	tests := []struct {
		name, src, want string
	}{
		{"fine control: resolution, fps and bitrate", `wx.compressVideo({src: 'clip.mp4', bitrate: 200, fps: 15, resolution: 0.5, success: (r) => {
  console.log(r.errMsg, r.tempFilePath.startsWith('wxfile://tmp/'), r.tempFilePath.endsWith('.mp4'), typeof r.size, Number(r.size) > 0);
  const st = wx.getFileSystemManager().statSync(r.tempFilePath);
  console.log(Math.abs(st.size / 1024 - Number(r.size)) < 1e-9);
  wx.getVideoInfo({src: r.tempFilePath, success: (i) => console.log(i.width, i.height, i.fps, i.duration > 0.9 && i.duration < 1.1, i.type)});
}, complete: (r) => console.log('complete', r.errMsg)});`,
			"compressVideo:ok true true string true\ntrue\ncomplete compressVideo:ok\n32 24 15 true mp4\n"},
		{"presets, Promise form; never above the source", `(async () => {
  for (const quality of ['low', 'medium', 'high']) {
    // With quality given, the other three are ignored.
    const r = await wx.compressVideo({src: 'clip.mp4', quality, fps: 1000, resolution: 7});
    const i = await wx.getVideoInfo({src: r.tempFilePath});
    // low caps the rate at 24 fps (30 → 24 drops every fifth frame).
    console.log(quality, r.errMsg, i.width, i.height, quality === 'low' ? i.fps > 22 && i.fps <= 24 : i.fps);
  }
  const r = await wx.compressVideo({src: 'clip.mp4', bitrate: 100, fps: 60, resolution: 1});
  const i = await wx.getVideoInfo({src: r.tempFilePath});
  console.log(i.width, i.height, i.fps);
})();`,
			"low compressVideo:ok 32 24 true\nmedium compressVideo:ok 48 36 30\nhigh compressVideo:ok 64 48 30\n64 48 30\n"},
		{"bad options fail with the reason", `const fs = wx.getFileSystemManager();
fs.writeFileSync(wx.env.USER_DATA_PATH + '/not.mp4', 'not a video');
const cases = [
  {},
  {src: 5, quality: 'low'},
  {src: 'clip.mp4'},
  {src: 'clip.mp4', quality: 'ultra'},
  {src: 'clip.mp4', quality: 3},
  {src: 'clip.mp4', bitrate: 100, fps: 30},
  {src: 'clip.mp4', bitrate: 100, fps: 30, resolution: 0},
  {src: 'clip.mp4', bitrate: 100, fps: 30, resolution: 1.5},
  {src: 'clip.mp4', bitrate: -1, fps: 30, resolution: 1},
  {src: 'clip.mp4', bitrate: 100, fps: NaN, resolution: 1},
  {src: 'missing.mp4', quality: 'low'},
  {src: '../../etc/passwd', quality: 'low'},
  {src: 'https://example.com/a.mp4', quality: 'low'},
  {src: wx.env.USER_DATA_PATH + '/not.mp4', quality: 'low'},
];
(async () => {
  for (const c of cases) {
    let got;
    c.fail = (r) => { got = r.errMsg; };
    c.complete = (r) => console.log(got === r.errMsg ? r.errMsg : 'fail and complete differ');
    wx.compressVideo(c);
    await new Promise((res) => setTimeout(res, 0));
  }
  console.log(await wx.compressVideo({src: 'missing.mp4', quality: 'low'}).catch((e) => 'rejected ' + e.errMsg));
  console.log(wx.canIUse('compressVideo.object.quality.medium'), wx.canIUse('compressVideo.success.size'));
})();`,
			`compressVideo:fail parameter error: parameter.src should be String instead of Undefined
compressVideo:fail parameter error: parameter.src should be String
compressVideo:fail parameter error: parameter.bitrate should be Number instead of Undefined
compressVideo:fail parameter error: parameter.quality should be one of low, medium, high
compressVideo:fail parameter error: parameter.quality should be one of low, medium, high
compressVideo:fail parameter error: parameter.resolution should be Number instead of Undefined
compressVideo:fail parameter error: parameter.resolution should be in (0, 1]
compressVideo:fail parameter error: parameter.resolution should be in (0, 1]
compressVideo:fail parameter error: parameter.bitrate should be in (0, 1000000] kbps
compressVideo:fail parameter error: parameter.fps should be a finite number
compressVideo:fail no such file or directory: missing.mp4
compressVideo:fail permission denied: ../../etc/passwd
compressVideo:fail network sources are not supported; download the video first
compressVideo:fail ffmpeg: open wxfile://usr/not.mp4: Invalid data found when processing input (moov atom not found)
rejected compressVideo:fail no such file or directory: missing.mp4
true true
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{AllowDirs: []string{dir}, Timeout: 60 * time.Second}, tc.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

// TestCompressVideoPixelLimit: a source larger than the run's canvas pixel limit
// is refused before it is decoded, as VideoDecoder.start refuses it.
func TestCompressVideoPixelLimit(t *testing.T) {
	dir := testVideo(t) // 64x48 = 3072 pixels
	out, err := runWx(t, Options{AllowDirs: []string{dir}, CanvasLimits: canvas.Limits{MaxSide: 4096, MaxPixels: 3000}},
		`wx.compressVideo({src: 'clip.mp4', quality: 'low'}).catch((e) => console.log(e.errMsg));`)
	if err != nil || out != "compressVideo:fail ffmpeg: frame too large: 64x48\n" {
		t.Fatalf("%q %v", out, err)
	}
}

// TestVideoErrorsHideHostPaths: FFmpeg's errors name the file it opened; the
// script sees its own path, never where the sandbox is on the host.
func TestVideoErrorsHideHostPaths(t *testing.T) {
	out, err := runWx(t, Options{}, `const bad = wx.env.USER_DATA_PATH + '/not.mp4';
wx.getFileSystemManager().writeFileSync(bad, 'not a video');
(async () => {
  const d = wx.createVideoDecoder();
  console.log(await d.start({source: bad}).catch((e) => e.errMsg));
  await d.remove();
  console.log(await new Promise((res) => wx.createMediaContainer().extractDataSource({source: bad, fail: (e) => res(e.errMsg)})));
  console.log(await wx.compressVideo({src: bad, quality: 'high'}).catch((e) => e.errMsg));
})();`)
	want := `start:fail ffmpeg: open wxfile://usr/not.mp4: Invalid data found when processing input (moov atom not found)
extractDataSource:fail ffmpeg: open wxfile://usr/not.mp4: Invalid data found when processing input (moov atom not found)
compressVideo:fail ffmpeg: open wxfile://usr/not.mp4: Invalid data found when processing input (moov atom not found)
`
	if err != nil || out != want {
		t.Fatalf("%v\n got %q\nwant %q", err, out, want)
	}
}
