// size 120x80
// check: dashes with round caps around a closed circle and a closed triangle continue across the closing segment
ctx.setLineDash([14, 8]);
ctx.lineCap = 'round';
ctx.lineWidth = 5;
ctx.strokeStyle = 'mediumvioletred';
ctx.beginPath(); ctx.arc(35, 40, 28, 0, Math.PI * 2); ctx.stroke();
ctx.lineCap = 'square';
ctx.lineJoin = 'round';
ctx.beginPath(); ctx.moveTo(75, 70); ctx.lineTo(95, 10); ctx.lineTo(115, 70); ctx.closePath(); ctx.stroke();
