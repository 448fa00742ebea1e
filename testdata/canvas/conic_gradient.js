// size 120x100
// check: createConicGradient with a start angle and an off-centre centre
const g = ctx.createConicGradient(Math.PI / 4, 50, 45);
g.addColorStop(0, 'red');
g.addColorStop(0.25, 'yellow');
g.addColorStop(0.5, 'lime');
g.addColorStop(0.75, 'blue');
g.addColorStop(1, 'red');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 100);
