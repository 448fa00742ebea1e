// size 120x70
// check: shadows take the alpha of gradient and pattern fills, not their colour
const tile = new OffscreenCanvas(8, 8);
const tc = tile.getContext('2d');
tc.fillStyle = 'rgba(0, 150, 0, 0.5)'; tc.fillRect(0, 0, 4, 8);
const g = ctx.createLinearGradient(10, 0, 50, 0);
g.addColorStop(0, 'rgba(255, 0, 0, 1)'); g.addColorStop(1, 'rgba(255, 0, 0, 0)');
ctx.shadowColor = 'rgba(0, 0, 0, 0.7)';
ctx.shadowOffsetX = 5;
ctx.shadowOffsetY = 6;
ctx.shadowBlur = 2;
ctx.fillStyle = g;
ctx.fillRect(10, 10, 40, 40);
ctx.fillStyle = ctx.createPattern(tile, 'repeat');
ctx.fillRect(65, 10, 40, 40);
