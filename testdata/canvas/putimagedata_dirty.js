// size 60x40
// check: putImageData ignores transform, alpha, clip and compositing; the dirty rectangle limits what is written, with negative sizes
ctx.fillStyle = 'gray';
ctx.fillRect(0, 0, 60, 40);
const img = ctx.createImageData(20, 20);
for (let i = 0; i < img.data.length; i += 4) {
  const p = i / 4, x = p % 20, y = Math.floor(p / 20);
  img.data[i] = x * 12; img.data[i + 1] = y * 12; img.data[i + 2] = 200; img.data[i + 3] = (x + y) % 3 === 0 ? 0 : 255;
}
ctx.translate(30, 0);
ctx.globalAlpha = 0.2;
ctx.globalCompositeOperation = 'xor';
ctx.beginPath(); ctx.rect(0, 0, 5, 5); ctx.clip();
ctx.putImageData(img, 2, 2);
ctx.putImageData(img, 30, 2, 5, 5, 10, 10);
ctx.putImageData(img, 2, 22, 15, 15, -10, -10);
ctx.putImageData(img, 50, 30);
