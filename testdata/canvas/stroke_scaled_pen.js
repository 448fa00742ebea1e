// size 120x80
// check: stroke under non-uniform scale and skew: the pen is transformed with the path
ctx.save();
ctx.scale(4, 1);
ctx.lineWidth = 3;
ctx.beginPath(); ctx.arc(15, 40, 10, 0, Math.PI * 2); ctx.stroke();
ctx.restore();
ctx.transform(1, 0, 0.8, 1, 0, 0);
ctx.lineWidth = 6;
ctx.strokeStyle = 'rgba(0, 100, 0, 0.6)';
ctx.strokeRect(40, 10, 30, 20);
