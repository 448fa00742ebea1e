// size 100x70
// check: nested clips intersect; restore brings back the wider clip
ctx.save();
ctx.beginPath(); ctx.rect(10, 10, 60, 50); ctx.clip();
ctx.save();
ctx.beginPath(); ctx.arc(70, 35, 25, 0, Math.PI * 2); ctx.clip();
ctx.fillStyle = 'red';
ctx.fillRect(0, 0, 100, 70);
ctx.restore();
ctx.fillStyle = 'rgba(0, 0, 255, 0.4)';
ctx.fillRect(0, 0, 100, 70);
ctx.restore();
ctx.fillStyle = 'rgba(0, 128, 0, 0.3)';
ctx.fillRect(0, 50, 100, 20);
