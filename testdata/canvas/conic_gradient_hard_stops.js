// size 100x100
// check: conic gradient with hard stops (a pie chart) and a negative angle
const g = ctx.createConicGradient(-Math.PI / 2, 50, 50);
g.addColorStop(0, '#e41a1c'); g.addColorStop(0.3, '#e41a1c');
g.addColorStop(0.3, '#377eb8'); g.addColorStop(0.7, '#377eb8');
g.addColorStop(0.7, '#4daf4a'); g.addColorStop(1, '#4daf4a');
ctx.fillStyle = g;
ctx.beginPath(); ctx.arc(50, 50, 45, 0, Math.PI * 2); ctx.fill();
