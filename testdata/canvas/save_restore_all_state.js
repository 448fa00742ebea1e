// size 80x40
// check: save/restore round-trips every attribute of the drawing state
const attrs = ['globalAlpha', 'globalCompositeOperation', 'lineWidth', 'lineCap', 'lineJoin', 'miterLimit', 'lineDashOffset',
  'shadowOffsetX', 'shadowOffsetY', 'shadowBlur', 'shadowColor', 'imageSmoothingEnabled', 'imageSmoothingQuality', 'fillStyle', 'strokeStyle'];
const before = attrs.map(a => ctx[a]);
ctx.save();
Object.assign(ctx, {globalAlpha: 0.5, globalCompositeOperation: 'xor', lineWidth: 7, lineCap: 'round', lineJoin: 'bevel', miterLimit: 3,
  lineDashOffset: 2, shadowOffsetX: 1, shadowOffsetY: 2, shadowBlur: 3, shadowColor: 'blue', imageSmoothingEnabled: false,
  imageSmoothingQuality: 'high', fillStyle: 'green', strokeStyle: 'purple'});
ctx.setLineDash([3, 1]);
ctx.translate(5, 5);
const during = attrs.map(a => ctx[a]);
ctx.restore();
const after = attrs.map(a => ctx[a]);
ctx.fillRect(10, 10, 20, 20);
return [before, during, after, ctx.getLineDash(), ctx.getTransform().e];
