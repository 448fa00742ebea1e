// size 100x60
// check: anti-aliased clip edges modulate translucent fills and strokes
ctx.beginPath();
ctx.moveTo(10, 55); ctx.lineTo(50, 5); ctx.lineTo(90, 55); ctx.closePath();
ctx.clip();
ctx.fillStyle = 'rgba(0, 0, 255, 0.5)';
ctx.fillRect(0, 0, 100, 60);
ctx.strokeStyle = 'rgba(255, 0, 0, 0.8)';
ctx.lineWidth = 8;
ctx.beginPath(); ctx.arc(50, 40, 22, 0, Math.PI * 2); ctx.stroke();
