// size 100x100
// check: radial gradient with the start circle inside the end circle but off-centre
const g = ctx.createRadialGradient(35, 35, 5, 55, 55, 45);
g.addColorStop(0, '#fff');
g.addColorStop(1, '#036');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 100, 100);
