// size 100x60
// check: composite operations with globalAlpha and strokes: lighter and destination-out
ctx.fillStyle = 'rgb(0, 100, 200)';
ctx.fillRect(10, 10, 80, 40);
ctx.globalAlpha = 0.6;
ctx.globalCompositeOperation = 'lighter';
ctx.lineWidth = 10;
ctx.strokeStyle = 'rgb(200, 100, 0)';
ctx.beginPath(); ctx.moveTo(5, 30); ctx.lineTo(95, 30); ctx.stroke();
ctx.globalCompositeOperation = 'destination-out';
ctx.beginPath(); ctx.moveTo(50, 5); ctx.lineTo(50, 55); ctx.stroke();
