// size 10x10
// check: defaults and invalid assignments of the enumerated state attributes
const out = [ctx.globalCompositeOperation, ctx.lineCap, ctx.lineJoin, ctx.miterLimit, ctx.lineWidth, ctx.lineDashOffset,
  ctx.imageSmoothingEnabled, ctx.imageSmoothingQuality, ctx.fillStyle, ctx.strokeStyle, ctx.shadowColor, ctx.shadowBlur, ctx.globalAlpha];
ctx.globalCompositeOperation = 'multiply'; ctx.globalCompositeOperation = 'bogus'; out.push(ctx.globalCompositeOperation);
ctx.globalCompositeOperation = 'MULTIPLY'; out.push(ctx.globalCompositeOperation);
ctx.lineCap = 'round'; ctx.lineCap = 'Round'; out.push(ctx.lineCap);
ctx.lineJoin = 'bevel'; ctx.lineJoin = ''; out.push(ctx.lineJoin);
ctx.imageSmoothingQuality = 'high'; ctx.imageSmoothingQuality = 'best'; out.push(ctx.imageSmoothingQuality);
ctx.imageSmoothingEnabled = 0; out.push(ctx.imageSmoothingEnabled);
ctx.imageSmoothingEnabled = 'yes'; out.push(ctx.imageSmoothingEnabled);
out.push(ctx.canvas === canvas);
return out;
