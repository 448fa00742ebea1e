// size 120x60
// check: gradient sources composited with multiply, screen and difference over a pattern-like background
for (let i = 0; i < 12; i++) { ctx.fillStyle = i % 2 ? '#e0c040' : '#2040a0'; ctx.fillRect(i * 10, 0, 10, 60); }
const g = ctx.createLinearGradient(0, 0, 0, 60);
g.addColorStop(0, 'rgba(255, 0, 0, 1)');
g.addColorStop(1, 'rgba(0, 255, 255, 0.3)');
ctx.fillStyle = g;
['multiply', 'screen', 'difference'].forEach((op, i) => {
  ctx.globalCompositeOperation = op;
  ctx.fillRect(i * 40 + 4, 4, 32, 52);
});
