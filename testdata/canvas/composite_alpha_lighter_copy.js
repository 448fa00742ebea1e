// size 100x50
// check: globalAlpha with 'copy' and saturation of 'lighter'
ctx.fillStyle = 'rgb(200, 150, 100)';
ctx.fillRect(0, 0, 100, 50);
ctx.globalCompositeOperation = 'lighter';
ctx.fillStyle = 'rgb(100, 150, 200)';
ctx.fillRect(0, 0, 50, 25);
ctx.globalAlpha = 0.5;
ctx.fillRect(0, 25, 50, 25);
ctx.globalCompositeOperation = 'copy';
ctx.fillStyle = 'rgba(0, 0, 0, 0.5)';
ctx.fillRect(50, 0, 50, 25);
