// size 120x70
// check: a mirrored CTM (scale(-1, 1)) flips arcs, winding and dashes consistently
ctx.translate(120, 0);
ctx.scale(-1, 1);
ctx.fillStyle = 'darkorange';
ctx.beginPath(); ctx.moveTo(30, 35); ctx.arc(30, 35, 25, 0, Math.PI / 2); ctx.closePath(); ctx.fill();
ctx.setLineDash([9, 4]);
ctx.lineWidth = 3;
ctx.beginPath(); ctx.ellipse(85, 35, 25, 15, 0.3, 0, Math.PI * 1.5, true); ctx.stroke();
