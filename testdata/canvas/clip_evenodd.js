// size 80x60
// check: clip with the evenodd rule leaves a ring
ctx.beginPath();
ctx.arc(40, 30, 26, 0, Math.PI * 2);
ctx.arc(40, 30, 12, 0, Math.PI * 2);
ctx.clip('evenodd');
ctx.fillStyle = 'royalblue';
ctx.fillRect(0, 0, 80, 60);
