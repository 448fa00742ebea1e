// size 120x80
// check: roundRect with negative width or height mirrors the corners
ctx.fillStyle = 'goldenrod';
ctx.beginPath(); ctx.roundRect(55, 35, -45, -25, [20, 0, 0, 0]); ctx.fill();
ctx.beginPath(); ctx.roundRect(65, 75, 45, -30, [20, 0, 0, 0]); ctx.fill();
ctx.beginPath(); ctx.roundRect(110, 5, -40, 30, [20, 0, 0, 0]); ctx.fill();
