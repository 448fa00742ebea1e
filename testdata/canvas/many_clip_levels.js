// size 80x60
// check: eight nested clips with save/restore in between; fills at each level
const colors = ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6'];
for (let i = 0; i < 8; i++) {
  ctx.save();
  ctx.beginPath();
  ctx.arc(40 + (i % 2 ? 3 : -3), 30, 28 - i * 3, 0, Math.PI * 2);
  ctx.clip();
  ctx.fillStyle = colors[i];
  ctx.fillRect(0, 0, 80, 60);
}
for (let i = 0; i < 4; i++) ctx.restore();
ctx.fillStyle = 'rgba(0, 0, 0, 0.3)';
ctx.fillRect(0, 25, 80, 10);
