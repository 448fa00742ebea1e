// size 80x60
// check: fillRect with opaque and translucent colours, overlapping, at fractional positions
ctx.fillStyle = '#ff0000';
ctx.fillRect(5, 5, 30, 20);
ctx.fillStyle = 'rgba(0, 0, 255, 0.5)';
ctx.fillRect(20, 15, 30, 20);
ctx.fillStyle = 'green';
ctx.fillRect(40.5, 30.25, 20.5, 15.5);
ctx.fillStyle = 'rgba(0, 0, 0, 0.25)';
ctx.fillRect(0, 50, 80, 10);
