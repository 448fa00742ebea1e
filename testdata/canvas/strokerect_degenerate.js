// size 80x50
// check: strokeRect with zero width and height draws nothing; zero width only draws a line with caps by the join rules
ctx.lineWidth = 6;
ctx.strokeStyle = 'navy';
ctx.strokeRect(10, 10, 0, 0);
ctx.lineJoin = 'round';
ctx.strokeRect(30, 10, 0, 30);
ctx.lineJoin = 'miter';
ctx.strokeRect(50, 10, 0, 30);
ctx.lineJoin = 'bevel';
ctx.strokeRect(65, 25, 10, 0);
