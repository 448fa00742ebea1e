package script

import "testing"

func TestWebAudio(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"oscillator through gain, rendered offline", `const ctx = new OfflineAudioContext(1, 4410, 44100);
const osc = ctx.createOscillator(); osc.type = 'square'; osc.frequency.value = 441;
const g = ctx.createGain(); g.gain.setValueAtTime(0.5, 0);
osc.connect(g).connect(ctx.destination);
osc.start(0); osc.stop(0.05);
let ended = false; osc.onended = () => { ended = true; };
console.log(osc.type, osc.frequency.value, g.gain.value, // automation leaves .value alone until rendering
  osc.frequency === osc.frequency, ctx.sampleRate, ctx.length, ctx.state);
ctx.startRendering().then((buf) => {
  const d = buf.getChannelData(0);
  let peak = 0, nonzeroAfter = 0;
  for (let i = 0; i < d.length; i++) { peak = Math.max(peak, Math.abs(d[i])); if (i > 2300 && d[i] !== 0) nonzeroAfter++; }
  console.log(buf.numberOfChannels, buf.length, buf.sampleRate, d instanceof Float32Array, peak > 0.4 && peak < 0.6, nonzeroAfter);
  d[0] = 0.25; console.log(buf.getChannelData(0)[0]);
  setTimeout(() => console.log('ended', ended), 0);
});`,
			"square 441 1 true 44100 4410 suspended\n1 4410 44100 true true 0\n0.25\nended true\n"},
		{"dictionary form, constant source, param automation, errors", `const ctx = new OfflineAudioContext({numberOfChannels: 2, length: 256, sampleRate: 8000});
const c = ctx.createConstantSource(); c.offset.setValueAtTime(0, 0); c.offset.linearRampToValueAtTime(1, 255 / 8000);
c.connect(ctx.destination); c.start();
for (const f of [() => ctx.createGain().gain.exponentialRampToValueAtTime(0, 1), () => c.connect({}), () => new OfflineAudioContext(0, 1, 8000), () => ctx.createDelay(-1),
  // One sample over the default 1 GiB script budget: refused before allocating,
  // whatever the heap holds (exactly 1 GiB could be granted on an empty heap).
  () => ctx.createBuffer(1, 2 ** 28 + 1, 8000), () => new OfflineAudioContext(32, 2 ** 28, 8000)]) {
  try { f(); console.log('ok') } catch (e) { console.log(e.name) }
}
ctx.startRendering().then((b) => { const d = b.getChannelData(1); console.log(b.numberOfChannels, d[0], d[255].toFixed(3)); });`,
			"RangeError\nTypeError\nNotSupportedError\nNotSupportedError\nRangeError\nRangeError\n2 0 1.000\n"},
		{"decodeAudioData of garbage fails through both forms", `const ctx = new OfflineAudioContext(1, 128, 8000);
ctx.decodeAudioData(new Uint8Array([1, 2, 3]).buffer, () => console.log('decoded'), (e) => console.log('callback', e.name));
ctx.decodeAudioData(new Uint8Array([1, 2, 3]).buffer).catch((e) => console.log('promise', e.name));`,
			"callback EncodingError\npromise EncodingError\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{}, tc.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

// TestWebAudioSurvivesBadArguments calls every method and sets every attribute
// of the audio objects with hostile values: each call works or throws.
func TestWebAudioSurvivesBadArguments(t *testing.T) {
	src := `const bad = [undefined, null, NaN, Infinity, -Infinity, -1, 0, 1e308, -1e308, 2 ** 31, 'x', {}, [], [NaN], Symbol('s'), new Float32Array(3)];
const ctx = new OfflineAudioContext(2, 512, 8000);
const objs = [ctx, ctx.destination, ctx.listener, ctx.createGain(), ctx.createOscillator(), ctx.createBufferSource(), ctx.createBiquadFilter(),
  ctx.createDelay(1), ctx.createDynamicsCompressor(), ctx.createConstantSource(), ctx.createPanner(), ctx.createStereoPanner(), ctx.createWaveShaper(),
  ctx.createAnalyser(), ctx.createConvolver(), ctx.createBuffer(1, 16, 8000), ctx.createGain().gain];
let calls = 0;
for (const o of objs) {
  const proto = Object.getPrototypeOf(o);
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (name === 'startRendering' || name === 'decodeAudioData') continue;
    for (const v of bad) {
      calls++;
      try { if (d.set) o[name] = v; else if (typeof d.value === 'function') { d.value.call(o, v, v, v); d.value.call(o, 1, v); d.value.call(o, v, 1e9, 0.5) } } catch (e) { if (!(e instanceof Error)) throw e; }
    }
  }
}
ctx.startRendering().then(() => console.log(calls > 500));`
	out, err := runWx(t, Options{}, src)
	if err != nil || out != "true\n" {
		t.Fatalf("%q %v", out, err)
	}
}
