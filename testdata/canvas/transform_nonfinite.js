// size 60x40
// check: non-finite arguments make translate/scale/rotate/transform/setTransform no-ops
ctx.translate(10, 10);
ctx.translate(NaN, 5);
ctx.scale(Infinity, 1);
ctx.rotate(-Infinity);
ctx.transform(1, 0, 0, 1, NaN, 0);
ctx.setTransform(1, 0, 0, 1, 0, Infinity);
ctx.fillStyle = 'black';
ctx.fillRect(0, 0, 10, 10);
const m = ctx.getTransform();
return [m.a, m.b, m.c, m.d, m.e, m.f];
