// size 100x80
// check: shadowBlur 4 and 10 on filled shapes (Gaussian, sigma = blur / 2)
ctx.shadowColor = 'rgba(0, 0, 80, 0.8)';
ctx.shadowBlur = 4;
ctx.shadowOffsetX = 3;
ctx.shadowOffsetY = 3;
ctx.fillStyle = 'gold';
ctx.fillRect(10, 10, 30, 25);
ctx.shadowBlur = 10;
ctx.shadowOffsetX = 0;
ctx.shadowOffsetY = 0;
ctx.shadowColor = 'red';
ctx.beginPath(); ctx.arc(68, 50, 15, 0, Math.PI * 2); ctx.fill();
