// size 100x80
// check: a 0.1 px line width scaled up 20x strokes as a 2 px line; a hairline under scale down
ctx.save();
ctx.scale(20, 20);
ctx.lineWidth = 0.1;
ctx.beginPath(); ctx.moveTo(0.5, 0.5); ctx.lineTo(4.5, 3.5); ctx.stroke();
ctx.restore();
ctx.save();
ctx.scale(0.1, 0.1);
ctx.lineWidth = 10;
ctx.beginPath(); ctx.moveTo(100, 600); ctx.lineTo(900, 700); ctx.stroke();
ctx.restore();
