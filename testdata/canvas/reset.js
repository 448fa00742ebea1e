// size 60x40
// check: reset() clears the bitmap, the state stack, the path and the transform
ctx.fillStyle = 'red';
ctx.fillRect(0, 0, 60, 40);
ctx.save();
ctx.translate(10, 10);
ctx.lineWidth = 9;
ctx.globalAlpha = 0.5;
ctx.setLineDash([1, 2]);
ctx.beginPath();
ctx.rect(0, 0, 10, 10);
ctx.reset();
const after = [ctx.fillStyle, ctx.lineWidth, ctx.globalAlpha, ctx.getLineDash(), ctx.getTransform().e];
ctx.fill();
ctx.fillRect(30, 10, 10, 10);
return after;
