// size 80x60
// check: arc with radius 0 adds a point joined by lines; a negative radius throws IndexSizeError and adds nothing
ctx.beginPath();
ctx.moveTo(10, 50);
ctx.arc(40, 10, 0, 0, Math.PI);
ctx.lineTo(70, 50);
let err = '';
try { ctx.arc(40, 40, -5, 0, 1); } catch (e) { err = e.name; }
ctx.lineWidth = 3;
ctx.stroke();
return err;
