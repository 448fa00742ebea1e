// size 100x60
// check: new Path2D(path) copies: later changes to either do not affect the other; empty Path2D draws nothing
const a = new Path2D();
a.rect(10, 10, 30, 40);
const b = new Path2D(a);
a.rect(60, 10, 30, 40);
b.arc(70, 30, 10, 0, Math.PI * 2);
ctx.fillStyle = 'rgba(255, 0, 0, 0.5)';
ctx.fill(a);
ctx.fillStyle = 'rgba(0, 0, 255, 0.5)';
ctx.fill(b);
ctx.fill(new Path2D());
ctx.stroke(new Path2D());
