// size 100x60
// check: globalAlpha multiplies fills and strokes; values outside [0, 1] and non-finite are ignored
const out = [];
[1, 0.75, 0.5, 0.25, 0.1].forEach((a, i) => {
  ctx.globalAlpha = a;
  ctx.fillStyle = 'rgb(0, 0, 160)';
  ctx.fillRect(5 + i * 18, 5, 16, 30);
  ctx.strokeStyle = 'rgba(160, 0, 0, 0.8)';
  ctx.lineWidth = 4;
  ctx.beginPath(); ctx.moveTo(5 + i * 18, 45); ctx.lineTo(21 + i * 18, 55); ctx.stroke();
});
for (const v of [1.5, -0.1, NaN, 0]) { ctx.globalAlpha = 0.5; ctx.globalAlpha = v; out.push(ctx.globalAlpha); }
return out;
