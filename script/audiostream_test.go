package script

import "testing"

func TestAudioContext(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"state transitions and their events", `const ctx = wx.createWebAudioContext();
const states = [];
ctx.onstatechange = () => states.push(ctx.state);
console.log(ctx instanceof AudioContext, ctx.state, ctx.sampleRate, ctx.destination.channelCount, typeof ctx.createGain);
(async () => {
  await ctx.suspend();
  console.log('suspended', ctx.state);
  const t = ctx.currentTime;
  await new Promise((res) => setTimeout(res, 60));
  console.log('clock still', ctx.currentTime === t);
  await ctx.resume();
  await new Promise((res) => setTimeout(res, 60));
  console.log('clock runs', ctx.currentTime > t + 0.03);
  await ctx.close();
  console.log('closed', ctx.state, states.join(','));
  try { await ctx.resume(); } catch (e) { console.log(e.name); }
  try { await ctx.close(); } catch (e) { console.log(e.name); }
})();`,
			"true running 44100 2 function\nsuspended suspended\nclock still true\nclock runs true\nclosed closed suspended,running,closed\nInvalidStateError\nInvalidStateError\n"},
		{"a graph renders as the loop advances", `const ctx = new AudioContext({sampleRate: 8000});
const osc = new OscillatorNode(ctx, {type: 'square', frequency: 500});
const g = ctx.createGain(); g.gain.value = 0.5;
const an = ctx.createAnalyser(); an.fftSize = 256;
osc.connect(g).connect(an).connect(ctx.destination);
osc.start();
const d = new Float32Array(256);
an.getFloatTimeDomainData(d);
console.log(ctx.sampleRate, Math.max(...d.map(Math.abs)) < 0.1);
setTimeout(() => {
  an.getFloatTimeDomainData(d);
  const peak = Math.max(...d.map(Math.abs));
  console.log(peak > 0.4 && peak < 0.6, ctx.currentTime > 0.05 && ctx.currentTime < 5);
}, 100);`,
			"8000 true\ntrue true\n"},
		{"bad arguments", `for (const f of [() => new AudioContext({sampleRate: 10}), () => new AudioContext(5), () => { for (let i = 0; i < 9; i++) new AudioContext(); }]) {
  try { f(); console.log('ok') } catch (e) { console.log(e.name) }
}`,
			"NotSupportedError\nTypeError\nNotSupportedError\n"},
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
