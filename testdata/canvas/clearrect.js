// size 80x60
// check: clearRect punches transparent holes, respects the transform, ignores fillStyle and globalAlpha
ctx.fillStyle = 'navy';
ctx.fillRect(0, 0, 80, 60);
ctx.globalAlpha = 0.3;
ctx.clearRect(10, 10, 20, 15);
ctx.translate(50, 30);
ctx.rotate(Math.PI / 4);
ctx.clearRect(-8, -8, 16, 16);
