// size 100x100
// check: 1px lines at many angles (anti-aliasing of near-horizontal and near-vertical edges)
ctx.strokeStyle = 'black';
for (let i = 0; i < 16; i++) {
  const a = i * Math.PI / 16;
  ctx.beginPath();
  ctx.moveTo(50 + 8 * Math.cos(a), 50 + 8 * Math.sin(a));
  ctx.lineTo(50 + 46 * Math.cos(a), 50 + 46 * Math.sin(a));
  ctx.stroke();
}
