// size 120x70
// check: roundRect radii larger than the sides are scaled down together
ctx.fillStyle = 'darkslategray';
ctx.beginPath(); ctx.roundRect(5, 5, 50, 60, 100); ctx.fill();
ctx.beginPath(); ctx.roundRect(65, 10, 50, 50, [40, 10, 40, 10]); ctx.fill();
