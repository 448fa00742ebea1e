// size 60x40
// check: assigning canvas.width clears the bitmap and resets the context state
ctx.fillStyle = 'red';
ctx.lineWidth = 4;
ctx.translate(5, 5);
ctx.fillRect(0, 0, 60, 40);
canvas.width = 60;
const after = [canvas.width, canvas.height, ctx.fillStyle, ctx.lineWidth, ctx.getTransform().e];
ctx.fillRect(10, 10, 5, 5);
return after;
