// size 100x80
// check: strokeRect under rotation and non-uniform scale
ctx.translate(50, 40);
ctx.rotate(Math.PI / 7);
ctx.scale(2, 1);
ctx.lineWidth = 3;
ctx.strokeStyle = 'teal';
ctx.strokeRect(-15, -12, 30, 24);
