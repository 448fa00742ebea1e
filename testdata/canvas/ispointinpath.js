// size 100x80
// check: isPointInPath with the current path, a Path2D, evenodd, transforms (point in device space) and edges
ctx.beginPath();
ctx.rect(10, 10, 40, 30);
ctx.rect(20, 20, 10, 10);
const p = new Path2D();
p.arc(70, 50, 15, 0, Math.PI * 2);
const pts = [[15, 15], [25, 25], [10, 10], [50, 40], [50.5, 40.5], [9.9, 20], [70, 50], [84, 50], [86, 50]];
const out = pts.map(([x, y]) => [ctx.isPointInPath(x, y), ctx.isPointInPath(x, y, 'evenodd'), ctx.isPointInPath(p, x, y)]);
ctx.translate(50, 0);
out.push(ctx.isPointInPath(15, 15), ctx.isPointInPath(65, 15), ctx.isPointInPath(p, 120, 50), ctx.isPointInPath(p, 70, 50));
out.push(ctx.isPointInPath(NaN, 1), ctx.isPointInPath(Infinity, 15));
ctx.fill();
return out;
