// size 100x70
// check: path points are transformed when added; the stroke pen uses the transform current at stroke()
ctx.beginPath();
ctx.moveTo(10, 10);
ctx.lineTo(40, 10);
ctx.scale(2, 1);
ctx.lineTo(20, 40);
ctx.translate(30, 0);
ctx.lineTo(10, 60);
ctx.setTransform(1, 0, 0, 3, 0, 0);
ctx.lineWidth = 2;
ctx.stroke();
ctx.setTransform(1, 0, 0, 1, 0, 0);
ctx.fillStyle = 'rgba(255, 0, 0, 0.3)';
ctx.fill();
