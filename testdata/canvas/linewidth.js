// size 100x70
// check: lineWidth values: hairlines, fractional, thick; zero, negative, NaN and Infinity are ignored
const out = [];
const widths = [0.25, 0.5, 1, 1.5, 3, 8];
widths.forEach((w, i) => {
  ctx.lineWidth = w;
  ctx.beginPath(); ctx.moveTo(10, 8 + i * 10); ctx.lineTo(90, 12 + i * 10); ctx.stroke();
});
for (const v of [0, -1, NaN, Infinity, '2', null]) { ctx.lineWidth = 4; ctx.lineWidth = v; out.push(ctx.lineWidth); }
return out;
