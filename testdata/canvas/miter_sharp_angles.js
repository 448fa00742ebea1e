// size 140x80
// check: miter joins on very sharp and nearly straight angles near the miter limit
ctx.lineWidth = 6;
ctx.lineJoin = 'miter';
ctx.miterLimit = 10;
const angles = [0.05, 0.2, 0.5, 1.5, 2.9, 3.1];
angles.forEach((a, i) => {
  const x = 12 + i * 22, y = 60;
  ctx.beginPath();
  ctx.moveTo(x - 8 * Math.sin(a / 2), y - 40 * Math.cos(a / 2) * 0.5 - 10);
  ctx.lineTo(x, y);
  ctx.lineTo(x + 8 * Math.sin(a / 2), y - 40 * Math.cos(a / 2) * 0.5 - 10);
  ctx.stroke();
});
