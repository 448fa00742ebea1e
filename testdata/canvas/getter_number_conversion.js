// size 10x10
// check: numeric attributes convert strings and objects like WebIDL unrestricted double
const out = [];
ctx.lineWidth = '3.5'; out.push(ctx.lineWidth);
ctx.lineWidth = {valueOf() { return 6; }}; out.push(ctx.lineWidth);
ctx.lineWidth = 'abc'; out.push(ctx.lineWidth);
ctx.globalAlpha = '0.25'; out.push(ctx.globalAlpha);
ctx.miterLimit = true; out.push(ctx.miterLimit);
ctx.shadowOffsetX = '-2'; out.push(ctx.shadowOffsetX);
ctx.lineDashOffset = []; out.push(ctx.lineDashOffset);
ctx.setLineDash(['2', 3]); out.push(ctx.getLineDash());
try { ctx.setLineDash(5); out.push('ok'); } catch (e) { out.push(e.name); }
return out;
