// size 100x70
// check: clip(Path2D, rule) under a rotation, then clearRect is clipped too
ctx.fillStyle = 'black';
ctx.fillRect(0, 0, 100, 70);
const p = new Path2D();
p.rect(-25, -15, 50, 30);
ctx.translate(50, 35);
ctx.rotate(Math.PI / 8);
ctx.clip(p, 'nonzero');
ctx.setTransform(1, 0, 0, 1, 0, 0);
ctx.clearRect(0, 0, 100, 70);
ctx.fillStyle = 'rgba(255, 255, 0, 0.5)';
ctx.fillRect(40, 0, 60, 70);
