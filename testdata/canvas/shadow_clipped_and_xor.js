// size 100x70
// check: a shadow is clipped by the clip region; shadow with xor composite and globalAlpha
ctx.beginPath(); ctx.rect(0, 0, 60, 70); ctx.clip();
ctx.shadowColor = 'rgba(0, 0, 0, 0.8)';
ctx.shadowOffsetX = 12;
ctx.shadowOffsetY = 4;
ctx.fillStyle = 'steelblue';
ctx.fillRect(30, 5, 25, 25);
ctx.globalCompositeOperation = 'xor';
ctx.globalAlpha = 0.6;
ctx.shadowBlur = 3;
ctx.fillStyle = 'orange';
ctx.beginPath(); ctx.arc(35, 45, 16, 0, Math.PI * 2); ctx.fill();
