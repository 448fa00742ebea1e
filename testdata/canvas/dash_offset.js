// size 120x80
// check: lineDashOffset shifts the pattern, positive and negative; invalid values ignored
const out = [];
ctx.setLineDash([12, 6]);
ctx.lineWidth = 4;
[0, 3, 9, -5, 100.5].forEach((off, i) => {
  ctx.lineDashOffset = off;
  ctx.beginPath(); ctx.moveTo(10, 8 + i * 15); ctx.lineTo(110, 8 + i * 15); ctx.stroke();
});
ctx.lineDashOffset = NaN; out.push(ctx.lineDashOffset);
ctx.lineDashOffset = Infinity; out.push(ctx.lineDashOffset);
return out;
