// size 140x60
// check: nested rectangles wound the same and opposite ways under nonzero and evenodd
function rects(x, reverse) {
  ctx.rect(x, 5, 60, 50);
  if (reverse) { ctx.moveTo(x + 15, 15); ctx.lineTo(x + 15, 45); ctx.lineTo(x + 45, 45); ctx.lineTo(x + 45, 15); ctx.closePath(); }
  else ctx.rect(x + 15, 15, 30, 30);
}
ctx.fillStyle = 'seagreen';
ctx.beginPath(); rects(5, true); ctx.fill('nonzero');
ctx.beginPath(); rects(75, false); ctx.fill('evenodd');
