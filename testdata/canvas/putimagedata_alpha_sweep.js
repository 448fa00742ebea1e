// size 256x1
// check: put then get every alpha value 0-255 with a fixed colour: Chromium's premultiply/unpremultiply rounding
const img = ctx.createImageData(256, 1);
for (let a = 0; a < 256; a++) img.data.set([201, 77, 13, a], a * 4);
ctx.putImageData(img, 0, 0);
const back = ctx.getImageData(0, 0, 256, 1).data;
const out = [];
for (let a = 0; a < 256; a++) out.push(back[a * 4] + ',' + back[a * 4 + 1] + ',' + back[a * 4 + 2]);
return out;
