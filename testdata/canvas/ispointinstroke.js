// size 100x80
// check: isPointInStroke honours lineWidth, joins, caps, the dash pattern and the transform
ctx.lineWidth = 10;
ctx.beginPath(); ctx.moveTo(10, 20); ctx.lineTo(90, 20);
const out = [];
for (const [x, y] of [[50, 20], [50, 25], [50, 25.5], [50, 26], [7, 20], [10, 20]]) out.push(ctx.isPointInStroke(x, y));
ctx.lineCap = 'square';
out.push(ctx.isPointInStroke(7, 20), ctx.isPointInStroke(4, 20));
ctx.setLineDash([10, 10]);
ctx.lineCap = 'butt';
out.push(ctx.isPointInStroke(15, 20), ctx.isPointInStroke(25, 20), ctx.isPointInStroke(35, 20));
ctx.setLineDash([]);
const p = new Path2D('M20 50 L80 50 L50 75');
ctx.lineJoin = 'miter';
out.push(ctx.isPointInStroke(p, 50, 50), ctx.isPointInStroke(p, 85, 48), ctx.isPointInStroke(p, 50, 60));
ctx.scale(2, 2);
out.push(ctx.isPointInStroke(100, 40), ctx.isPointInStroke(50, 20));
ctx.stroke();
return out;
