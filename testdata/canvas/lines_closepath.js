// size 100x80
// check: moveTo/lineTo/closePath: filled and stroked triangles, closed vs open joins
ctx.beginPath();
ctx.moveTo(10, 70); ctx.lineTo(45, 10); ctx.lineTo(80, 70); ctx.closePath();
ctx.fillStyle = 'gold';
ctx.fill();
ctx.lineWidth = 6;
ctx.lineJoin = 'miter';
ctx.strokeStyle = 'rgba(0, 0, 128, 0.7)';
ctx.stroke();
ctx.beginPath();
ctx.moveTo(60, 20); ctx.lineTo(90, 20); ctx.lineTo(90, 50);
ctx.strokeStyle = 'crimson';
ctx.stroke();
