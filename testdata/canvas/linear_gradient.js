// size 120x60
// check: createLinearGradient with several stops, horizontal and diagonal
const g = ctx.createLinearGradient(0, 0, 120, 0);
g.addColorStop(0, 'red');
g.addColorStop(0.5, 'yellow');
g.addColorStop(1, 'blue');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 28);
const d = ctx.createLinearGradient(10, 32, 60, 60);
d.addColorStop(0, '#000');
d.addColorStop(1, '#0f0');
ctx.fillStyle = d;
ctx.fillRect(0, 32, 120, 28);
