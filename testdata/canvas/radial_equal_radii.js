// size 120x80
// check: radial gradient with equal radii and different centres (a cylinder-like cone)
const g = ctx.createRadialGradient(30, 40, 15, 90, 40, 15);
g.addColorStop(0, 'red');
g.addColorStop(1, 'blue');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 80);
