// size 40x30
// check: fill/clip with an unknown fill rule throw TypeError; the path is untouched
ctx.rect(5, 5, 30, 20);
const out = [];
for (const f of [() => ctx.fill('bogus'), () => ctx.clip('EVENODD'), () => ctx.isPointInPath(10, 10, 'x')]) {
  try { f(); out.push('ok'); } catch (e) { out.push(e.name); }
}
ctx.fill();
return out;
