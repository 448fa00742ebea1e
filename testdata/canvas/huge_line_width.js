// size 60x40
// check: a 1000 px wide stroke covers the canvas; miterLimit below 1 is ignored
ctx.miterLimit = 0.5;
const ml = ctx.miterLimit;
ctx.lineWidth = 1000;
ctx.strokeStyle = 'rgba(0, 100, 0, 0.5)';
ctx.beginPath(); ctx.moveTo(30, 20); ctx.lineTo(31, 21); ctx.stroke();
return ml;
