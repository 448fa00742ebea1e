// size 200x40
// check: a linear gradient with many close stops and stops at 0 and 1 only at the ends of a long ramp
const g = ctx.createLinearGradient(0, 0, 200, 0);
const colors = ['#000', '#f00', '#ff0', '#0f0', '#0ff', '#00f', '#f0f', '#fff', '#888', '#123456', '#fedcba'];
colors.forEach((c, i) => g.addColorStop(i / (colors.length - 1), c));
ctx.fillStyle = g;
ctx.fillRect(0, 0, 200, 20);
const h = ctx.createLinearGradient(50, 0, 150, 0);
h.addColorStop(0, 'rgba(0, 0, 0, 1)');
h.addColorStop(1, 'rgba(255, 255, 255, 0.2)');
ctx.fillStyle = h;
ctx.fillRect(0, 20, 200, 20);
