package script

import (
	"testing"
	"time"
)

// innerWAV writes a mono 16-bit WAV of the given seconds at 8 kHz and returns
// its path.
const innerWAV = `function writeWAV(name, seconds) {
  const n = Math.round(8000 * seconds), b = new DataView(new ArrayBuffer(44 + 2 * n));
  const str = (o, s) => { for (let i = 0; i < s.length; i++) b.setUint8(o + i, s.charCodeAt(i)); };
  str(0, 'RIFF'); b.setUint32(4, 36 + 2 * n, true); str(8, 'WAVEfmt '); b.setUint32(16, 16, true);
  b.setUint16(20, 1, true); b.setUint16(22, 1, true); b.setUint32(24, 8000, true); b.setUint32(28, 16000, true);
  b.setUint16(32, 2, true); b.setUint16(34, 16, true); str(36, 'data'); b.setUint32(40, 2 * n, true);
  for (let i = 0; i < n; i++) b.setInt16(44 + 2 * i, Math.round(8000 * Math.sin(i / 4)), true);
  const path = wx.env.USER_DATA_PATH + '/' + name;
  wx.getFileSystemManager().writeFileSync(path, b.buffer);
  return path;
}
`

func TestInnerAudioContext(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"canplay, play, timeUpdate and ended in order, by the clock", innerWAV + `const a = wx.createInnerAudioContext();
const log = [];
for (const ev of ['Canplay', 'Play', 'TimeUpdate', 'Ended', 'Pause', 'Stop', 'Error']) a['on' + ev](() => log.push(ev));
console.log(a instanceof InnerAudioContext, a.paused, a.duration, a.volume, a.playbackRate);
a.autoplay = true;
a.src = writeWAV('tone.wav', 0.6);
const t0 = Date.now();
console.log(a.src.endsWith('tone.wav'), a.duration.toFixed(2));
a.onEnded(() => {
  const took = Date.now() - t0;
  console.log(log.join(','), a.paused, a.currentTime, took >= 450 && took < 3000);
});`,
			"true true 0 1 1\ntrue 0.60\nCanplay,Play,TimeUpdate,TimeUpdate,Ended true 0 true\n"},
		{"pause, seek, stop and off", innerWAV + `const a = wx.createInnerAudioContext();
const log = [];
const onPause = () => log.push('pause');
a.onPause(onPause); a.offPause(onPause);
a.onPause(() => log.push('pause2'));
for (const ev of ['Play', 'Stop', 'Seeking', 'Seeked']) a['on' + ev](() => log.push(ev.toLowerCase()));
a.src = writeWAV('s.wav', 2);
a.play();
setTimeout(() => {
  a.pause();
  const t = a.currentTime;
  console.log(t > 0.02 && t < 1, a.paused);
  a.currentTime = 1;
  console.log(a.currentTime);
  a.seek(1.5);
  console.log(a.currentTime);
  setTimeout(() => { console.log(a.currentTime); a.stop(); setTimeout(() => { console.log(log.join(','), a.currentTime); a.destroy(); a.play(); }, 10); }, 50);
}, 60);`,
			"true true\n1\n1.5\n1.5\nplay,pause2,seeking,seeked,seeking,seeked,stop 0\n"},
		{"errors reach onError", innerWAV + `const a = wx.createInnerAudioContext(), b = wx.createInnerAudioContext();
a.onError((e) => console.log('a', e.errCode));
b.onError((e) => console.log('b', e.errCode));
a.src = '/etc/passwd';
const bad = wx.env.USER_DATA_PATH + '/bad.wav';
wx.getFileSystemManager().writeFileSync(bad, 'not audio');
b.src = bad;
try { a.onPlay(5) } catch (e) { console.log(e.name) }
try { new InnerAudioContext() } catch (e) { console.log(e.name) }
try { for (let i = 0; i < 20; i++) wx.createInnerAudioContext(); } catch (e) { console.log(e.name) }`,
			"TypeError\nTypeError\nRangeError\na 10003\nb 10004\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{Timeout: 10 * time.Second}, tc.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

// TestRealtimeAudioSurvivesBadArguments calls every method and sets every
// attribute of AudioContext and InnerAudioContext with hostile values, and
// every constructor with hostile dictionaries: each call works or throws.
func TestRealtimeAudioSurvivesBadArguments(t *testing.T) {
	src := `const bad = [undefined, null, NaN, Infinity, -Infinity, -1, 0, 1e308, 2 ** 31, 'x', '/etc/passwd', {}, [], [NaN], Symbol('s'), new Float32Array(3)];
const ctx = new AudioContext({sampleRate: 8000});
const objs = [ctx, wx.createInnerAudioContext(), ctx.createScriptProcessor()];
let calls = 0;
const tryIt = (f) => { calls++; try { f() } catch (e) { if (!(e instanceof Error)) throw e; } };
for (const o of objs) {
  const proto = Object.getPrototypeOf(o);
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (name === 'constructor') continue;
    for (const v of bad) {
      tryIt(() => { if (d.set) o[name] = v; else if (typeof d.value === 'function') { const p = d.value.call(o, v, v, v); if (p instanceof Promise) p.catch(() => {}); } });
    }
  }
}
for (const C of [GainNode, OscillatorNode, AudioBufferSourceNode, BiquadFilterNode, PeriodicWave, AnalyserNode, ChannelMergerNode, ChannelSplitterNode,
  ConstantSourceNode, ConvolverNode, DelayNode, DynamicsCompressorNode, IIRFilterNode, PannerNode, StereoPannerNode, WaveShaperNode, AudioBuffer]) {
  for (const v of bad) {
    const dict = {};
    for (const k of ['gain', 'type', 'frequency', 'Q', 'buffer', 'loop', 'real', 'imag', 'fftSize', 'numberOfInputs', 'numberOfOutputs', 'offset', 'maxDelayTime',
      'delayTime', 'feedforward', 'feedback', 'curve', 'oversample', 'channelCount', 'channelCountMode', 'length', 'sampleRate', 'numberOfChannels', 'panningModel']) dict[k] = v;
    tryIt(() => new C(ctx, dict));
    tryIt(() => new C(ctx, v));
    tryIt(() => new C(v));
  }
}
setTimeout(() => console.log(calls > 500, ctx.state), 20);`
	out, err := runWx(t, Options{Timeout: 20 * time.Second}, src)
	if err != nil || out != "true closed\n" {
		t.Fatalf("%q %v", out, err)
	}
}
