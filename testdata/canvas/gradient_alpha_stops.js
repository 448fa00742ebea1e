// size 120x60
// check: gradient between transparent and opaque stops interpolates unpremultiplied colour, with globalAlpha
const g = ctx.createLinearGradient(0, 0, 120, 0);
g.addColorStop(0, 'rgba(255, 0, 0, 0)');
g.addColorStop(1, 'rgba(0, 0, 255, 1)');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 30);
ctx.globalAlpha = 0.5;
ctx.fillRect(0, 30, 120, 30);
