// size 10x10
// check: missing arguments throw TypeError; extra arguments are ignored
const out = [];
for (const f of [() => ctx.fillRect(1, 2, 3), () => ctx.moveTo(1), () => ctx.arc(1, 2, 3, 4), () => ctx.createLinearGradient(1, 2, 3), () => ctx.setLineDash(), () => ctx.getImageData(0, 0, 1)]) {
  try { f(); out.push('ok'); } catch (e) { out.push(e.name); }
}
ctx.fillStyle = 'red';
ctx.fillRect(0, 0, 5, 5, 99, 100);
return out;
