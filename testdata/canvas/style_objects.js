// size 20x20
// check: fillStyle/strokeStyle return the same gradient or pattern object; a gradient from another context works; invalid objects are ignored
const g = ctx.createLinearGradient(0, 0, 20, 0);
g.addColorStop(0, 'red'); g.addColorStop(1, 'blue');
ctx.fillStyle = g;
const out = [ctx.fillStyle === g, String(ctx.fillStyle)];
ctx.fillStyle = {};
out.push(ctx.fillStyle === g ? 'unchanged' : String(ctx.fillStyle));
const other = new OffscreenCanvas(4, 4).getContext('2d');
const g2 = other.createLinearGradient(0, 0, 0, 20);
g2.addColorStop(0, 'black'); g2.addColorStop(1, 'white');
ctx.strokeStyle = g2;
out.push(ctx.strokeStyle === g2);
ctx.fillRect(0, 0, 20, 10);
ctx.lineWidth = 4;
ctx.strokeRect(2, 12, 16, 6);
return out;
