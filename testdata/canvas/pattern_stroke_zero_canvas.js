// size 80x60
// check: a pattern as strokeStyle; a zero-size source canvas throws InvalidStateError
function tile() {
  const t = new OffscreenCanvas(10, 8);
  const c = t.getContext('2d');
  c.fillStyle = '#2a6'; c.fillRect(0, 0, 10, 8);
  c.fillStyle = '#f90'; c.fillRect(0, 0, 5, 4);
  c.fillStyle = 'rgba(0, 0, 255, 0.5)'; c.fillRect(5, 4, 5, 4);
  return t;
}
ctx.strokeStyle = ctx.createPattern(tile(), 'repeat');
ctx.lineWidth = 12;
ctx.strokeRect(12, 12, 56, 36);
try { ctx.createPattern(new OffscreenCanvas(0, 5), 'repeat'); return 'ok'; } catch (e) { return e.name; }
