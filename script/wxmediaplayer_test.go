package script

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/seed92233726/mediad/video"
)

// decodedAudio is the audio of path as the Go VideoDecoder hands it out,
// interleaved, with its channel count; seek0 seeks to 0 first (which skips the
// encoder's priming block).
func decodedAudio(t *testing.T, path string, seek0 bool) ([]float32, int) {
	t.Helper()
	d := video.NewVideoDecoder()
	defer d.Remove()
	if err := d.Start(context.Background(), video.StartOptions{Source: path, Mode: video.ModeFast, AbortVideo: true}); err != nil {
		t.Fatal(err)
	}
	if seek0 {
		if err := d.SeekTo(0); err != nil {
			t.Fatal(err)
		}
	}
	var pcm []float32
	channels := 0
	for {
		a, err := d.NextAudio(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if a.SampleRate != playerRate {
			t.Fatalf("test clip audio at %d Hz", a.SampleRate)
		}
		channels = a.Channels
		pcm = append(pcm, a.Data...)
	}
	if len(pcm) < playerRate/2 {
		t.Fatalf("only %d samples decoded", len(pcm))
	}
	return pcm, channels
}

// writeRef stores the decoder's audio, as the left channel a player mixing it
// at gain g outputs, where the script can read it.
func writeRef(t *testing.T, dir, name string, pcm []float32, channels int, g float32) {
	t.Helper()
	b := make([]byte, 4*len(pcm)/channels)
	for i := range len(pcm) / channels {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(pcm[i*channels]*g))
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readAll is a script helper: it keeps the decoders' video moving and reads the
// player until readPCM returns null, then calls done with the left channel.
const readAll = `function readAll(player, decoders, chunk, done, each) {
  const left = [];
  let reads = 0;
  (function step() {
    for (const d of decoders) d.getFrameData();
    const pcm = player.readPCM(chunk);
    if (pcm === null) return done(left, reads);
    if (!(pcm instanceof Float32Array) || pcm.length % 2 || pcm.length > 2 * chunk) throw new Error('bad chunk ' + pcm);
    for (let i = 0; i < pcm.length; i += 2) {
      if (pcm[i] !== pcm[i + 1]) throw new Error('mono source mixed unevenly at ' + (left.length + i / 2));
      left.push(pcm[i]);
    }
    if (pcm.length) reads++;
    if (each) each(left.length);
    setTimeout(step, 0);
  })();
}
let ref = new Float32Array(wx.getFileSystemManager().readFileSync('ref.f32'));
// The mix ends with the quantum in which the last source ends, padded with silence.
function sameLength(left) {
  return left.length >= ref.length && left.length < ref.length + 128 && left.slice(ref.length).every((v) => v === 0);
}
function compare(left, from, to, scale) {
  let worst = 0;
  for (let i = from; i < to; i++) worst = Math.max(worst, Math.abs(left[i] - ref[i] * scale));
  return worst;
}
`

func TestMediaAudioPlayer(t *testing.T) {
	dir := testVideo(t)
	pcm, channels := decodedAudio(t, filepath.Join(dir, "clip.mp4"), false)
	writeRef(t, dir, "ref.f32", pcm, channels, 0.5)
	pcm, channels = decodedAudio(t, filepath.Join(dir, "clip.mp4"), true)
	writeRef(t, dir, "seek.f32", pcm, channels, 0.5)
	tests := []struct {
		name, src, want string
	}{
		{"a decoder at volume 0.5 is its audio times 0.5, sample for sample", readAll + `const d = wx.createVideoDecoder();
const player = wx.createMediaAudioPlayer();
console.log(player instanceof MediaAudioPlayer, player.volume);
(async () => {
  console.log((await player.start()).errMsg);
  console.log((await d.start({source: 'clip.mp4', mode: 1})).errMsg);
  console.log((await player.addAudioSource(d)).errMsg);
  player.volume = 0.5;
  console.log(player.volume);
  readAll(player, [d], 1000, async (left, reads) => {
    console.log(sameLength(left), compare(left, 0, ref.length, 1), reads > 10);
    console.log(player.readPCM(10));
    await d.remove();
    console.log((await player.destroy()).errMsg);
  });
})();`,
			"true 1\nstart:ok\nstart:ok\naddAudioSource:ok\n0.5\ntrue 0 true\nnull\ndestroy:ok\n"},
		{"an audio-only decoder (abortVideo) is mixed whole, read by the player alone", readAll + `const d = wx.createVideoDecoder();
const player = wx.createMediaAudioPlayer();
let ended = 0;
d.on('ended', () => ended++);
(async () => {
  await d.start({source: 'clip.mp4', mode: 1, abortVideo: true});
  await player.addAudioSource(d);
  await player.start();
  player.volume = 0.5;
  readAll(player, [], 333, async (left) => {
    await new Promise((res) => setTimeout(res, 50));
    console.log(sameLength(left), compare(left, 0, ref.length, 1), ended);
    await player.destroy(); await d.remove();
  });
})();`,
			"true 0 1\n"},
		{"two decoders are summed; removeAudioSource takes one out of the mix", readAll + `const a = wx.createVideoDecoder(), b = wx.createVideoDecoder();
const player = wx.createMediaAudioPlayer();
player.volume = 0.5;
// Added before it starts: the player waits for its audio.
player.addAudioSource(b);
player.addAudioSource(a);
player.addAudioSource(a).then((r) => console.log('again', r.errMsg));
player.start();
a.start({source: 'clip.mp4', mode: 1});
b.start({source: 'clip.mp4', mode: 1});
let cut = -1;
readAll(player, [a, b], 512, async (left) => {
  console.log(cut, sameLength(left));
  // Both at 0.5 before the cut: the clip at full scale; a alone afterwards.
  console.log(compare(left, 0, cut, 2), compare(left, cut, ref.length, 1));
  await a.remove(); await b.remove(); await player.destroy();
}, (n) => {
  if (cut < 0 && n >= 20000) {
    cut = n;
    player.removeAudioSource(b).then((r) => console.log(r.errMsg));
  }
});`,
			"again addAudioSource:ok\nremoveAudioSource:ok\n20480 true\n0 0\n"},
		{"a seek restarts the mix at the new position", readAll + `const d = wx.createVideoDecoder();
const player = wx.createMediaAudioPlayer();
player.volume = 0.5;
(async () => {
  await d.start({source: 'clip.mp4', mode: 1});
  await player.addAudioSource(d);
  await player.start();
  let first;
  for (let i = 0; i < 200 && !(first && first.length); i++) {
    d.getFrameData();
    first = player.readPCM(4096);
    await new Promise((res) => setTimeout(res, 5));
  }
  console.log(first.length > 0);
  await d.seek(0);
  ref = new Float32Array(wx.getFileSystemManager().readFileSync('seek.f32'));
  readAll(player, [d], 4096, async (left) => {
    // What the AAC decoder outputs in the first blocks after a seek depends on
    // what it decoded before (its overlap state), so those are left out and
    // the rest compared loosely; a wrong position would be off by the signal.
    console.log(sameLength(left), compare(left, 4096, ref.length, 1) < 1e-3);
    await player.destroy(); await d.remove();
  });
})();`,
			"true\ntrue true\n"},
		{"looping with on('ended') → seek(0) keeps the mix going", readAll + `const d = wx.createVideoDecoder();
const player = wx.createMediaAudioPlayer();
let passes = 0;
d.on('ended', () => { if (++passes === 1) d.seek(0); });
(async () => {
  await d.start({source: 'clip.mp4', mode: 1});
  await player.addAudioSource(d);
  await player.start();
  // null says the decoders have ended for now; a script that seeks on 'ended'
  // reads on.
  const left = [];
  (async function step() {
    d.getFrameData();
    const pcm = player.readPCM(1024);
    if (pcm) for (let i = 0; i < pcm.length; i += 2) left.push(pcm[i]);
    if (pcm !== null || passes < 2) return setTimeout(step, 0);
    // The seek drops what was not read of the first pass, so only the total
    // is bounded: more than one pass, at most two.
    console.log(passes, left.length > ref.length + 4096, left.length <= 2 * (ref.length + 128));
    await player.destroy(); await d.remove();
  })();
})();`,
			"2 true true\n"},
		{"stop pauses the mix; start resumes it where it was", readAll + `const d = wx.createVideoDecoder();
const player = wx.createMediaAudioPlayer();
player.volume = 0.5;
(async () => {
  await d.start({source: 'clip.mp4', mode: 1});
  await player.addAudioSource(d);
  console.log(player.readPCM(64));
  await player.start();
  const got = [];
  while (got.length < 300) {
    d.getFrameData();
    const pcm = player.readPCM(300 - got.length);
    for (let i = 0; i < pcm.length; i += 2) got.push(pcm[i]);
    await new Promise((res) => setTimeout(res, 1));
  }
  console.log((await player.stop()).errMsg, player.readPCM(64));
  await player.start();
  readAll(player, [d], 777, async (left) => {
    const all = got.concat(left);
    console.log(sameLength(all), compare(all, 0, ref.length, 1));
    await player.destroy(); await d.remove();
  });
})();`,
			"null\nstop:ok null\ntrue 0\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{AllowDirs: []string{dir}, Timeout: 30 * time.Second}, tc.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

// TestMediaAudioPlayerErrors: bad arguments throw as WebIDL bindings do; what the
// player cannot do rejects its Promise with "<method>:fail reason".
func TestMediaAudioPlayerErrors(t *testing.T) {
	dir := testVideo(t)
	src := `const player = wx.createMediaAudioPlayer(), d = wx.createVideoDecoder();
const show = (f) => { try { const v = f(); return v instanceof Promise ? 'promise' : String(v); } catch (e) { return e.name + ': ' + e.message; } };
console.log(show(() => player.addAudioSource()));
console.log(show(() => player.addAudioSource({})));
console.log(show(() => player.removeAudioSource(wx.createMediaContainer())));
console.log(show(() => player.readPCM()));
console.log(show(() => player.readPCM(0)));
console.log(show(() => player.readPCM(NaN)));
console.log(show(() => player.readPCM(2e6)));
console.log(show(() => player.start.call({})));
console.log(show(() => new MediaAudioPlayer()));
player.volume = 7; console.log(player.volume);
player.volume = 'x'; console.log(player.volume);
player.volume = -1; console.log(player.volume);
console.log(wx.canIUse('createMediaAudioPlayer'), wx.canIUse('MediaAudioPlayer.addAudioSource'), wx.canIUse('MediaAudioPlayer.volume'));
(async () => {
  const fail = (p) => p.then((r) => 'resolved ' + r.errMsg, (e) => e.errMsg);
  console.log(await fail(player.removeAudioSource(d)));
  await d.remove();
  console.log(await fail(player.addAudioSource(d)));
  console.log(await fail(player.destroy()), await fail(player.destroy()));
  for (const m of ['start', 'stop']) console.log(await fail(player[m]()));
  console.log(await fail(player.addAudioSource(wx.createVideoDecoder())));
  console.log(player.readPCM(10));
  // Every member with hostile values works or throws an Error, on a live
  // player and a destroyed one.
  const bad = [undefined, null, NaN, Infinity, -1, 0, 1e308, 'x', {}, [], Symbol('s'), d, new Float32Array(3)];
  let calls = 0;
  for (const p of [wx.createMediaAudioPlayer(), player]) {
    const proto = Object.getPrototypeOf(p);
    for (const name of Object.getOwnPropertyNames(proto)) {
      const desc = Object.getOwnPropertyDescriptor(proto, name);
      if (name === 'constructor') continue;
      for (const v of bad) {
        calls++;
        try {
          if (desc.set) p[name] = v;
          else if (typeof desc.value === 'function') { const r = desc.value.call(p, v, v); if (r instanceof Promise) await r.catch(() => {}); }
        } catch (e) { if (!(e instanceof Error)) throw e; }
      }
    }
  }
  console.log(calls > 100);
})();`
	want := `TypeError: Failed to execute 'addAudioSource' on 'MediaAudioPlayer': 1 argument required, but only 0 present.
TypeError: Failed to execute 'addAudioSource' on 'MediaAudioPlayer': parameter 1 is not a VideoDecoder.
TypeError: Failed to execute 'removeAudioSource' on 'MediaAudioPlayer': parameter 1 is not a VideoDecoder.
TypeError: Failed to execute 'readPCM' on 'MediaAudioPlayer': 1 argument required, but only 0 present.
RangeError: Failed to execute 'readPCM' on 'MediaAudioPlayer': frames must be between 1 and 1048576.
TypeError: Failed to execute 'readPCM' on 'MediaAudioPlayer': The provided double value is non-finite.
RangeError: Failed to execute 'readPCM' on 'MediaAudioPlayer': frames must be between 1 and 1048576.
TypeError: Illegal invocation
TypeError: Illegal constructor
1
1
0
true true true
removeAudioSource:fail the VideoDecoder is not an audio source of this player
addAudioSource:fail the VideoDecoder has been removed
resolved destroy:ok resolved destroy:ok
start:fail MediaAudioPlayer is destroyed
stop:fail MediaAudioPlayer is destroyed
addAudioSource:fail MediaAudioPlayer is destroyed
null
true
`
	out, err := runWx(t, Options{AllowDirs: []string{dir}}, src)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if out != want {
		t.Errorf("stdout\n got %q\nwant %q", out, want)
	}
}

// TestMediaAudioPlayerReleases: players with sources that are destroyed, emptied
// or left alone at the end of the run leave nothing running, and a player takes
// at most maxPlayerSources decoders.
func TestMediaAudioPlayerReleases(t *testing.T) {
	dir := testVideo(t)
	before := runtime.NumGoroutine()
	scripts := []string{
		// destroy with sources still decoding
		`const p = wx.createMediaAudioPlayer(), ds = [];
(async () => {
  for (let i = 0; i < 3; i++) { const d = wx.createVideoDecoder(); ds.push(d); await d.start({source: 'clip.mp4', mode: 1}); await p.addAudioSource(d); }
  await p.start(); p.readPCM(100);
  console.log((await p.destroy()).errMsg);
})();`,
		// removeAudioSource
		`const p = wx.createMediaAudioPlayer(), d = wx.createVideoDecoder();
(async () => { await p.addAudioSource(d); console.log((await p.removeAudioSource(d)).errMsg); })();`,
		// neither: the run ends with the player and its source alive
		`const p = wx.createMediaAudioPlayer(), d = wx.createVideoDecoder();
d.start({source: 'clip.mp4', mode: 1}).then(() => p.addAudioSource(d)).then((r) => console.log(r.errMsg));`,
		// the limit
		`const p = wx.createMediaAudioPlayer(), ds = [];
(async () => {
  let last;
  for (let i = 0; i < 33; i++) { ds.push(wx.createVideoDecoder()); last = await p.addAudioSource(ds[i]).then((r) => r.errMsg, (e) => e.errMsg); }
  console.log(last.replace(/\d+/, 'N'));
  await p.removeAudioSource(ds[0]);
  console.log((await p.addAudioSource(ds[32])).errMsg);
})();`,
	}
	wants := []string{"destroy:ok\n", "removeAudioSource:ok\n", "addAudioSource:ok\n",
		"addAudioSource:fail at most N audio sources per player; removeAudioSource the ones no longer playing\naddAudioSource:ok\n"}
	for i, src := range scripts {
		out, err := runWx(t, Options{AllowDirs: []string{dir}}, src)
		if err != nil || out != wants[i] {
			t.Fatalf("script %d: %q %v", i, out, err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before, %d after\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// BenchmarkMediaAudioPlayer mixes the test clip's audio (an audio-only decoder at
// volume 0.5) through readPCM into JavaScript; x-realtime is seconds of audio
// per second of run, runtime creation included.
func BenchmarkMediaAudioPlayer(b *testing.B) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		b.Skip("ffmpeg command not installed")
	}
	dir := b.TempDir()
	clip := filepath.Join(dir, "clip.mp4")
	cmd := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30:duration=10",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=10", "-ac", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
		"-c:a", "aac", clip)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Skipf("ffmpeg: %v %s", err, out)
	}
	src := `const d = wx.createVideoDecoder(), player = wx.createMediaAudioPlayer();
let frames = 0;
(async () => {
  await d.start({source: 'clip.mp4', mode: 1, abortVideo: true});
  await player.addAudioSource(d);
  await player.start();
  player.volume = 0.5;
  for (;;) {
    const pcm = player.readPCM(4096);
    if (pcm === null) break;
    frames += pcm.length / 2;
    if (!pcm.length) await new Promise((res) => setTimeout(res, 0));
  }
  console.log(frames > 440000);
  await player.destroy(); await d.remove();
})();`
	b.ReportAllocs()
	for b.Loop() {
		out, err := runWx(&testing.T{}, Options{AllowDirs: []string{dir}, Timeout: time.Minute}, src)
		if err != nil || out != "true\n" {
			b.Fatalf("%q %v", out, err)
		}
	}
	b.ReportMetric(10*float64(b.N)/b.Elapsed().Seconds(), "x-realtime")
}
