// size 100x60
// check: a translucent stroke that crosses itself and a path of overlapping subpaths are painted once per pixel (no double blending)
ctx.strokeStyle = 'rgba(200, 0, 0, 0.5)';
ctx.lineWidth = 10;
ctx.beginPath(); ctx.moveTo(10, 10); ctx.lineTo(50, 50); ctx.moveTo(50, 10); ctx.lineTo(10, 50); ctx.stroke();
ctx.fillStyle = 'rgba(0, 0, 200, 0.5)';
ctx.beginPath(); ctx.rect(55, 10, 30, 30); ctx.rect(65, 20, 30, 30); ctx.fill();
