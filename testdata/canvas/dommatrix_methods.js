// size 60x40
// check: DOMMatrix arithmetic used with canvas transforms: translate/scale/rotate/skew/multiply/inverse/flip, fromMatrix, 3D rotation clears is2D, toString, transformPoint; setTransform takes the result
const r = m => [m.a, m.b, m.c, m.d, m.e, m.f].map(v => Math.round(v * 1e6) / 1e6);
const out = [];
const m = new DOMMatrix().translate(10, 5).rotate(30).scale(2, 0.5).skewX(10);
out.push(r(m), m.is2D, m.isIdentity);
out.push(r(m.inverse()), r(m.multiply(m.inverse())));
out.push(r(new DOMMatrix([1, 2, 3, 4, 5, 6]).flipX()), r(new DOMMatrix([1, 2, 3, 4, 5, 6]).flipY()));
out.push(r(DOMMatrix.fromMatrix({a: 2, d: 3, e: 4})), new DOMMatrix().rotate(0, 20, 0).is2D, new DOMMatrix().translate(1, 2).toString());
const p = m.transformPoint({x: 3, y: 4});
out.push([Math.round(p.x * 1e6) / 1e6, Math.round(p.y * 1e6) / 1e6, p.z, p.w]);
out.push(r(new DOMMatrix().rotate(45, 0, 0)) , r(new DOMMatrix([2, 0, 0, 2, 0, 0]).scale(0.5, 0.5, 1, 10, 10)));
ctx.setTransform(new DOMMatrix().translate(30, 20).rotate(20).scale(1.5));
ctx.fillStyle = 'purple';
ctx.fillRect(-10, -6, 20, 12);
return out;
