// size 20x10
// check: getImageData with zero width or height throws IndexSizeError; non-finite arguments throw TypeError
const out = [];
for (const args of [[0, 0, 0, 5], [0, 0, 5, 0], [0, 0, NaN, 5], [Infinity, 0, 1, 1]]) {
  try { ctx.getImageData(...args); out.push('ok'); } catch (e) { out.push(e.name); }
}
return out;
