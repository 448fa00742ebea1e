// size 60x40
// check: roundRect errors: radii list of 0 or 5 values, negative radii; non-finite arguments are no-ops
const out = [];
for (const r of [[], [1, 2, 3, 4, 5], -1, [5, -2], [{x: -1, y: 2}]]) {
  try { ctx.roundRect(5, 5, 20, 20, r); out.push('ok'); } catch (e) { out.push(e.name); }
}
ctx.beginPath();
ctx.roundRect(30, 5, NaN, 20, 4);
ctx.roundRect(30, 5, 25, 25, 4);
ctx.fill();
return out;
