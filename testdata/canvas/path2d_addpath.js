// size 120x80
// check: addPath with no transform, with a matrix init dictionary and with a DOMMatrix
const base = new Path2D();
base.moveTo(0, 0); base.lineTo(20, 0); base.lineTo(10, 16); base.closePath();
const all = new Path2D();
all.addPath(base);
all.addPath(base, {a: 1, b: 0, c: 0, d: 1, e: 30, f: 10});
all.addPath(base, new DOMMatrix().translate(70, 20).rotate(30).scale(1.5));
all.addPath(base, {m11: 2, m22: 2, m41: 10, m42: 40});
ctx.fillStyle = 'rgba(128, 0, 128, 0.6)';
ctx.fill(all);
let err = '';
try { all.addPath(base, {a: 1, m11: 3}); } catch (e) { err = e.name; }
return err;
