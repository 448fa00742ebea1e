// size 60x40
// check: putImageData ignores scale and rotation; getImageData reads device pixels whatever the transform
const img = ctx.createImageData(4, 4);
img.data.fill(255);
ctx.scale(3, 3);
ctx.rotate(0.3);
ctx.putImageData(img, 10, 10);
ctx.fillStyle = 'rgba(0, 0, 255, 0.5)';
ctx.fillRect(0, 0, 5, 5);
return Array.from(ctx.getImageData(10, 10, 2, 1).data);
