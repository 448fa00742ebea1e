// size 10x10
// check: overloads with the wrong number of arguments throw TypeError; wrong argument types for Path2D, ImageData and pattern sources throw TypeError
const img = ctx.createImageData(2, 2);
const p = new Path2D('M0 0 L5 5');
const calls = [
  () => ctx.setTransform(1, 2), () => ctx.setTransform(1, 0, 0, 1, 0), () => ctx.putImageData(img, 0, 0, 1, 1),
  () => ctx.putImageData(img, 0), () => ctx.isPointInPath(p, 1), () => ctx.isPointInStroke(p, 1),
  () => ctx.stroke({}), () => ctx.fill({}, 'nonzero'), () => ctx.putImageData({width: 1, height: 1, data: [0, 0, 0, 0]}, 0, 0),
  () => ctx.createPattern({}, 'repeat'), () => new Path2D().addPath({}), () => ctx.createImageData({}),
  () => ctx.setTransform(1, 0, 0, 1, 0, 0, 99), () => ctx.clip(p, 'evenodd', 'extra'),
];
return calls.map(f => { try { f(); return 'ok'; } catch (e) { return e.name; } });
