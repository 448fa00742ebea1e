// size 80x60
// check: createPattern from an OffscreenCanvas with 'repeat', offset by the CTM
function tile() {
  const t = new OffscreenCanvas(10, 8);
  const c = t.getContext('2d');
  c.fillStyle = '#2a6'; c.fillRect(0, 0, 10, 8);
  c.fillStyle = '#f90'; c.fillRect(0, 0, 5, 4);
  c.fillStyle = 'rgba(0, 0, 255, 0.5)'; c.fillRect(5, 4, 5, 4);
  return t;
}
ctx.fillStyle = 'lightgray';
ctx.fillRect(0, 0, 80, 60);
const p = ctx.createPattern(tile(), 'repeat');
ctx.fillStyle = p;
ctx.translate(13, 9);
ctx.fillRect(-13, -9, 80, 60);
