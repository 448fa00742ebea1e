// size 100x100
// check: a conic gradient under scale and translate, filled into a ring
const g = ctx.createConicGradient(0, 0, 0);
g.addColorStop(0, 'navy');
g.addColorStop(0.5, 'gold');
g.addColorStop(1, 'navy');
ctx.translate(50, 50);
ctx.scale(1, 0.6);
ctx.fillStyle = g;
ctx.beginPath();
ctx.arc(0, 0, 45, 0, Math.PI * 2);
ctx.arc(0, 0, 20, 0, Math.PI * 2, true);
ctx.fill();
