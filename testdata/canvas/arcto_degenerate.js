// size 100x60
// check: arcTo with collinear points, radius 0, and on an empty path
ctx.lineWidth = 2;
ctx.beginPath();
ctx.moveTo(10, 10); ctx.arcTo(50, 10, 90, 10, 15); ctx.lineTo(90, 20);
ctx.stroke();
ctx.beginPath();
ctx.moveTo(10, 30); ctx.arcTo(50, 30, 50, 55, 0); ctx.lineTo(50, 55);
ctx.stroke();
ctx.beginPath();
ctx.arcTo(60, 30, 90, 55, 10); ctx.lineTo(90, 55);
ctx.stroke();
let err = '';
try { ctx.arcTo(0, 0, 10, 10, -1); } catch (e) { err = e.name; }
return err;
