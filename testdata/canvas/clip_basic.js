// size 80x60
// check: clip to a circle then fill a rectangle and a stroke
ctx.beginPath();
ctx.arc(40, 30, 22, 0, Math.PI * 2);
ctx.clip();
ctx.fillStyle = 'darkorange';
ctx.fillRect(0, 0, 80, 60);
ctx.lineWidth = 6;
ctx.beginPath(); ctx.moveTo(0, 0); ctx.lineTo(80, 60); ctx.stroke();
