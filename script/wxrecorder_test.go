package script

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/audio"
)

func TestMediaRecorder(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"10 frames of a moving rectangle to mp4, read back", `const c = wx.createOffscreenCanvas({type: '2d', width: 64, height: 48});
const ctx = c.getContext('2d');
const rec = wx.createMediaRecorder(c, {fps: 10, duration: 30});
let updates = 0, stopped = null;
rec.on('timeupdate', () => updates++);
rec.on('stop', (e) => { stopped = e; });
(async () => {
  console.log((await rec.start()).errMsg);
  for (let i = 0; i < 10; i++) {
    await rec.requestFrame(() => {
      ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 64, 48);
      ctx.fillStyle = '#c00'; ctx.fillRect(i * 4, 10, 16, 16);
    });
  }
  const r = await rec.stop();
  console.log(r.errMsg, r.tempFilePath.startsWith('wxfile://tmp/'), r.tempFilePath.endsWith('.mp4'), r.duration, r.fileSize > 0);
  const info = await wx.getVideoInfo({src: r.tempFilePath});
  console.log(info.width, info.height, info.fps, Math.round(info.duration * info.fps), info.type);
  await new Promise((res) => setTimeout(res, 0));
  console.log(updates, stopped.tempFilePath === r.tempFilePath, stopped.duration, stopped.fileSize === r.fileSize);
  await rec.destroy();
})();`,
			"start:ok\nstop:ok true true 1000 true\n64 48 10 10 mp4\n10 true 1000 true\n"},
		{"options are validated", `const c = wx.createOffscreenCanvas({type: '2d', width: 16, height: 16});
for (const o of [{fps: 500}, {fps: 2.5}, {duration: -1}, {gop: 0}, {format: 'avi'}, {width: 9000}, {videoBitsPerSecond: 'fast'}]) {
  try { wx.createMediaRecorder(c, o); console.log('accepted', JSON.stringify(o)); } catch (e) { console.log(e.name); }
}
try { wx.createMediaRecorder({}, {}); } catch (e) { console.log(e.name); }
const rec = wx.createMediaRecorder(c, {duration: 1, videoBitsPerSecond: 10});
console.log(typeof rec.start, wx.canIUse('createMediaRecorder'));
try { for (let i = 0; i < 20; i++) wx.createMediaRecorder(c); } catch (e) { console.log(e.name, e.message); }
rec.requestFrame().catch((e) => console.log(e.errMsg));
rec.stop().catch((e) => console.log(e.errMsg));`,
			"RangeError\nRangeError\nRangeError\nRangeError\nRangeError\nRangeError\nRangeError\nTypeError\nfunction true\n" +
				"RangeError createMediaRecorder: at most 16 recorders per run\n" +
				"requestFrame:fail requestFrame while idle: invalid state\nstop:fail stop while idle: invalid state\n"},
		{"calls waiting for their turn are bounded", `const c = wx.createOffscreenCanvas({type: '2d', width: 8, height: 8});
const rec = wx.createMediaRecorder(c, {format: 'gif'});
let ok = 0, refused = 0;
rec.start();
for (let i = 0; i < 300; i++) rec.requestFrame().then(() => ok++, (e) => { if (e.errMsg === 'requestFrame:fail too many calls waiting') refused++; });
rec.stop().then((r) => console.log(r.errMsg), (e) => console.log(ok, refused, e.errMsg));`,
			"255 45 stop:fail too many calls waiting\n"},
		{"an exception in the frame callback is the script's", `const c = wx.createOffscreenCanvas({type: '2d', width: 16, height: 16});
const rec = wx.createMediaRecorder(c, {format: 'gif'});
rec.start();
rec.requestFrame(() => { throw new Error('boom'); });`, ""},
	}
	t.Run("frame buffers count against the memory limit", func(t *testing.T) {
		out, err := runWx(t, Options{MaxMemory: 200 << 20}, `const c = wx.createOffscreenCanvas({type: '2d', width: 4096, height: 4096});
wx.createMediaRecorder(c).start().catch((e) => console.log(e.errMsg));`)
		if err != nil || !strings.HasPrefix(out, "start:fail ") || !strings.Contains(out, "over the memory limit") {
			t.Errorf("out %q err %v", out, err)
		}
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{}, tc.src)
			if strings.Contains(tc.name, "exception") {
				if err == nil || !strings.Contains(err.Error(), "boom") {
					t.Fatalf("err = %v, want the callback's exception", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

// TestMediaRecorderAudio: the audio option (a mediad extension) records a
// soundtrack from an offline render or a sandbox file into the MP4.
func TestMediaRecorderAudio(t *testing.T) {
	dir := t.TempDir()
	// A 2 s stereo 22050 Hz WAV written by package audio.
	l, rr := make([]float32, 44100), make([]float32, 44100)
	for i := range l {
		l[i] = float32(0.5 * math.Sin(2*math.Pi*220*float64(i)/22050))
		rr[i] = -l[i]
	}
	wb, err := audio.NewAudioBufferFromChannels([][]float32{l, rr}, 22050)
	if err != nil {
		t.Fatal(err)
	}
	var wav bytes.Buffer
	if err := audio.EncodeWAV(&wav, wb, audio.WAVPCM16); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "music.wav"), wav.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	record := `async function record(audioOption, frames) {
  const c = wx.createOffscreenCanvas({type: '2d', width: 32, height: 32});
  const ctx = c.getContext('2d');
  const rec = wx.createMediaRecorder(c, {fps: 24, duration: 60, audio: audioOption});
  await rec.start();
  for (let i = 0; i < frames; i++) {
    await rec.requestFrame(() => { ctx.fillStyle = i % 2 ? '#000' : '#fff'; ctx.fillRect(0, 0, 32, 32); });
  }
  const r = await rec.stop();
  const info = await wx.getVideoInfo({src: r.tempFilePath});
  const a = info.audio;
  console.log(info.type, info.width, info.fps, info.duration.toFixed(1), a ? a.codec + ' ' + a.sampleRate + ' ' + a.channels + ' ' + (Math.abs(a.duration - 1) < 0.1) : 'no audio');
  return rec;
}
`
	tests := []struct {
		name, src, want string
	}{
		{"one second of an offline 440 Hz oscillator", record + `const oc = new OfflineAudioContext(1, 44100, 44100);
const osc = oc.createOscillator();
osc.frequency.value = 440;
osc.connect(oc.destination);
osc.start();
oc.startRendering().then((buf) => record(buf, 24));`, "mp4 32 24 1.0 aac 44100 1 true\n"},
		{"a sandbox file, cut at the video's length, on every start", record + `(async () => {
  const rec = await record('music.wav', 24);
  await rec.start();
  await rec.requestFrame();
  const r = await rec.stop();
  const info = await wx.getVideoInfo({src: r.tempFilePath});
  console.log(info.audio.channels, info.audio.sampleRate, info.audio.duration < 0.2);
})();`, "mp4 32 24 1.0 aac 22050 2 true\n2 22050 true\n"},
		{"without the option there is no audio track", record + `record(undefined, 24);`, "mp4 32 24 1.0 no audio\n"},
		{"refusals", `const c = wx.createOffscreenCanvas({type: '2d', width: 8, height: 8});
for (const o of [{audio: 'missing.wav'}, {audio: {}}, {audio: 'music.wav', format: 'gif'}, {audio: '/etc/passwd'}]) {
  try { wx.createMediaRecorder(c, o); console.log('accepted'); } catch (e) { console.log(e.name, e.message.startsWith('createMediaRecorder: audio')); }
}`, "GoError true\nTypeError true\nRangeError true\nGoError true\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{ScriptDir: dir}, tc.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}
