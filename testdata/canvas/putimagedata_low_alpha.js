// size 8x2
// check: putImageData then getImageData loses colour precision at low alpha (premultiplied storage)
const img = ctx.createImageData(8, 1);
const px = [[100, 150, 200, 3], [100, 150, 200, 1], [255, 255, 255, 2], [10, 20, 30, 128], [77, 88, 99, 254], [200, 100, 0, 0], [1, 2, 3, 255], [128, 64, 32, 17]];
px.forEach((p, i) => img.data.set(p, i * 4));
ctx.putImageData(img, 0, 0);
ctx.putImageData(img, 0, 1);
return Array.from(ctx.getImageData(0, 0, 8, 1).data);
