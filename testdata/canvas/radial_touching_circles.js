// size 120x80
// check: radial gradient where the start circle (r0 = 0) is on the end circle's edge
const g = ctx.createRadialGradient(20, 40, 0, 60, 40, 40);
g.addColorStop(0, 'black');
g.addColorStop(1, 'lightblue');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 80);
