// size 150x70
// check: lineJoin miter, round and bevel on a zigzag; invalid values ignored
const joins = ['miter', 'round', 'bevel'];
ctx.lineWidth = 9;
joins.forEach((j, i) => {
  ctx.lineJoin = j;
  const x = 10 + i * 48;
  ctx.beginPath(); ctx.moveTo(x, 60); ctx.lineTo(x + 12, 12); ctx.lineTo(x + 24, 55); ctx.lineTo(x + 36, 30); ctx.stroke();
});
ctx.lineJoin = 'square';
return ctx.lineJoin;
