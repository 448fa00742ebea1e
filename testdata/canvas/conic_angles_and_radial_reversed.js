// size 120x60
// check: a conic gradient whose start angle is beyond 2π, and a concentric radial gradient with r0 > r1
const c = ctx.createConicGradient(7 * Math.PI / 2, 30, 30);
c.addColorStop(0, 'black'); c.addColorStop(1, 'white');
ctx.fillStyle = c;
ctx.fillRect(0, 0, 60, 60);
const r = ctx.createRadialGradient(90, 30, 28, 90, 30, 8);
r.addColorStop(0, 'navy'); r.addColorStop(1, 'orange');
ctx.fillStyle = r;
ctx.fillRect(60, 0, 60, 60);
