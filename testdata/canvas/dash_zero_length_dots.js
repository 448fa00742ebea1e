// size 120x40
// check: zero-length dashes ([0, 10]) with round and square caps make dots; with butt caps nothing
ctx.lineWidth = 6;
ctx.setLineDash([0, 12]);
['round', 'square', 'butt'].forEach((cap, i) => {
  ctx.lineCap = cap;
  ctx.beginPath(); ctx.moveTo(10, 8 + i * 12); ctx.lineTo(110, 8 + i * 12); ctx.stroke();
});
