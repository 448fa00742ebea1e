// size 120x120
// check: a 1000-segment star polygon (500 spikes) filled nonzero, and evenodd over an overlapping circle (holes where they overlap); many edges per pixel near the spikes
function star(cx, cy) {
  ctx.moveTo(cx + 28, cy);
  for (let i = 1; i < 1000; i++) {
    const a = i * Math.PI * 2 / 1000;
    const r = i % 2 ? 20 : 28;
    ctx.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  ctx.closePath();
}
ctx.fillStyle = 'rgba(20, 60, 160, 0.9)';
ctx.beginPath(); star(30, 60); ctx.fill('nonzero');
ctx.beginPath(); star(90, 60); ctx.arc(90, 75, 15, 0, Math.PI * 2); ctx.fill('evenodd');
