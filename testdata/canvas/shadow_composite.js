// size 100x70
// check: shadow drawn with a composite operation (destination-over) and a clip
ctx.fillStyle = 'skyblue';
ctx.fillRect(30, 20, 50, 40);
ctx.beginPath(); ctx.rect(0, 0, 70, 70); ctx.clip();
ctx.globalCompositeOperation = 'destination-over';
ctx.shadowColor = 'black';
ctx.shadowBlur = 5;
ctx.shadowOffsetX = 5; ctx.shadowOffsetY = 5;
ctx.fillStyle = 'crimson';
ctx.fillRect(10, 10, 40, 30);
