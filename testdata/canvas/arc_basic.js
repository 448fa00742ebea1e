// size 120x80
// check: arc: full circles, half circles clockwise and anticlockwise, stroked and filled
ctx.fillStyle = 'steelblue';
ctx.beginPath(); ctx.arc(20, 20, 15, 0, Math.PI * 2); ctx.fill();
ctx.beginPath(); ctx.arc(60, 20, 15, 0, Math.PI); ctx.fill();
ctx.beginPath(); ctx.arc(100, 20, 15, 0, Math.PI, true); ctx.fill();
ctx.lineWidth = 3;
ctx.beginPath(); ctx.arc(20, 60, 12, Math.PI / 4, Math.PI * 1.5); ctx.stroke();
ctx.beginPath(); ctx.arc(60, 60, 12, Math.PI / 4, Math.PI * 1.5, true); ctx.stroke();
ctx.beginPath(); ctx.moveTo(100, 60); ctx.arc(100, 60, 14, -Math.PI / 3, Math.PI / 3); ctx.closePath(); ctx.fill();
