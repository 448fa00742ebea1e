//go:build cgo && !noffmpeg

package video

import (
	"os"
	"testing"

	"github.com/seed92233726/mediad/internal/testmedia"
)

// Test media is generated once per test binary with the ffmpeg command; see package
// testmedia. The table is this package's own: its tests need files the others don't.
var media = testmedia.New("video-test-media-", []testmedia.Spec{
	{Name: "h264", Args: []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "libx264", "-g", "12", "-bf", "0", "-pix_fmt", "yuv420p"}, Ext: "mp4", Encoder: "libx264"},
	{Name: "h264b", Args: []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "libx264", "-g", "12", "-bf", "3", "-pix_fmt", "yuv420p"}, Ext: "mp4", Encoder: "libx264"},
	// Both inputs end by themselves: -frames:v would cut the audio short.
	{Name: "h264av", Args: []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30:duration=1", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart"}, Ext: "mp4", Encoder: "libx264"},
	{Name: "hevc", Args: []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p", "-tag:v", "hvc1"}, Ext: "mp4", Encoder: "libx265"},
	{Name: "vp9", Args: []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-pix_fmt", "yuv420p"}, Ext: "webm", Encoder: "libvpx-vp9"},
	{Name: "vfr", Args: []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-vf", "select='lt(n\\,10)+not(mod(n\\,3))'", "-fps_mode", "vfr", "-c:v", "libx264", "-pix_fmt", "yuv420p"}, Ext: "mp4", Encoder: "libx264"},
	{Name: "mpeg2", Args: []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "mpeg2video", "-q:v", "2"}, Ext: "mkv"},
	{Name: "audio", Args: []string{"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "0.5", "-c:a", "aac"}, Ext: "m4a"},
	// Rotation is container metadata: remux the H.264 file rather than re-encode.
	{Name: "rot90", From: "h264", Args: []string{"-c", "copy", "-metadata:s:v", "rotate=90"}, Ext: "mp4"},
})

func haveFFmpeg(t testing.TB) {
	t.Helper()
	testmedia.HaveFFmpeg(t)
}

// testMedium returns the path of a generated file, skipping when its encoder is absent.
func testMedium(t testing.TB, name string) string {
	t.Helper()
	return media.Path(t, name)
}

func TestMain(m *testing.M) {
	code := m.Run()
	media.Cleanup()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// probeFrames returns the best-effort timestamp of every video frame as ffprobe decodes them.
func probeFrames(t testing.TB, path string) (pts []int64) {
	t.Helper()
	return testmedia.ProbeFrames(t, path)
}

// ffmpegRGBA returns ffmpeg's own RGBA rendering of every frame, concatenated.
func ffmpegRGBA(t testing.TB, path string, extra ...string) []byte {
	t.Helper()
	return testmedia.RGBA(t, path, extra...)
}
