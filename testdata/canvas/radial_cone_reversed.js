// size 120x100
// check: cone case with the larger circle first (r0 > r1)
const g = ctx.createRadialGradient(80, 50, 30, 25, 40, 8);
g.addColorStop(0, 'magenta');
g.addColorStop(0.5, 'white');
g.addColorStop(1, 'cyan');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 100);
