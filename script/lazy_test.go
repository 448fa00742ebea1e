package script

import (
	"strings"
	"testing"
)

// TestLazyGlobals checks that interfaces built on first use look to scripts
// exactly like ones installed eagerly: each row prints what it checks, and the
// expected output is what an eagerly installed global gives (WebIDL's
// descriptors, as in Chromium).
func TestLazyGlobals(t *testing.T) {
	const desc = `const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k);
		return x && ('value' in x ? 'data ' + typeof x.value : 'accessor') + ' w' + +!!x.writable + ' e' + +x.enumerable + ' c' + +x.configurable; };`
	tests := []struct {
		name, src, want string
	}{
		{"descriptor before any other access",
			desc + `console.log(d(globalThis, 'GainNode'), d(globalThis, 'AudioContext'), d(globalThis, 'OffscreenCanvas'))`,
			"data function w1 e0 c1 data function w1 e0 c1 data function w1 e0 c1\n"},
		{"Reflect.getOwnPropertyDescriptor and getOwnPropertyDescriptors",
			desc + `const r = Reflect.getOwnPropertyDescriptor(globalThis, 'DelayNode');
			const all = Object.getOwnPropertyDescriptors(globalThis);
			console.log('value' in r, 'value' in all.AudioBuffer, all.OfflineAudioContext.enumerable)`,
			"true true false\n"},
		{"typeof, in, hasOwnProperty",
			`console.log(typeof AudioBuffer, 'GainNode' in globalThis, globalThis.hasOwnProperty('PannerNode'), typeof NoSuchNode)`,
			"function true true undefined\n"},
		{"not enumerable, key order fixed at install",
			`const keys = Object.getOwnPropertyNames(globalThis); const before = keys.join();
			GainNode; AudioBuffer; OfflineAudioContext;
			console.log(Object.getOwnPropertyNames(globalThis).join() === before, Object.keys(globalThis).includes('GainNode'),
				keys.indexOf('OfflineAudioContext') < keys.indexOf('GainNode'), keys.indexOf('GainNode') < keys.indexOf('AudioBuffer'))`,
			"true false true true\n"},
		{"one identity, linked both ways",
			`const G = GainNode; const ctx = new OfflineAudioContext(1, 128, 44100); const g = ctx.createGain();
			console.log(G === GainNode, g instanceof GainNode, g.constructor === GainNode, GainNode.prototype === Object.getPrototypeOf(g))`,
			"true true true true\n"},
		{"a factory before the global",
			`const ctx = new OfflineAudioContext(1, 128, 44100); const o = ctx.createOscillator(); const p = Object.getPrototypeOf(o);
			console.log(p.constructor === OscillatorNode, OscillatorNode.prototype === p, new OscillatorNode(ctx) instanceof OscillatorNode)`,
			"true true true\n"},
		{"assignment before first read",
			desc + `GainNode = 5; globalThis.DelayNode = 'x'; console.log(GainNode, DelayNode, d(globalThis, 'GainNode'))`,
			"5 x data number w1 e0 c1\n"},
		{"assignment through an inheriting object",
			desc + `const o = Object.create(globalThis); o.ConvolverNode = 1;
			console.log(o.ConvolverNode, typeof ConvolverNode, d(o, 'ConvolverNode'))`,
			"1 function data number w1 e1 c1\n"},
		{"delete before first read",
			`delete globalThis.WaveShaperNode; const c = new OfflineAudioContext(1, 128, 44100);
			console.log(typeof WaveShaperNode, 'WaveShaperNode' in globalThis, typeof c.createWaveShaper().constructor)`,
			"undefined false function\n"},
		{"partial redefinition keeps the value",
			desc + `Object.defineProperty(globalThis, 'BiquadFilterNode', {enumerable: true});
			Reflect.defineProperty(globalThis, 'IIRFilterNode', {writable: false});
			console.log(d(globalThis, 'BiquadFilterNode'), d(globalThis, 'IIRFilterNode'))`,
			"data function w1 e1 c1 data function w0 e0 c1\n"},
		{"defineProperties with a key object",
			desc + `Object.defineProperties(globalThis, {StereoPannerNode: {configurable: false}});
			console.log(d(globalThis, 'StereoPannerNode'))`,
			"data function w1 e0 c0\n"},
		{"freeze fixes data properties",
			desc + `Object.freeze(globalThis); console.log(d(globalThis, 'AnalyserNode'), typeof AnalyserNode)`,
			"data function w0 e0 c0 function\n"},
		{"a key whose toString runs once",
			desc + `let n = 0; const k = {toString() { n++; return 'ChannelMergerNode'; }};
			console.log(d(globalThis, k), n)`,
			"data function w1 e0 c1 1\n"},
		{"wrapped reflection functions look native",
			desc + `console.log(String(Object.getOwnPropertyDescriptor), Object.defineProperty.length, Reflect.defineProperty.name,
				d(Object, 'freeze'), d(Object.seal, 'name'))`,
			"function getOwnPropertyDescriptor() { [native code] } 3 defineProperty data function w1 e0 c1 data string w0 e0 c1\n"},
		{"DOMMatrix from getTransform before the global",
			`const m = new OffscreenCanvas(4, 4).getContext('2d').getTransform();
			console.log(m instanceof DOMMatrix, m instanceof DOMMatrixReadOnly, m.a, Object.keys(DOMMatrix.prototype).length)`,
			"true true 1 22\n"},
		{"DOMMatrix built after the script changed what building uses",
			`Object.defineProperty = null; Array.prototype.forEach = null; Object.prototype.value = 1;
			Symbol = null;
			const p = new DOMPoint(1, 2).matrixTransform({e: 10});
			console.log(p.x, p.y, new DOMMatrix().isIdentity)`,
			"11 2 true\n"},
		{"a reassigned DOM global stays reassigned",
			desc + `DOMPoint = 1; const m = new DOMMatrix(); console.log(DOMPoint, typeof DOMPointReadOnly, d(globalThis, 'DOMMatrixReadOnly'),
				Object.getOwnPropertyNames(globalThis).filter(k => k.startsWith('DOM')).join())`,
			"1 function data function w1 e0 c1 DOMException,DOMMatrixReadOnly,DOMMatrix,DOMPointReadOnly,DOMPoint\n"},
		{"DOMException thrown by a binding before the global is read",
			`const E = Error; Error = null;
			try { new OffscreenCanvas(4, 4).getContext('2d').getImageData(0, 0, 0, 1); } catch (e) {
				console.log(e instanceof DOMException, e instanceof E, e.name, e.code, Object.prototype.toString.call(e), Object.getPrototypeOf(DOMException) === E) }`,
			"true true IndexSizeError 1 [object DOMException] true\n"},
		{"lazy class built by its first instance",
			desc + `const m = new OffscreenCanvas(4, 4).getContext('2d').measureText('hi');
			console.log(m instanceof TextMetrics, m.constructor === TextMetrics, Object.getOwnPropertyNames(TextMetrics.prototype).slice(0, 3).join(),
				String(TextMetrics.prototype), d(globalThis, 'TextMetrics'), d(TextMetrics, 'name'))`,
			"true true constructor,width,actualBoundingBoxLeft [object TextMetrics] data function w1 e0 c1 data string w0 e0 c1\n"},
		{"lazy class built by its global",
			`const a = wx.createInnerAudioContext(); console.log(Object.getPrototypeOf(a) === InnerAudioContext.prototype,
				typeof InnerAudioContext.prototype.play, Object.keys(InnerAudioContext.prototype).length > 10); a.destroy();
			try { new MediaRecorder(); } catch (e) { console.log(e.message) }`,
			"true function true\nIllegal constructor\n"},
		{"canvas classes made from Go before their globals",
			`const c = new OffscreenCanvas(4, 4), x = c.getContext('2d');
			const g = x.createLinearGradient(0, 0, 1, 1), p = c.createPath2D('M0 0h1'), d = x.getImageData(0, 0, 1, 1);
			const pat = x.createPattern(c, 'repeat');
			console.log(g instanceof CanvasGradient, p instanceof Path2D, d instanceof ImageData, pat instanceof CanvasPattern,
				g.constructor === CanvasGradient, Object.keys(Path2D.prototype).slice(0, 2).join(), new ImageData(1, 1).data.length)`,
			"true true true true true closePath,moveTo 4\n"},
		{"wx.canIUse sees lazy interfaces",
			`console.log(wx.canIUse('GainNode'), wx.canIUse('AudioBuffer.getChannelData'))`,
			"true true\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := run(t, Options{}, tt.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut)
			}
			if out != tt.want {
				t.Errorf("got  %q\nwant %q", out, tt.want)
			}
		})
	}
}

// TestLazyGlobalsUnbuilt checks that a script that never touches the lazy
// interfaces does not build them.
func TestLazyGlobalsUnbuilt(t *testing.T) {
	r := New(Options{})
	defer r.Close()
	if err := r.RunString(t.Context(), "draw.js", `new OffscreenCanvas(8, 8).getContext('2d').fillRect(0, 0, 8, 8)`); err != nil {
		t.Fatal(err)
	}
	if len(r.audio.protos) != 0 {
		t.Errorf("%d audio prototypes built by a script without audio", len(r.audio.protos))
	}
	if k := r.classes; k.textMetrics.ctor != nil || k.path.ctor != nil || k.imageData.ctor != nil || k.domClasses != nil {
		t.Error("TextMetrics, Path2D, ImageData or DOMMatrix built by a script that uses none")
	}
	if !strings.Contains(strings.Join(r.interfaces, ","), "GainNode") {
		t.Error("GainNode missing from the interfaces wx.canIUse reports")
	}
}
