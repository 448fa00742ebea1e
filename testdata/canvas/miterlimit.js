// size 150x70
// check: miterLimit: sharp joins fall back to bevel below the limit; invalid values ignored
const out = [];
ctx.lineWidth = 8;
ctx.lineJoin = 'miter';
[1, 4, 20].forEach((m, i) => {
  ctx.miterLimit = m;
  const x = 10 + i * 48;
  ctx.beginPath(); ctx.moveTo(x, 60); ctx.lineTo(x + 18, 15); ctx.lineTo(x + 30, 60); ctx.stroke();
});
for (const v of [0, -3, NaN, 2.5]) { ctx.miterLimit = v; out.push(ctx.miterLimit); }
return out;
