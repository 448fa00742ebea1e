// size 100x60
// check: SVG path data with an error renders up to the last valid command; an empty or invalid string gives an empty path
const p = new Path2D('M10 10 L50 10 L50 50 Z M60 10 L90 10 L90 X 50 L60 50 Z');
ctx.fillStyle = 'sienna';
ctx.fill(p);
ctx.fill(new Path2D('L10 10 20 20'));
ctx.fill(new Path2D('garbage'));
ctx.fill(new Path2D(''));
ctx.lineWidth = 2;
ctx.stroke(new Path2D('M70 55 l10 0 l0'));
