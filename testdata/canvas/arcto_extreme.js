// size 120x60
// check: arcTo with a nearly straight corner, a very sharp corner, and a radius larger than the segments
ctx.lineWidth = 2;
ctx.beginPath(); ctx.moveTo(5, 50); ctx.arcTo(40, 48, 75, 50, 30); ctx.lineTo(75, 50); ctx.stroke();
ctx.beginPath(); ctx.moveTo(80, 55); ctx.arcTo(95, 5, 110, 55, 4); ctx.lineTo(110, 55); ctx.stroke();
ctx.beginPath(); ctx.moveTo(10, 10); ctx.arcTo(40, 10, 40, 30, 200); ctx.lineTo(40, 30); ctx.strokeStyle = 'red'; ctx.stroke();
