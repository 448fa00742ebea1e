// size 100x70
// check: blurred shadow of a stroke; shadow colour alpha combines with globalAlpha; shadows only where the colour is not transparent
ctx.lineWidth = 5;
ctx.shadowBlur = 6;
ctx.shadowColor = 'rgba(0, 120, 0, 0.9)';
ctx.shadowOffsetY = 6;
ctx.globalAlpha = 0.7;
ctx.strokeStyle = 'purple';
ctx.beginPath(); ctx.moveTo(10, 20); ctx.bezierCurveTo(40, -10, 60, 60, 90, 20); ctx.stroke();
ctx.shadowColor = 'transparent';
ctx.fillRect(20, 45, 60, 15);
