// size 100x80
// check: quadraticCurveTo filled and stroked
ctx.beginPath();
ctx.moveTo(10, 70);
ctx.quadraticCurveTo(50, -20, 90, 70);
ctx.quadraticCurveTo(50, 40, 10, 70);
ctx.fillStyle = 'lightcoral';
ctx.fill();
ctx.lineWidth = 2.5;
ctx.stroke();
