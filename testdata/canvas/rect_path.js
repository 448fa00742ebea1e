// size 80x60
// check: rect() subpaths in one path, filled then stroked after rotation
ctx.beginPath();
ctx.rect(10, 10, 25, 15);
ctx.rect(45, 10, 25, 15);
ctx.fillStyle = 'rgba(255, 128, 0, 0.8)';
ctx.fill();
ctx.translate(40, 42);
ctx.rotate(0.3);
ctx.beginPath();
ctx.rect(-20, -8, 40, 16);
ctx.stroke();
