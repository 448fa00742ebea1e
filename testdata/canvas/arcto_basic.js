// size 100x80
// check: arcTo rounded corners of a polyline
ctx.beginPath();
ctx.moveTo(10, 70);
ctx.arcTo(10, 10, 90, 10, 20);
ctx.arcTo(90, 10, 90, 70, 10);
ctx.lineTo(90, 70);
ctx.lineWidth = 4;
ctx.strokeStyle = 'darkorange';
ctx.stroke();
ctx.beginPath();
ctx.moveTo(30, 60);
ctx.arcTo(50, 25, 70, 60, 12);
ctx.lineTo(70, 60);
ctx.fillStyle = 'rgba(0, 0, 0, 0.4)';
ctx.fill();
