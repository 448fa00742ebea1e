// size 120x100
// check: radial gradient where the start circle lies outside the end circle: a cone, painted only inside it
const g = ctx.createRadialGradient(20, 50, 5, 80, 50, 25);
g.addColorStop(0, 'yellow');
g.addColorStop(1, 'green');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 100);
