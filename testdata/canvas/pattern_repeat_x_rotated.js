// size 100x80
// check: repeat-x and repeat-y patterns under rotation (the unrepeated axis is clipped to the tile)
const t = new OffscreenCanvas(10, 10);
const tc = t.getContext('2d');
tc.fillStyle = '#d33'; tc.fillRect(0, 0, 10, 10);
tc.fillStyle = '#fff'; tc.fillRect(2, 2, 6, 6);
ctx.translate(50, 40);
ctx.rotate(0.5);
ctx.fillStyle = ctx.createPattern(t, 'repeat-x');
ctx.fillRect(-60, -60, 120, 120);
ctx.rotate(1.2);
ctx.fillStyle = ctx.createPattern(t, 'repeat-y');
ctx.fillRect(-60, -60, 120, 120);
