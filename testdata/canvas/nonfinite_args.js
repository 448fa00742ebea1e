// size 80x60
// check: NaN or Infinity arguments make drawing and path calls no-ops without breaking the path
ctx.fillStyle = 'black';
ctx.fillRect(NaN, 0, 10, 10);
ctx.fillRect(0, 0, Infinity, 10);
ctx.strokeRect(0, 0, 10, -Infinity);
ctx.clearRect(NaN, NaN, 5, 5);
ctx.beginPath();
ctx.moveTo(10, 10);
ctx.lineTo(NaN, 30);
ctx.lineTo(70, 10);
ctx.quadraticCurveTo(Infinity, 0, 0, 0);
ctx.bezierCurveTo(1, 2, 3, NaN, 5, 6);
ctx.arc(NaN, 1, 1, 0, 1);
ctx.arcTo(1, 1, NaN, 1, 1);
ctx.rect(1, 1, NaN, 1);
ctx.lineTo(70, 50);
ctx.lineTo(10, 50);
ctx.closePath();
ctx.fill();
ctx.moveTo(NaN, 0);
