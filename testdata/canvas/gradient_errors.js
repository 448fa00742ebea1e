// size 40x30
// check: addColorStop out of range throws IndexSizeError, an unparsable colour SyntaxError; non-finite gradient arguments throw TypeError
const g = ctx.createLinearGradient(0, 0, 40, 0);
const out = [];
for (const [o, c] of [[1.5, 'red'], [-0.1, 'red'], [NaN, 'red'], [0.5, 'notacolor'], [0.5, 'red']]) {
  try { g.addColorStop(o, c); out.push('ok'); } catch (e) { out.push(e.name); }
}
for (const f of [() => ctx.createLinearGradient(0, NaN, 1, 1), () => ctx.createRadialGradient(0, 0, 1, 0, 0, Infinity), () => ctx.createConicGradient(NaN, 0, 0)]) {
  try { f(); out.push('ok'); } catch (e) { out.push(e.name); }
}
ctx.fillStyle = g;
ctx.fillRect(0, 0, 40, 30);
return out;
