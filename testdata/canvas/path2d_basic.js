// size 100x70
// check: Path2D built with rect, arc, lines; fill and stroke it; the context path is unaffected
const p = new Path2D();
p.rect(10, 10, 30, 20);
p.moveTo(80, 35);
p.arc(65, 35, 15, 0, Math.PI * 2);
p.moveTo(10, 60); p.lineTo(90, 60);
ctx.beginPath(); ctx.rect(45, 45, 10, 10);
ctx.fillStyle = 'coral';
ctx.fill(p);
ctx.lineWidth = 2;
ctx.stroke(p);
ctx.fillStyle = 'black';
ctx.fill();
