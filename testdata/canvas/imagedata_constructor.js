// size 10x10
// check: new ImageData(w, h) and new ImageData(data, w[, h]); mismatched sizes throw IndexSizeError; data is a Uint8ClampedArray that clamps
const out = [];
const a = new ImageData(2, 3);
out.push([a.width, a.height, a.data.length, a.data.constructor.name]);
const d = new Uint8ClampedArray(16);
const b = new ImageData(d, 2);
out.push([b.width, b.height, b.data === d]);
b.data[0] = 300; b.data[1] = -5; b.data[2] = 1.5;
out.push([d[0], d[1], d[2]]);
for (const f of [() => new ImageData(d, 3), () => new ImageData(d, 2, 3), () => new ImageData(0, 1), () => new ImageData(new Uint8ClampedArray(6), 1)]) {
  try { f(); out.push('ok'); } catch (e) { out.push(e.name); }
}
ctx.putImageData(b, 4, 4);
return out;
