package script

import "testing"

func TestAudioConstructors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"gain over a constant source", `const ctx = new OfflineAudioContext(1, 128, 8000);
const c = new ConstantSourceNode(ctx, {offset: 0.8});
const g = new GainNode(ctx, {gain: 0.5});
c.connect(g).connect(ctx.destination); c.start();
console.log(g instanceof GainNode, ctx.createGain() instanceof GainNode, g.constructor === GainNode, g.gain.value, c.offset.value);
ctx.startRendering().then((b) => { const d = b.getChannelData(0); console.log(d[0].toFixed(4), d[127].toFixed(4)); });`,
			"true true true 0.5 0.800000011920929\n0.4000 0.4000\n"},
		{"defaults apply to members left out", `const ctx = new OfflineAudioContext(1, 128, 8000);
const g = new GainNode(ctx), o = new OscillatorNode(ctx, {}), f = new BiquadFilterNode(ctx, {type: 'highpass', Q: 3});
const a = new AnalyserNode(ctx, {fftSize: 512}), d = new DelayNode(ctx, {maxDelayTime: 2, delayTime: 0.5});
console.log(g.gain.value, o.type, o.frequency.value, f.type, f.frequency.value, f.Q.value, a.fftSize, d.delayTime.value);`,
			"1 sine 440 highpass 350 3 512 0.5\n"},
		{"buffer source plays a constructed AudioBuffer", `const ctx = new OfflineAudioContext(1, 16, 8000);
const buf = new AudioBuffer({length: 4, sampleRate: 8000});
buf.getChannelData(0).set([0.1, 0.2, 0.3, 0.4]);
const s = new AudioBufferSourceNode(ctx, {buffer: buf, loop: true});
console.log(buf.numberOfChannels, buf.length, s.loop, s.buffer === buf, buf instanceof AudioBuffer);
s.connect(ctx.destination); s.start();
ctx.startRendering().then((b) => console.log(Array.from(b.getChannelData(0)).map((v) => v.toFixed(1)).join(' ')));`,
			"1 4 true true true\n0.1 0.2 0.3 0.4 0.1 0.2 0.3 0.4 0.1 0.2 0.3 0.4 0.1 0.2 0.3 0.4\n"},
		{"oscillator with a custom PeriodicWave", `const ctx = new OfflineAudioContext(1, 8, 8000);
const w = new PeriodicWave(ctx, {real: [0, 0], imag: [0, 1], disableNormalization: true});
const o = new OscillatorNode(ctx, {periodicWave: w, frequency: 1000});
o.connect(ctx.destination); o.start();
ctx.startRendering().then((b) => console.log(o.type, Array.from(b.getChannelData(0)).map((v) => v.toFixed(2)).join(' ')));`,
			"custom 0.00 0.71 1.00 0.71 0.00 -0.71 -1.00 -0.71\n"},
		{"bad dictionaries throw", `const ctx = new OfflineAudioContext(1, 128, 8000);
for (const f of [() => new GainNode(), () => new GainNode({}), () => new GainNode(ctx, 5), () => new AudioBufferSourceNode(ctx, {buffer: {}}),
  () => new OscillatorNode(ctx, {type: 'custom'}), () => new ChannelMergerNode(ctx, {numberOfInputs: 99}), () => new AudioBuffer({length: 0, sampleRate: 8000}),
  () => new AudioBuffer(), () => new AudioBuffer({numberOfChannels: 32, length: 2 ** 28, sampleRate: 8000}), () => new PeriodicWave(ctx, {real: [0], imag: [0, 1]})]) {
  try { f(); console.log('ok') } catch (e) { console.log(e.name) }
}`,
			"TypeError\nTypeError\nTypeError\nTypeError\nInvalidStateError\nIndexSizeError\nNotSupportedError\nTypeError\nRangeError\nIndexSizeError\n"},
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
