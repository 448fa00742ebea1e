// size 80x60
// check: a pattern drawn with destination-over fills only where the destination is not opaque
const tile = new OffscreenCanvas(6, 6);
const tc = tile.getContext('2d');
tc.fillStyle = '#0a0'; tc.fillRect(0, 0, 3, 6);
ctx.fillStyle = 'rgba(200, 0, 0, 0.5)';
ctx.beginPath(); ctx.arc(40, 30, 22, 0, Math.PI * 2); ctx.fill();
ctx.globalCompositeOperation = 'destination-over';
ctx.fillStyle = ctx.createPattern(tile, 'repeat');
ctx.fillRect(0, 0, 80, 60);
