package script

import (
	"strings"
	"testing"
)

func TestScriptProcessorNode(t *testing.T) {
	out, err := runWx(t, Options{}, `const ctx = new OfflineAudioContext(1, 4096, 8000);
const c = ctx.createConstantSource(); c.offset.value = 0.5;
const sp = ctx.createScriptProcessor(256, 1, 1);
let calls = 0;
sp.onaudioprocess = (e) => { calls++; const i = e.inputBuffer.getChannelData(0), o = e.outputBuffer.getChannelData(0); for (let k = 0; k < i.length; k++) o[k] = i[k] * 2; };
c.connect(sp).connect(ctx.destination); c.start();
for (const f of [() => ctx.createScriptProcessor(300), () => ctx.createScriptProcessor(256, 0, 0), () => ctx.createScriptProcessor(256, 99, 1), () => ctx.createScriptProcessor(NaN)]) {
  try { f(); console.log('ok') } catch (e) { console.log(e.name) }
}
const rt = new AudioContext({sampleRate: 8000});
console.log(rt.createScriptProcessor().bufferSize);
ctx.startRendering().then((b) => { const d = b.getChannelData(0); console.log(calls, d[0], d[511], d[512], d[4095], typeof sp.onaudioprocess); });`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The output lags the input by two buffers, as in Chromium.
	if want := "IndexSizeError\nIndexSizeError\nNotSupportedError\nok\n1024\n16 0 0 1 1 function\n"; out != want {
		t.Errorf("stdout\n got %q\nwant %q", out, want)
	}
	out, err = runWx(t, Options{}, `const ctx = new OfflineAudioContext(1, 4096, 8000);
const sp = ctx.createScriptProcessor(256, 1, 1);
let calls = 0;
sp.onaudioprocess = () => { calls++; throw new Error('boom'); };
sp.connect(ctx.destination);
ctx.startRendering().then(() => console.log('rendered', calls));`)
	if err == nil || !strings.Contains(err.Error(), "boom") || strings.Contains(out, "rendered") {
		t.Fatalf("a throwing onaudioprocess should end the script: %q %v", out, err)
	}
	// A callback re-entering a realtime context while it renders.
	out, err = runWx(t, Options{}, `const ctx = new AudioContext({sampleRate: 8000});
const sp = ctx.createScriptProcessor(256, 1, 1);
let calls = 0;
sp.onaudioprocess = (e) => { calls++; ctx.currentTime; ctx.suspend(); ctx.resume(); e.outputBuffer.getChannelData(0).fill(0.25); };
const an = new AnalyserNode(ctx, {fftSize: 32});
ctx.createConstantSource().connect(sp).connect(an).connect(ctx.destination);
setTimeout(() => { const d = new Float32Array(32); an.getFloatTimeDomainData(d); console.log(calls > 2, d[31], ctx.state); }, 300);`)
	if err != nil || out != "true 0.25 running\n" {
		t.Fatalf("%q %v", out, err)
	}
}
