// size 100x70
// check: shadows without blur, offset in device space (not affected by the CTM)
ctx.shadowColor = 'rgba(0, 0, 0, 0.6)';
ctx.shadowOffsetX = 6;
ctx.shadowOffsetY = 4;
ctx.fillStyle = 'orange';
ctx.fillRect(10, 10, 30, 20);
ctx.scale(2, 2);
ctx.rotate(0.2);
ctx.fillStyle = 'teal';
ctx.fillRect(25, 5, 15, 10);
