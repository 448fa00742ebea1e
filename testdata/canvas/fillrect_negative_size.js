// size 80x60
// check: fillRect and strokeRect with negative width/height normalise; zero-size fills nothing
ctx.fillStyle = 'purple';
ctx.fillRect(40, 30, -30, -20);
ctx.fillRect(50, 10, 0, 30);
ctx.fillRect(50, 10, 20, 0);
ctx.strokeStyle = 'orange';
ctx.lineWidth = 2;
ctx.strokeRect(75, 55, -20, -15);
