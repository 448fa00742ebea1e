// size 90x60
// check: a pattern scaled up 3x: nearest neighbour with imageSmoothingEnabled false, bilinear when true
function tile() {
  const t = new OffscreenCanvas(10, 8);
  const c = t.getContext('2d');
  c.fillStyle = '#2a6'; c.fillRect(0, 0, 10, 8);
  c.fillStyle = '#f90'; c.fillRect(0, 0, 5, 4);
  c.fillStyle = 'rgba(0, 0, 255, 0.5)'; c.fillRect(5, 4, 5, 4);
  return t;
}
const p = ctx.createPattern(tile(), 'repeat');
ctx.scale(3, 3);
ctx.imageSmoothingEnabled = false;
ctx.fillStyle = p;
ctx.fillRect(0, 0, 15, 20);
ctx.imageSmoothingEnabled = true;
ctx.fillRect(15, 0, 15, 20);
