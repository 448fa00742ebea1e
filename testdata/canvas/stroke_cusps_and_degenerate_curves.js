// size 140x70
// check: stroking cubic curves with a cusp, with control points on the end points, and a collinear quadratic
ctx.lineWidth = 7;
ctx.lineJoin = 'round';
ctx.beginPath(); ctx.moveTo(10, 60); ctx.bezierCurveTo(60, 0, -10, 0, 40, 60); ctx.stroke();
ctx.beginPath(); ctx.moveTo(55, 10); ctx.bezierCurveTo(55, 10, 85, 60, 85, 60); ctx.stroke();
ctx.beginPath(); ctx.moveTo(100, 10); ctx.quadraticCurveTo(110, 35, 120, 60); ctx.stroke();
ctx.lineCap = 'square';
ctx.beginPath(); ctx.moveTo(128, 20); ctx.bezierCurveTo(128, 20, 128, 20, 128, 20); ctx.lineTo(134, 50); ctx.stroke();
