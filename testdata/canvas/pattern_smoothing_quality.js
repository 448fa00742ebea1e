// size 120x60
// check: a pattern scaled down 3x and up 2.5x with imageSmoothingQuality low, medium and high
const tile = new OffscreenCanvas(12, 12);
const tc = tile.getContext('2d');
for (let y = 0; y < 12; y++) for (let x = 0; x < 12; x++) { tc.fillStyle = (x + y) % 2 ? '#000' : '#fff'; tc.fillRect(x, y, 1, 1); }
tc.fillStyle = 'red'; tc.fillRect(3, 3, 6, 6);
['low', 'medium', 'high'].forEach((q, i) => {
  ctx.save();
  ctx.imageSmoothingQuality = q;
  ctx.translate(i * 40, 0);
  ctx.save(); ctx.scale(1 / 3, 1 / 3); ctx.fillStyle = ctx.createPattern(tile, 'repeat'); ctx.fillRect(0, 0, 120, 60); ctx.restore();
  ctx.scale(2.5, 2.5); ctx.fillStyle = ctx.createPattern(tile, 'repeat'); ctx.fillRect(0, 12, 16, 12);
  ctx.restore();
});
