// size 80x40
// check: a linear gradient whose two points coincide paints nothing
ctx.fillStyle = 'gray';
ctx.fillRect(0, 0, 80, 40);
const g = ctx.createLinearGradient(40, 20, 40, 20);
g.addColorStop(0, 'red');
g.addColorStop(1, 'blue');
ctx.fillStyle = g;
ctx.fillRect(10, 10, 60, 20);
