// size 20x10
// check: getImageData returns un-premultiplied pixels; reading outside the canvas gives transparent black; negative sizes flip the rectangle
ctx.fillStyle = 'rgba(200, 100, 50, 0.5)';
ctx.fillRect(0, 0, 10, 10);
ctx.fillStyle = '#123456';
ctx.fillRect(10, 0, 10, 10);
const a = ctx.getImageData(8, 4, 4, 1);
const b = ctx.getImageData(18, 8, 4, 4);
const c = ctx.getImageData(12, 5, -2, -1);
return [Array.from(a.data), a.width, a.height, Array.from(b.data.slice(0, 8)), Array.from(b.data.slice(8, 16)), c.width, c.height, Array.from(c.data)];
