// size 100x100
// check: createRadialGradient with concentric circles, inner radius > 0, pad outside
const g = ctx.createRadialGradient(50, 50, 10, 50, 50, 45);
g.addColorStop(0, 'white');
g.addColorStop(0.6, 'orange');
g.addColorStop(1, 'darkred');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 100, 100);
