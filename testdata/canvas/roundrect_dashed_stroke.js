// size 120x70
// check: dashed stroke around round rectangles with different radii, dash offset continuing across corners
ctx.setLineDash([7, 3, 2, 3]);
ctx.lineDashOffset = 4;
ctx.lineWidth = 3;
ctx.beginPath(); ctx.roundRect(8, 8, 50, 54, [20, 4]); ctx.stroke();
ctx.lineCap = 'round';
ctx.beginPath(); ctx.roundRect(68, 8, 44, 54, 22); ctx.stroke();
