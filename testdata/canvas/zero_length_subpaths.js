// size 80x60
// check: zero-length subpaths draw nothing even with round or square caps; moveTo-only paths fill nothing
ctx.lineWidth = 10;
ctx.lineCap = 'round';
ctx.beginPath(); ctx.moveTo(15, 15); ctx.lineTo(15, 15); ctx.stroke();
ctx.lineCap = 'square';
ctx.beginPath(); ctx.moveTo(40, 15); ctx.closePath(); ctx.stroke();
ctx.beginPath(); ctx.moveTo(10, 40); ctx.moveTo(70, 40); ctx.fill(); ctx.stroke();
ctx.lineCap = 'round';
ctx.beginPath(); ctx.moveTo(20, 45); ctx.lineTo(60, 45); ctx.stroke();
