// size 140x70
// check: nonzero and evenodd fill of a self-intersecting star and of nested opposite/same-direction rectangles
function star(cx, cy) {
  ctx.moveTo(cx, cy - 28);
  for (let i = 1; i < 5; i++) {
    const a = -Math.PI / 2 + i * 4 * Math.PI / 5;
    ctx.lineTo(cx + 28 * Math.cos(a), cy + 28 * Math.sin(a));
  }
  ctx.closePath();
}
ctx.fillStyle = 'darkviolet';
ctx.beginPath(); star(35, 35); ctx.fill();
ctx.beginPath(); star(105, 35); ctx.fill('evenodd');
