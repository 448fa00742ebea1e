// size 80x60
// check: setTransform with six numbers, with a matrix init dictionary, with no argument; resetTransform
const out = [];
ctx.setTransform(2, 0, 0, 2, 10, 10);
ctx.fillStyle = 'olive';
ctx.fillRect(0, 0, 5, 5);
let m = ctx.getTransform(); out.push([m.a, m.d, m.e, m.f]);
ctx.setTransform({a: 1, b: 0, c: 0, d: 3, e: 40, f: 5});
ctx.fillRect(0, 0, 10, 5);
m = ctx.getTransform(); out.push([m.a, m.d, m.e, m.f]);
ctx.setTransform({m11: 0.5, m22: 0.5, m41: 60, m42: 40});
ctx.fillRect(0, 0, 20, 20);
m = ctx.getTransform(); out.push([m.a, m.d, m.e, m.f]);
ctx.setTransform();
m = ctx.getTransform(); out.push(m.isIdentity);
ctx.setTransform(3, 0, 0, 3, 0, 0);
ctx.resetTransform();
m = ctx.getTransform(); out.push(m.isIdentity);
try { ctx.setTransform({a: 1, m11: 2}); out.push('no error'); } catch (e) { out.push(e.name); }
return out;
