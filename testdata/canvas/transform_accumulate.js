// size 80x60
// check: transform() post-multiplies; getTransform reports the matrix
ctx.transform(1, 0.2, 0.3, 1, 10, 5);
ctx.transform(2, 0, 0, 0.5, 3, 4);
ctx.fillStyle = 'darkcyan';
ctx.fillRect(0, 0, 20, 40);
const m = ctx.getTransform();
return [m.a, m.b, m.c, m.d, m.e, m.f, m.is2D, m.isIdentity];
