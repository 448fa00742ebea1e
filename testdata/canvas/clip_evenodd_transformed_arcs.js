// size 100x80
// check: an evenodd clip of overlapping rotated ellipses, then a gradient fill
ctx.translate(50, 40);
ctx.rotate(0.6);
ctx.beginPath();
ctx.ellipse(-12, 0, 30, 18, 0, 0, Math.PI * 2);
ctx.ellipse(12, 0, 30, 18, 0, 0, Math.PI * 2);
ctx.clip('evenodd');
ctx.setTransform(1, 0, 0, 1, 0, 0);
const g = ctx.createRadialGradient(50, 40, 5, 50, 40, 50);
g.addColorStop(0, 'yellow'); g.addColorStop(1, 'darkgreen');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 100, 80);
