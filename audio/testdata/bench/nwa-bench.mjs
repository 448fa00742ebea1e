// The audio benchmark graphs in node-web-audio-api (the web-audio-api-rs engine), for the README's
// comparison table. Copy it into a directory where `npm install node-web-audio-api` was done
// (ES modules resolve packages next to the script) and run `node nwa-bench.mjs` there.
// Prints wall-clock and CPU-time x-realtime per graph (CPU time covers the engine's threads).
import { OfflineAudioContext } from 'node-web-audio-api';

const graphs = {
  GainChain: (ctx, noise) => { let prev = noise(2); for (let i = 0; i < 10; i++) { const g = ctx.createGain(); g.gain.value = 0.9; prev.connect(g); prev = g; } prev.connect(ctx.destination); },
  Oscillators100: (ctx) => { const sum = ctx.createGain(); sum.gain.value = 0.01; const types = ['sine', 'square', 'sawtooth', 'triangle']; for (let i = 0; i < 100; i++) { const o = ctx.createOscillator(); o.type = types[i % 4]; o.frequency.value = 110 + 17 * i; o.connect(sum); o.start(); } sum.connect(ctx.destination); },
  BiquadNoise: (ctx, noise) => { const f = ctx.createBiquadFilter(); f.frequency.value = 2000; f.Q.value = 3; noise(2).connect(f).connect(ctx.destination); },
  Compressor: (ctx, noise) => { const k = ctx.createDynamicsCompressor(); noise(2).connect(k).connect(ctx.destination); },
  StereoPanner: (ctx, noise) => { const p = ctx.createStereoPanner(); p.pan.setValueAtTime(-1, 0); p.pan.linearRampToValueAtTime(1, 1000); noise(2).connect(p).connect(ctx.destination); },
  Convolver1s: (ctx, noise) => { const ir = ctx.createBuffer(2, 44100, 44100); for (let c = 0; c < 2; c++) { const d = ir.getChannelData(c); for (let i = 0; i < d.length; i++) d[i] = (Math.random() - 0.5) * Math.exp(-i / 8000); } const v = ctx.createConvolver(); v.buffer = ir; noise(1).connect(v).connect(ctx.destination); },
  PlaybackRate1_5: (ctx, noise) => { const s = noise(2); s.playbackRate.value = 1.5; s.connect(ctx.destination); },
  Automation20s: (ctx) => { const s = ctx.createConstantSource(); const p = s.offset; for (let k = 0; k < 2000; k++) { const t = k * 20 / 2000; switch (k % 4) { case 0: p.setValueAtTime((k % 7) / 7, t); break; case 1: p.linearRampToValueAtTime((k % 5) / 5, t); break; case 2: p.exponentialRampToValueAtTime(0.1 + (k % 3) / 3, t); break; default: p.setTargetAtTime(0.5, t, 0.002); } } s.connect(ctx.destination); s.start(); },
};

async function run(build, seconds) {
  const ctx = new OfflineAudioContext(2, Math.round(seconds * 44100), 44100);
  const noise = (ch) => { const b = ctx.createBuffer(ch, 44100, 44100); for (let c = 0; c < ch; c++) { const d = b.getChannelData(c); for (let i = 0; i < d.length; i++) d[i] = Math.random() - 0.5; } const s = ctx.createBufferSource(); s.buffer = b; s.loop = true; s.start(); return s; };
  build(ctx, noise);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await ctx.startRendering();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return [seconds / wall, seconds / ((c.user + c.system) / 1e6)];
}

for (const [name, build] of Object.entries(graphs)) {
  const [w] = await run(build, 20);
  const secs = name === 'Automation20s' ? 20 : Math.min(300, Math.max(20, 2 * w));
  const [wall, cpu] = await run(build, secs);
  console.log(`node-web-audio-api ${name.padEnd(16)} ${wall.toFixed(1).padStart(8)} x-realtime ${cpu.toFixed(1).padStart(8)} x-realtime-cpu (${secs.toFixed(0)} s rendered)`);
}
