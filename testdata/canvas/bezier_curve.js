// size 100x80
// check: bezierCurveTo including an S-curve and a self-intersecting loop
ctx.beginPath();
ctx.moveTo(10, 40);
ctx.bezierCurveTo(30, -10, 70, 90, 90, 40);
ctx.lineWidth = 3;
ctx.strokeStyle = 'darkgreen';
ctx.stroke();
ctx.beginPath();
ctx.moveTo(20, 70);
ctx.bezierCurveTo(90, 10, 10, 10, 80, 70);
ctx.fillStyle = 'rgba(100, 0, 200, 0.5)';
ctx.fill();
