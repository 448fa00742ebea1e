// size 120x60
// check: globalAlpha applied to gradient and pattern fills and to a gradient stroke
const tile = new OffscreenCanvas(6, 6);
const tc = tile.getContext('2d');
tc.fillStyle = '#c00'; tc.fillRect(0, 0, 3, 3); tc.fillRect(3, 3, 3, 3);
const g = ctx.createLinearGradient(0, 0, 60, 0);
g.addColorStop(0, 'blue'); g.addColorStop(1, 'lime');
ctx.globalAlpha = 0.6;
ctx.fillStyle = g;
ctx.fillRect(0, 0, 60, 60);
ctx.fillStyle = ctx.createPattern(tile, 'repeat');
ctx.globalAlpha = 0.4;
ctx.fillRect(60, 0, 60, 60);
ctx.strokeStyle = g;
ctx.lineWidth = 8;
ctx.globalAlpha = 0.8;
ctx.strokeRect(20, 20, 80, 20);
