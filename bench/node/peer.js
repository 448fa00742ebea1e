// Node peer for bench/peers/cmd/benchrun. It reads one JSON request per line on stdin and answers
// one JSON line on stdout, so the Go runner can interleave it with the other engines run by run:
//   {"kind":"canvas","name":"poster-png","photo":"/path.jpg"}  -> {"ms": 123.4, "cpuMs": 130.2}
//   {"kind":"audio","name":"biquad","seconds":10}              -> {"ms": 45.6, "cpuMs": 44.9}
// Times are taken inside this process with performance.now(), so Node's start-up is not counted;
// CPU time is process.cpuUsage() (every thread of this process, user + system).
const readline = require('readline');
const { benchCanvasScenes, benchAudio } = require('./scenes.js');

let canvasMod = null, audioMod = null, scenes = null, photoPath = '';

async function canvasScenes(photo) {
  if (!canvasMod) canvasMod = require('@napi-rs/canvas');
  if (!scenes || photo !== photoPath) {
    globalThis.DOMMatrix = canvasMod.DOMMatrix;
    const img = await canvasMod.loadImage(photo);
    scenes = benchCanvasScenes({
      createCanvas: (w, h) => canvasMod.createCanvas(w, h),
      encode: async (c, mime, q) => c.encode(mime === 'image/png' ? 'png' : 'jpeg', mime === 'image/png' ? undefined : Math.round(q * 100)),
      photo: img,
    });
    photoPath = photo;
  }
  return scenes;
}

const cpuClock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function handle(req) {
  if (req.kind === 'canvas') {
    const s = await canvasScenes(req.photo);
    const run = s[req.name];
    if (!run) throw new Error('unknown scene ' + req.name);
    const c0 = cpuClock();
    const t0 = performance.now();
    await run();
    return { ms: performance.now() - t0, cpuMs: cpuClock() - c0 };
  }
  if (req.kind === 'audio') {
    if (!audioMod) audioMod = require('node-web-audio-api');
    return benchAudio(audioMod.OfflineAudioContext, req.name, req.seconds, cpuClock);
  }
  if (req.kind === 'rss') return { ms: process.resourceUsage().maxRSS / 1024 };
  throw new Error('unknown kind ' + req.kind);
}

const rl = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (line) => {
  queue = queue.then(async () => {
    let out;
    try {
      out = await handle(JSON.parse(line));
    } catch (e) {
      out = { error: String(e && e.stack ? e.stack : e) };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  });
});
rl.on('close', () => queue.then(() => process.exit(0)));
