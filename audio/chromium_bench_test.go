package audio

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/internal/browser"
)

// TestChromiumBenchmarks renders the benchmark graphs in Chromium's OfflineAudioContext and
// prints its x-realtime, for the side-by-side table in the README. Run with CHROMIUM_BENCH=1.
func TestChromiumBenchmarks(t *testing.T) {
	if os.Getenv("CHROMIUM_BENCH") == "" {
		t.Skip("set CHROMIUM_BENCH=1")
	}
	graphs := []struct{ name, js string }{
		{"GainChain", `let prev = noise(2); for (let i = 0; i < 10; i++) { const g = ctx.createGain(); g.gain.value = 0.9; prev.connect(g); prev = g; } prev.connect(ctx.destination);`},
		{"Oscillators100", `const sum = ctx.createGain(); sum.gain.value = 0.01; const types = ['sine','square','sawtooth','triangle']; for (let i = 0; i < 100; i++) { const o = ctx.createOscillator(); o.type = types[i % 4]; o.frequency.value = 110 + 17 * i; o.connect(sum); o.start(); } sum.connect(ctx.destination);`},
		{"BiquadNoise", `const f = ctx.createBiquadFilter(); f.frequency.value = 2000; f.Q.value = 3; noise(2).connect(f).connect(ctx.destination);`},
		{"Compressor", `const k = ctx.createDynamicsCompressor(); noise(2).connect(k).connect(ctx.destination);`},
		{"StereoPanner", `const p = ctx.createStereoPanner(); p.pan.setValueAtTime(-1, 0); p.pan.linearRampToValueAtTime(1, 1000); noise(2).connect(p).connect(ctx.destination);`},
		{"Convolver1s", `const ir = ctx.createBuffer(2, 44100, 44100); for (let c = 0; c < 2; c++) { const d = ir.getChannelData(c); for (let i = 0; i < d.length; i++) d[i] = (Math.random() - 0.5) * Math.exp(-i / 8000); } const v = ctx.createConvolver(); v.buffer = ir; noise(1).connect(v).connect(ctx.destination);`},
		{"PlaybackRate1_5", `const s = noise(2); s.playbackRate.value = 1.5; s.connect(ctx.destination);`},
		{"Automation20s", `const s = ctx.createConstantSource(); const p = s.offset; for (let k = 0; k < 2000; k++) { const t = k * 20 / 2000; switch (k % 4) { case 0: p.setValueAtTime((k % 7) / 7, t); break; case 1: p.linearRampToValueAtTime((k % 5) / 5, t); break; case 2: p.exponentialRampToValueAtTime(0.1 + (k % 3) / 3, t); break; default: p.setTargetAtTime(0.5, t, 0.002); } } s.connect(ctx.destination); s.start();`},
	}
	b, err := browser.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// Chromium runs as a child of this test process: the CPU time of the whole process tree
	// is the browser's (plus this test's negligible share while it waits).
	root := os.Getpid()
	run := func(name, js string, seconds float64) (wall, cpu float64) {
		expr := fmt.Sprintf(`(async () => {
const ctx = new OfflineAudioContext(2, Math.round(%v * 44100), 44100);
function noise(ch) { const b = ctx.createBuffer(ch, 44100, 44100); for (let c = 0; c < ch; c++) { const d = b.getChannelData(c); for (let i = 0; i < d.length; i++) d[i] = Math.random() - 0.5; } const s = ctx.createBufferSource(); s.buffer = b; s.loop = true; s.start(); return s; }
%s
const t0 = performance.now(); await ctx.startRendering(); return (performance.now() - t0) / 1000;
})()`, seconds, js)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cpu0 := treeCPU(root)
		raw, err := b.Eval(ctx, expr)
		c := treeCPU(root) - cpu0
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var secs float64
		json.Unmarshal(raw, &secs)
		return seconds / secs, seconds / c.Seconds()
	}
	for _, g := range graphs {
		// A first short run sizes the measured one to take about two seconds, so that the
		// 10 ms resolution of the CPU clock does not matter.
		w, _ := run(g.name, g.js, 20)
		secs := min(300, max(20, 2*w))
		if g.name == "Automation20s" {
			secs = 20 // its events span 20 s
		}
		wall, cpu := run(g.name, g.js, secs)
		t.Logf("Chromium %-16s %8.1f x-realtime %8.1f x-realtime-cpu (%.0f s rendered)", g.name, wall, cpu, secs)
	}
}

// treeCPU sums user+system time of root and all its descendants.
func treeCPU(root int) time.Duration {
	if root == 0 {
		return 0
	}
	parent := map[int]int{}
	ticks := map[int]int64{}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		st, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		s := string(st)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+2:])
		if len(f) < 13 {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(d))
		ppid, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		stt, _ := strconv.ParseInt(f[12], 10, 64)
		parent[pid] = ppid
		ticks[pid] = ut + stt
	}
	var total int64
	for pid, t := range ticks {
		for p := pid; p != 0; p = parent[p] {
			if p == root {
				total += t
				break
			}
		}
	}
	return time.Duration(total) * (time.Second / 100) // USER_HZ
}
