// size 120x80
// check: strokeStyle with a radial gradient on a thick dashed path
const g = ctx.createRadialGradient(60, 40, 0, 60, 40, 50);
g.addColorStop(0, 'black'); g.addColorStop(1, 'hotpink');
ctx.strokeStyle = g;
ctx.lineWidth = 10;
ctx.setLineDash([20, 6]);
ctx.strokeRect(15, 12, 90, 56);
