// size 60x40
// check: createPattern repetition: '' and null mean repeat; an unknown value throws SyntaxError; ImageData is not an image source
function tile() {
  const t = new OffscreenCanvas(10, 8);
  const c = t.getContext('2d');
  c.fillStyle = '#2a6'; c.fillRect(0, 0, 10, 8);
  c.fillStyle = '#f90'; c.fillRect(0, 0, 5, 4);
  c.fillStyle = 'rgba(0, 0, 255, 0.5)'; c.fillRect(5, 4, 5, 4);
  return t;
}
const out = [];
for (const r of ['', null, 'REPEAT', 'bogus']) {
  try { const p = ctx.createPattern(tile(), r); out.push(p === null ? 'null' : 'pattern'); } catch (e) { out.push(e.name); }
}
try { ctx.createPattern(new ImageData(2, 2), 'repeat'); out.push('ok'); } catch (e) { out.push(e.name); }
ctx.fillStyle = ctx.createPattern(tile(), null);
ctx.fillRect(0, 0, 60, 40);
return out;
