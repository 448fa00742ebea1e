// size 120x80
// check: a radial gradient under non-uniform scale and rotation becomes elliptical
const g = ctx.createRadialGradient(0, 0, 2, 5, 0, 30);
g.addColorStop(0, 'white');
g.addColorStop(0.4, 'tomato');
g.addColorStop(1, 'rgba(0, 0, 128, 0.6)');
ctx.translate(60, 40);
ctx.rotate(0.4);
ctx.scale(1.8, 0.9);
ctx.fillStyle = g;
ctx.fillRect(-40, -40, 80, 80);
