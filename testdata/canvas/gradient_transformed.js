// size 120x80
// check: gradients are defined in user space: the CTM at fill time transforms them
const g = ctx.createLinearGradient(0, 0, 40, 0);
g.addColorStop(0, 'navy'); g.addColorStop(1, 'gold');
ctx.fillStyle = g;
ctx.translate(60, 40);
ctx.rotate(Math.PI / 6);
ctx.scale(1.5, 0.8);
ctx.fillRect(-40, -30, 80, 60);
