// size 80x60
// check: huge coordinates neither hang nor overflow: fills covering the canvas, lines ending far outside, a huge arc, a dashed line 1e9 long (coordinates stay below 1e7 where Chromium's float32 geometry is still exact)
ctx.fillStyle = 'lightblue';
ctx.fillRect(-1e9, -1e9, 2e9, 2e9);
ctx.fillStyle = 'navy';
ctx.beginPath(); ctx.moveTo(-1e12, 30); ctx.lineTo(1e12, 30); ctx.lineTo(1e12, 60); ctx.lineTo(-1e12, 60); ctx.fill();
ctx.lineWidth = 2;
ctx.strokeStyle = 'red';
ctx.beginPath(); ctx.moveTo(10, 10); ctx.lineTo(1e6, 1e6); ctx.stroke();
ctx.beginPath(); ctx.arc(40, 1e7, 1e7 - 15, 0, Math.PI * 2); ctx.stroke();
ctx.setLineDash([1, 1]);
ctx.beginPath(); ctx.moveTo(0, 5); ctx.lineTo(1e9, 5); ctx.stroke();
