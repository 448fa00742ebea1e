// size 100x80
// check: a pattern follows the CTM at fill time (rotated and scaled) with smoothing disabled
function tile() {
  const t = new OffscreenCanvas(10, 8);
  const c = t.getContext('2d');
  c.fillStyle = '#2a6'; c.fillRect(0, 0, 10, 8);
  c.fillStyle = '#f90'; c.fillRect(0, 0, 5, 4);
  c.fillStyle = 'rgba(0, 0, 255, 0.5)'; c.fillRect(5, 4, 5, 4);
  return t;
}
ctx.imageSmoothingEnabled = false;
ctx.fillStyle = ctx.createPattern(tile(), 'repeat');
ctx.translate(50, 40);
ctx.rotate(0.5);
ctx.scale(2, 2);
ctx.fillRect(-30, -20, 60, 40);
