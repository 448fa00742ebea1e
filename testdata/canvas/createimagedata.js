// size 10x10
// check: createImageData(sw, sh) and (imagedata) sizes; zero size throws IndexSizeError; negative sizes use the absolute value
const out = [];
const a = ctx.createImageData(3, 2);
out.push([a.width, a.height, a.data.length, a.data[0]]);
const b = ctx.createImageData(-4, 2);
out.push([b.width, b.height]);
a.data[0] = 9;
const c = ctx.createImageData(a);
out.push([c.width, c.height, c.data[0]]);
for (const args of [[0, 5], [5, 0], [NaN, 1]]) {
  try { ctx.createImageData(...args); out.push('ok'); } catch (e) { out.push(e.name); }
}
return out;
