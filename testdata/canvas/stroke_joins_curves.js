// size 120x80
// check: thick stroke of curves with round joins and caps, translucent (no double blending where the stroke overlaps itself)
ctx.lineWidth = 14;
ctx.lineJoin = 'round';
ctx.lineCap = 'round';
ctx.strokeStyle = 'rgba(30, 60, 200, 0.5)';
ctx.beginPath();
ctx.moveTo(15, 65);
ctx.bezierCurveTo(40, -10, 60, 110, 100, 20);
ctx.lineTo(30, 30);
ctx.stroke();
