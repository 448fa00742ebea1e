// size 40x30
// check: putImageData partly outside the canvas and with a dirty rectangle outside the data clips correctly
const img = ctx.createImageData(16, 16);
for (let i = 0; i < img.data.length; i += 4) { img.data[i] = 255; img.data[i + 1] = (i / 4) % 16 * 16; img.data[i + 3] = 255; }
ctx.putImageData(img, -8, -8);
ctx.putImageData(img, 32, 20);
ctx.putImageData(img, 10, 5, -5, -5, 10, 10);
ctx.putImageData(img, 20, 5, 14, 14, 10, 10);
ctx.putImageData(img, 0, 20, 20, 20, 5, 5);
