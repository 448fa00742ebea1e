// size 120x60
// check: closePath joins the last segment to the first with the line join (no caps at the start point), for miter, round and bevel
ctx.lineWidth = 8;
['miter', 'round', 'bevel'].forEach((j, i) => {
  ctx.lineJoin = j;
  const x = 8 + i * 38;
  ctx.beginPath(); ctx.moveTo(x, 50); ctx.lineTo(x + 15, 10); ctx.lineTo(x + 30, 50); ctx.closePath(); ctx.stroke();
});
