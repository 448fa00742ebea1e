// size 80x60
// check: save/restore of fillStyle, lineWidth, transform and clip; restore on an empty stack is a no-op
ctx.fillStyle = 'red';
ctx.lineWidth = 3;
ctx.save();
ctx.fillStyle = 'blue';
ctx.lineWidth = 7;
ctx.translate(30, 0);
ctx.save();
ctx.fillStyle = 'green';
ctx.fillRect(0, 0, 10, 10);
ctx.restore();
ctx.fillRect(0, 20, 10, 10);
ctx.restore();
ctx.fillRect(0, 40, 10, 10);
ctx.restore();
ctx.restore();
return [ctx.fillStyle, ctx.lineWidth, ctx.getTransform().e];
