// size 80x60
// check: 'copy' and 'source-in' with a non-rectangular fill clear everything outside the shape, also with a clip
ctx.fillStyle = 'orange';
ctx.fillRect(0, 0, 80, 60);
ctx.save();
ctx.beginPath(); ctx.rect(0, 0, 40, 60); ctx.clip();
ctx.globalCompositeOperation = 'copy';
ctx.fillStyle = 'rgba(0, 0, 255, 0.5)';
ctx.beginPath(); ctx.arc(30, 30, 15, 0, Math.PI * 2); ctx.fill();
ctx.restore();
