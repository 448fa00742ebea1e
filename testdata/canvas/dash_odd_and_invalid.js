// size 120x60
// check: an odd dash list repeats itself; negative/NaN/Infinity entries make setLineDash a no-op; [] turns dashing off
const out = [];
ctx.setLineDash([4, 8, 12]);
out.push(ctx.getLineDash());
ctx.lineWidth = 3;
ctx.beginPath(); ctx.moveTo(5, 10); ctx.lineTo(115, 10); ctx.stroke();
ctx.setLineDash([1, -1]); out.push(ctx.getLineDash());
ctx.setLineDash([1, NaN]); out.push(ctx.getLineDash());
ctx.setLineDash([Infinity]); out.push(ctx.getLineDash());
ctx.beginPath(); ctx.moveTo(5, 30); ctx.lineTo(115, 30); ctx.stroke();
ctx.setLineDash([]); out.push(ctx.getLineDash());
ctx.beginPath(); ctx.moveTo(5, 50); ctx.lineTo(115, 50); ctx.stroke();
ctx.setLineDash([0, 0]); out.push(ctx.getLineDash());
return out;
