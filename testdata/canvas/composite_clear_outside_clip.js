// size 120x60
// check: operators that clear outside the source (source-in, copy, destination-in, source-out, destination-atop) only act inside the clip
const ops = ['source-in', 'copy', 'destination-in', 'source-out', 'destination-atop'];
ctx.fillStyle = 'rgb(0, 120, 255)';
ctx.fillRect(0, 0, 120, 60);
ops.forEach((op, i) => {
  ctx.save();
  ctx.beginPath(); ctx.rect(i * 24, 0, 24, 60); ctx.clip();
  ctx.globalCompositeOperation = op;
  ctx.fillStyle = 'rgba(255, 80, 0, 0.6)';
  ctx.beginPath(); ctx.arc(i * 24 + 12, 30, 9, 0, Math.PI * 2); ctx.fill();
  ctx.restore();
});
