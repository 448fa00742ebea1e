// size 120x50
// check: arcs with tiny sweeps, sweeps just below and above 2π, and a zero sweep with lines
ctx.lineWidth = 3;
ctx.beginPath(); ctx.arc(20, 25, 15, 0, 0.01); ctx.stroke();
ctx.beginPath(); ctx.arc(55, 25, 15, 0, Math.PI * 2 - 0.001); ctx.stroke();
ctx.beginPath(); ctx.arc(90, 25, 15, 0, Math.PI * 2 + 0.5); ctx.stroke();
ctx.beginPath(); ctx.moveTo(100, 45); ctx.arc(110, 25, 8, 1, 1); ctx.lineTo(118, 45); ctx.stroke();
