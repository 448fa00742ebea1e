// size 120x80
// check: ellipse with rotation, partial sweeps, anticlockwise
ctx.beginPath(); ctx.ellipse(30, 40, 25, 12, Math.PI / 6, 0, Math.PI * 2); ctx.fillStyle = 'plum'; ctx.fill();
ctx.lineWidth = 2;
ctx.beginPath(); ctx.ellipse(85, 25, 25, 10, 0, 0, Math.PI * 1.25); ctx.stroke();
ctx.beginPath(); ctx.ellipse(85, 60, 25, 10, -0.4, 0, Math.PI * 1.25, true); ctx.stroke();
