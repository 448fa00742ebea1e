// size 100x80
// check: pattern.setTransform with a DOMMatrix and with a matrix init dictionary
function tile() {
  const t = new OffscreenCanvas(10, 8);
  const c = t.getContext('2d');
  c.fillStyle = '#2a6'; c.fillRect(0, 0, 10, 8);
  c.fillStyle = '#f90'; c.fillRect(0, 0, 5, 4);
  c.fillStyle = 'rgba(0, 0, 255, 0.5)'; c.fillRect(5, 4, 5, 4);
  return t;
}
const p = ctx.createPattern(tile(), 'repeat');
p.setTransform(new DOMMatrix().rotate(30).scale(2));
ctx.fillStyle = p;
ctx.fillRect(0, 0, 100, 40);
const q = ctx.createPattern(tile(), 'repeat');
q.setTransform({a: 1, b: 0, c: 0.5, d: 1, e: 3, f: 0});
ctx.fillStyle = q;
ctx.fillRect(0, 40, 100, 40);
