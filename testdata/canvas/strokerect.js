// size 100x70
// check: strokeRect on pixel centres and integer edges, thick, and zero-height (a line)
ctx.strokeStyle = 'black';
ctx.strokeRect(10.5, 10.5, 30, 20);
ctx.strokeRect(50, 10, 30, 20);
ctx.lineWidth = 5;
ctx.strokeStyle = 'rgba(200, 0, 0, 0.7)';
ctx.strokeRect(12, 40, 30, 20);
ctx.lineWidth = 3;
ctx.strokeStyle = 'blue';
ctx.strokeRect(55, 50, 35, 0);
