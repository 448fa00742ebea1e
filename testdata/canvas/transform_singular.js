// size 60x40
// check: a singular transform draws nothing but keeps the state
ctx.fillStyle = 'red';
ctx.scale(0, 1);
ctx.fillRect(0, 0, 60, 40);
ctx.beginPath();
ctx.rect(0, 0, 60, 40);
ctx.fill();
ctx.setTransform(1, 0, 0, 1, 0, 0);
ctx.fillStyle = 'blue';
ctx.fillRect(20, 10, 20, 20);
