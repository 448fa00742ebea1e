// size 120x80
// check: setLineDash on lines, a rectangle and a curve; getLineDash returns a copy
ctx.setLineDash([10, 5]);
ctx.lineWidth = 2;
ctx.beginPath(); ctx.moveTo(10, 10); ctx.lineTo(110, 10); ctx.stroke();
ctx.strokeRect(10, 20, 50, 30);
ctx.beginPath(); ctx.moveTo(70, 70); ctx.bezierCurveTo(80, 10, 110, 90, 115, 30); ctx.stroke();
const d = ctx.getLineDash();
d.push(99);
return [ctx.getLineDash(), d];
