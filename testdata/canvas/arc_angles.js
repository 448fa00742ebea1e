// size 120x80
// check: arc angle normalisation: sweeps beyond 2π, end before start, and arc(x, y, r, 2π, 0) clockwise is a full circle
ctx.lineWidth = 2;
ctx.beginPath(); ctx.arc(20, 20, 14, 0, 10 * Math.PI); ctx.stroke();
ctx.beginPath(); ctx.arc(60, 20, 14, Math.PI, 0); ctx.stroke();
ctx.beginPath(); ctx.arc(100, 20, 14, Math.PI * 2, 0); ctx.fillStyle = 'tomato'; ctx.fill();
ctx.beginPath(); ctx.arc(20, 60, 14, 0, -Math.PI / 2); ctx.stroke();
ctx.beginPath(); ctx.arc(60, 60, 14, 0, -Math.PI / 2, true); ctx.stroke();
ctx.beginPath(); ctx.arc(100, 60, 14, 3 * Math.PI, Math.PI / 2, true); ctx.stroke();
