// size 10x10
// check: numeric state read back after storing non-binary fractions (float32 storage shows in the getters)
ctx.lineWidth = 0.1;
ctx.miterLimit = 1.1;
ctx.globalAlpha = 0.1;
ctx.shadowBlur = 0.3;
ctx.shadowOffsetX = 0.7;
ctx.shadowOffsetY = -1.3;
ctx.lineDashOffset = 0.1;
ctx.setLineDash([0.1, 0.2]);
ctx.transform(0.1, 0.2, 0.3, 0.7, 1.1, 2.3);
const m = ctx.getTransform();
return [ctx.lineWidth, ctx.miterLimit, ctx.globalAlpha, ctx.shadowBlur, ctx.shadowOffsetX, ctx.shadowOffsetY, ctx.lineDashOffset, ctx.getLineDash(), [m.a, m.b, m.c, m.d, m.e, m.f]];
