// Scenes and audio graphs shared by the JavaScript peers: Chromium evaluates this file in a page,
// peer.js loads it in Node next to @napi-rs/canvas and node-web-audio-api. The Go runner
// (bench/peers/cmd/benchrun) draws the same scenes with mediad's canvas and with gg; keep the two
// in step. Random shapes come from the same Lehmer generator as the Go side, so every engine
// draws identical geometry.

function benchLehmer(seed) {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

// benchCanvasScenes returns async scene functions. env supplies createCanvas(w, h),
// encode(canvas, mime, quality) -> Promise and photo (a decoded 2560x1600 image).
function benchCanvasScenes(env) {
  // Chromium records draw calls and rasterizes lazily; reading one pixel makes every engine
  // finish its drawing inside the timed region.
  const flush = (ctx) => ctx.getImageData(0, 0, 1, 1);

  function poster(ctx) {
    const W = 1080, H = 1920;
    const bg = ctx.createLinearGradient(0, 0, 0, H);
    bg.addColorStop(0, '#ff9a6b');
    bg.addColorStop(0.5, '#ff5e7e');
    bg.addColorStop(1, '#6a3cbc');
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, W, H);

    // The photograph, scaled from 2560 px to the poster's width.
    ctx.drawImage(env.photo, 0, 120, W, (1600 * W) / 2560);

    // Card with a soft shadow.
    ctx.save();
    ctx.shadowColor = 'rgba(0,0,0,0.35)';
    ctx.shadowBlur = 30;
    ctx.shadowOffsetY = 12;
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.roundRect(60, 760, W - 120, 1000, 32);
    ctx.fill();
    ctx.restore();

    // Avatar: radial gradient disc with a ring.
    const av = ctx.createRadialGradient(190, 880, 10, 200, 890, 80);
    av.addColorStop(0, '#ffe29f');
    av.addColorStop(1, '#ff719a');
    ctx.fillStyle = av;
    ctx.beginPath();
    ctx.arc(200, 890, 80, 0, Math.PI * 2);
    ctx.fill();
    ctx.lineWidth = 6;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();

    ctx.fillStyle = '#222222';
    ctx.font = 'bold 64px sans-serif';
    ctx.fillText('Summer Sale 2026', 310, 880);
    ctx.font = '30px sans-serif';
    ctx.fillStyle = '#555555';
    ctx.fillText('Limited offer for early birds', 310, 940);
    for (let i = 0; i < 8; i++) {
      ctx.fillText('Line ' + (i + 1) + ': fresh fruit, cold drinks and sunny days ahead', 110, 1080 + i * 56);
    }

    // Price badge: a 12-pointed star with a shadow.
    ctx.save();
    ctx.shadowColor = 'rgba(120,0,0,0.4)';
    ctx.shadowBlur = 16;
    ctx.shadowOffsetX = 4;
    ctx.shadowOffsetY = 6;
    ctx.fillStyle = '#e8333a';
    ctx.beginPath();
    for (let i = 0; i < 24; i++) {
      const r = i % 2 === 0 ? 120 : 92;
      const a = (i * Math.PI) / 12;
      ctx.lineTo(880 + r * Math.cos(a), 760 + r * Math.sin(a));
    }
    ctx.closePath();
    ctx.fill();
    ctx.restore();
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 48px sans-serif';
    ctx.fillText('-50%', 822, 778);

    // Dashed separator.
    ctx.setLineDash([18, 12]);
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#bbbbbb';
    ctx.beginPath();
    ctx.moveTo(100, 1560);
    ctx.lineTo(W - 100, 1560);
    ctx.stroke();
    ctx.setLineDash([]);

    // A QR-like 29x29 module grid.
    const rnd = benchLehmer(7);
    ctx.fillStyle = '#111111';
    for (let y = 0; y < 29; y++) {
      for (let x = 0; x < 29; x++) {
        if (rnd() < 0.5) ctx.fillRect(760 + x * 6, 1590 + y * 6, 6, 6);
      }
    }
  }

  function paths(ctx) {
    const W = 1920, H = 1080;
    const rnd = benchLehmer(1);
    const fills = ['rgba(255,0,0,0.5)', 'rgba(0,128,0,0.4)', 'rgba(0,0,255,0.3)', 'rgba(250,200,0,0.6)'];
    for (let i = 0; i < 10000; i++) {
      const p = [];
      for (let j = 0; j < 8; j++) p.push(rnd());
      const x = p[0] * W, y = p[1] * H;
      ctx.beginPath();
      if (i % 2 === 1) {
        ctx.arc(x, y, 5 + p[2] * 40, 0, 2 * Math.PI);
      } else {
        ctx.moveTo(x, y);
        ctx.bezierCurveTo(x + p[2] * 120 - 60, y + p[3] * 120 - 60, x + p[4] * 120 - 60, y + p[5] * 120 - 60, x + p[6] * 80 - 40, y + p[7] * 80 - 40);
      }
      ctx.fillStyle = fills[i % 4];
      ctx.fill();
    }
  }

  function star(ctx) {
    const n = 1001, k = Math.floor(n / 2) - 1;
    ctx.fillStyle = 'navy';
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const a = (i * k * 2 * Math.PI) / n;
      ctx.lineTo(960 + 500 * Math.cos(a), 540 + 500 * Math.sin(a));
    }
    ctx.closePath();
    ctx.fill('evenodd');
  }

  function dashed(ctx) {
    ctx.lineWidth = 12;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.setLineDash([40, 20]);
    ctx.strokeStyle = 'rgba(200, 30, 30, 0.8)';
    ctx.beginPath();
    for (let i = 0; i < 200; i++) {
      const x = (i % 20) * 96, y = Math.floor(i / 20) * 108;
      ctx.moveTo(x + 10, y + 10);
      ctx.lineTo(x + 86, y + 50);
      ctx.quadraticCurveTo(x + 10, y + 98, x + 86, y + 98);
    }
    ctx.stroke();
  }

  const scene = (w, h, draw, mime) => async () => {
    const canvas = env.createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    draw(ctx);
    if (mime) await env.encode(canvas, mime, 0.9);
    else flush(ctx);
  };
  return {
    'poster-png': scene(1080, 1920, poster, 'image/png'),
    'poster-jpeg': scene(1080, 1920, poster, 'image/jpeg'),
    paths: scene(1920, 1080, paths),
    star: scene(1920, 1080, star),
    dashed: scene(1920, 1080, dashed),
  };
}

// benchAudioGraph builds one of the webaudio-benchmark style graphs on ctx (an
// OfflineAudioContext). The graphs mirror audio/bench_test.go.
function benchAudioGraph(ctx, name) {
  const rate = ctx.sampleRate;
  function noise(ch) {
    const b = ctx.createBuffer(ch, rate, rate);
    const rnd = benchLehmer(1);
    for (let c = 0; c < ch; c++) {
      const d = b.getChannelData(c);
      for (let i = 0; i < d.length; i++) d[i] = rnd() - 0.5;
    }
    const s = ctx.createBufferSource();
    s.buffer = b;
    s.loop = true;
    s.start();
    return s;
  }
  switch (name) {
    case 'gain-chain': {
      let prev = noise(2);
      for (let i = 0; i < 10; i++) {
        const g = ctx.createGain();
        g.gain.value = 0.9;
        prev.connect(g);
        prev = g;
      }
      prev.connect(ctx.destination);
      break;
    }
    case 'oscillators-100': {
      const sum = ctx.createGain();
      sum.gain.value = 0.01;
      const types = ['sine', 'square', 'sawtooth', 'triangle'];
      for (let i = 0; i < 100; i++) {
        const o = ctx.createOscillator();
        o.type = types[i % 4];
        o.frequency.value = 110 + 17 * i;
        o.connect(sum);
        o.start();
      }
      sum.connect(ctx.destination);
      break;
    }
    case 'biquad': {
      const f = ctx.createBiquadFilter();
      f.frequency.value = 2000;
      f.Q.value = 3;
      noise(2).connect(f);
      f.connect(ctx.destination);
      break;
    }
    case 'compressor': {
      const k = ctx.createDynamicsCompressor();
      noise(2).connect(k);
      k.connect(ctx.destination);
      break;
    }
    case 'panner': {
      const p = ctx.createPanner();
      p.positionX.setValueAtTime(-10, 0);
      p.positionX.linearRampToValueAtTime(10, 1000);
      noise(1).connect(p);
      p.connect(ctx.destination);
      break;
    }
    case 'convolver': {
      const ir = ctx.createBuffer(2, rate, rate);
      const rnd = benchLehmer(3);
      for (let c = 0; c < 2; c++) {
        const d = ir.getChannelData(c);
        for (let i = 0; i < d.length; i++) d[i] = (rnd() - 0.5) * Math.exp(-i / 8000);
      }
      const v = ctx.createConvolver();
      v.buffer = ir;
      noise(1).connect(v);
      v.connect(ctx.destination);
      break;
    }
    case 'playback-rate-1.5': {
      const s = noise(2);
      s.playbackRate.value = 1.5;
      s.connect(ctx.destination);
      break;
    }
    case 'automation': {
      const s = ctx.createConstantSource();
      const p = s.offset;
      const seconds = ctx.length / rate;
      for (let k = 0; k < 2000; k++) {
        const t = (k * seconds) / 2000;
        switch (k % 4) {
          case 0: p.setValueAtTime((k % 7) / 7, t); break;
          case 1: p.linearRampToValueAtTime((k % 5) / 5, t); break;
          case 2: p.exponentialRampToValueAtTime(0.1 + (k % 3) / 3, t); break;
          default: p.setTargetAtTime(0.5, t, 0.002);
        }
      }
      s.connect(ctx.destination);
      s.start();
      break;
    }
    default:
      throw new Error('unknown graph ' + name);
  }
}

// benchAudio renders seconds of graph name and returns the milliseconds startRendering took,
// and the CPU milliseconds when cpuClock (milliseconds of CPU used so far) is given.
async function benchAudio(OfflineCtx, name, seconds, cpuClock) {
  const ctx = new OfflineCtx(2, Math.round(seconds * 44100), 44100);
  benchAudioGraph(ctx, name);
  const c0 = cpuClock ? cpuClock() : 0;
  const t0 = performance.now();
  await ctx.startRendering();
  const ms = performance.now() - t0;
  return { ms, cpuMs: cpuClock ? cpuClock() - c0 : 0 };
}

if (typeof module !== 'undefined') module.exports = { benchCanvasScenes, benchAudio };
