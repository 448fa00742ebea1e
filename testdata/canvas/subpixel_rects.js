// size 60x30
// check: rectangles at quarter-pixel offsets and sizes (coverage of partial pixels, no AA quantisation of axis-aligned edges)
ctx.fillStyle = 'black';
for (let i = 0; i < 8; i++) ctx.fillRect(2 + i * 7 + i * 0.25, 2 + i * 0.125, 4.5 + i * 0.125, 25);
