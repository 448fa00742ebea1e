// size 80x60
// check: clearRect ignores shadows, globalAlpha and the composite operation but honours the clip
ctx.fillStyle = 'teal';
ctx.fillRect(0, 0, 80, 60);
ctx.shadowColor = 'red';
ctx.shadowBlur = 4;
ctx.shadowOffsetX = 5;
ctx.globalAlpha = 0.5;
ctx.globalCompositeOperation = 'lighter';
ctx.clearRect(5, 5, 20, 20);
ctx.beginPath(); ctx.arc(55, 35, 15, 0, Math.PI * 2); ctx.clip();
ctx.clearRect(40, 20, 40, 40);
