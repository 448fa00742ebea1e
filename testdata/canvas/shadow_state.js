// size 40x30
// check: shadow getters: serialisation of shadowColor and rejection of invalid shadowBlur / offsets
const out = [];
ctx.shadowColor = 'red'; out.push(ctx.shadowColor);
ctx.shadowColor = 'rgba(1, 2, 3, 0.5)'; out.push(ctx.shadowColor);
ctx.shadowColor = 'bogus'; out.push(ctx.shadowColor);
ctx.shadowBlur = 3; ctx.shadowBlur = -1; out.push(ctx.shadowBlur);
ctx.shadowBlur = NaN; out.push(ctx.shadowBlur);
ctx.shadowOffsetX = 2.5; ctx.shadowOffsetX = Infinity; out.push(ctx.shadowOffsetX);
ctx.shadowOffsetY = -4; ctx.shadowOffsetY = NaN; out.push(ctx.shadowOffsetY);
return out;
