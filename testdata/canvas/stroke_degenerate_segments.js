// size 100x60
// check: zero-length segments inside a path do not disturb joins; square caps on a single segment
ctx.lineWidth = 8;
ctx.lineJoin = 'miter';
ctx.beginPath();
ctx.moveTo(10, 50); ctx.lineTo(30, 10); ctx.lineTo(30, 10); ctx.lineTo(50, 50);
ctx.stroke();
ctx.lineCap = 'square';
ctx.beginPath(); ctx.moveTo(70, 15); ctx.lineTo(85, 45); ctx.stroke();
