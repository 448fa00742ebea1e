// size 10x10
// check: getTransform returns a fresh DOMMatrix snapshot with 2D and 3D accessors
ctx.setTransform(1, 2, 3, 4, 5, 6);
const m = ctx.getTransform();
ctx.translate(10, 10);
const m2 = ctx.getTransform();
return [m.a, m.b, m.c, m.d, m.e, m.f, m.m11, m.m12, m.m21, m.m22, m.m41, m.m42, m.m33, m.m44, m.is2D, m === m2, m2.e, m2.f];
