package audio

import (
	"math"
	"testing"
)

// Convolver, analyser and script processor.

const jsDecayIR = `(seed, n) => { const r = (` + jsNoise + `)(seed); return (c, i) => r(c, i) * Math.exp(-i / (n / 5)); }`

func decayIR(c *OfflineContext, ch, n int, seed int64) *AudioBuffer {
	r := noiseFn(seed)
	return mkbuf(c, ch, n, c.SampleRate(), func(k, i int) float64 { return r(k, i) * math.Exp(-float64(i)/(float64(n)/5)) })
}

func convCase(name string, inCh, irCh, irLen int, normalize bool) diffCase {
	norm := "false"
	if !normalize {
		norm = "true"
	}
	return diffCase{name: name, channels: 2, length: 8192, rate: 44100, snr: 80,
		js: jsNoiseSrc(inCh, 2048, "21") + `const v = ctx.createConvolver(); v.normalize = ` + map[bool]string{true: "true", false: "false"}[normalize] + `; v.buffer = mkbuf(ctx, ` + itoa(irCh) + `, ` + itoa(irLen) + `, 44100, (` + jsDecayIR + `)(9, ` + itoa(irLen) + `)); s.connect(v).connect(ctx.destination); /* disableNormalization=` + norm + ` */`,
		build: func(c *OfflineContext) error {
			s := noiseSrc(c, inCh, 2048, 21)
			v, err := NewConvolverNode(c.BaseContext, ConvolverOptions{Buffer: decayIR(c, irCh, irLen, 9), DisableNormalization: !normalize})
			return firstErr(err, s.Connect(v), v.Connect(c.Destination()))
		}}
}

// dbCheck compares the output channels within 1e-4 and the extra analyser readings within 0.11
// (dB, or bytes/10: one byte step) wherever they are above −100 dB.
func dbCheck(outChans int) func(t *testing.T, ref, got [][]float32) {
	return func(t *testing.T, ref, got [][]float32) {
		for ch := range ref {
			for i := range ref[ch] {
				r, g := float64(ref[ch][i]), float64(got[ch][i])
				if ch < outChans {
					if math.Abs(r-g) > 1e-4 {
						t.Fatalf("output channel %d frame %d: %v vs %v", ch, i, r, g)
					}
					continue
				}
				// Bins far below the signal are numerical noise in both engines.
				if r < -100 && g < -100 {
					continue
				}
				if math.Abs(r-g) > 0.11 {
					t.Fatalf("reading %d bin %d: Chromium %v dB, got %v dB", ch-outChans, i, r, g)
				}
			}
		}
	}
}

var fxCases = []diffCase{
	convCase("convolver-mono-normalized", 1, 1, 1500, true),
	convCase("convolver-stereo-ir-mono-in", 1, 2, 3000, true),
	convCase("convolver-stereo-raw", 2, 2, 700, false),
	convCase("convolver-mono-ir-stereo-in", 2, 1, 1000, true),
	convCase("convolver-true-stereo", 2, 4, 1200, true),
	{name: "analyser-frequency-data", channels: 1, length: 4096, rate: 44100, check: dbCheck(1),
		js: `const o = ctx.createOscillator(); o.frequency.value = 1000; const an = ctx.createAnalyser(); an.fftSize = 512; an.smoothingTimeConstant = 0.5; o.connect(an).connect(ctx.destination); o.start();
for (const f of [1024, 2048, 3072]) ctx.suspend(f / 44100).then(() => { const a = new Float32Array(256); an.getFloatFrequencyData(a); ctx.extra.push(a); const b = new Uint8Array(256); an.getByteFrequencyData(b); ctx.extra.push(Float32Array.from(b, x => x / 10)); ctx.resume(); });`,
		buildX: func(c *OfflineContext, extra *[][]float32) error {
			o := c.CreateOscillator()
			o.Frequency().SetValue(1000)
			an, err := NewAnalyserNode(c.BaseContext, AnalyserOptions{FFTSize: 512, SmoothingTimeConstant: F64(0.5)})
			var chans []<-chan struct{}
			for _, f := range []float64{1024, 2048, 3072} {
				ch, e := c.Suspend(f / 44100)
				err = firstErr(err, e)
				chans = append(chans, ch)
			}
			go func() {
				for _, ch := range chans {
					<-ch
					a := make([]float32, 256)
					an.GetFloatFrequencyData(a)
					b := make([]byte, 256)
					an.GetByteFrequencyData(b)
					bf := make([]float32, 256)
					for i, x := range b {
						bf[i] = float32(x) / 10
					}
					*extra = append(*extra, a, bf)
					c.Resume()
				}
			}()
			return firstErr(err, o.Connect(an), an.Connect(c.Destination()), o.Start(0))
		}},
	{name: "analyser-time-domain-unconnected", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 2, 2048, 44100, (` + jsSin + `)(0.02)); const an = ctx.createAnalyser(); an.fftSize = 1024; s.connect(an); s.start();
ctx.suspend(1536 / 44100).then(() => { const a = new Float32Array(1024); an.getFloatTimeDomainData(a); ctx.extra.push(a); const b = new Uint8Array(1024); an.getByteTimeDomainData(b); ctx.extra.push(Float32Array.from(b)); ctx.resume(); });`,
		buildX: func(c *OfflineContext, extra *[][]float32) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 2048, 44100, sinFn(0.02)))
			an, err := NewAnalyserNode(c.BaseContext, AnalyserOptions{FFTSize: 1024})
			ch, e := c.Suspend(1536.0 / 44100)
			go func() {
				<-ch
				a := make([]float32, 1024)
				an.GetFloatTimeDomainData(a)
				b := make([]byte, 1024)
				an.GetByteTimeDomainData(b)
				bf := make([]float32, 1024)
				for i, x := range b {
					bf[i] = float32(x)
				}
				*extra = append(*extra, a, bf)
				c.Resume()
			}()
			return firstErr(err, e, s.Connect(an), s.Start(0))
		}},
	{name: "script-processor-half-gain", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 4096, 44100, (` + jsSin + `)(0.01)); const sp = ctx.createScriptProcessor(512, 1, 1);
sp.onaudioprocess = (e) => { const i = e.inputBuffer.getChannelData(0), o = e.outputBuffer.getChannelData(0); for (let k = 0; k < i.length; k++) o[k] = i[k] * 0.5; };
s.connect(sp).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 4096, 44100, sinFn(0.01)))
			sp, err := c.CreateScriptProcessor(512, 1, 1)
			if err != nil {
				return err
			}
			sp.SetOnAudioProcess(func(e *AudioProcessingEvent) {
				in, _ := e.InputBuffer.GetChannelData(0)
				out, _ := e.OutputBuffer.GetChannelData(0)
				for k := range in {
					out[k] = in[k] * 0.5
				}
			})
			return firstErr(s.Connect(sp), sp.Connect(c.Destination()), s.Start(0))
		}},
}

func TestChromiumEffects(t *testing.T) { runDiffCases(t, fxCases) }
