// size 100x80
// check: translate, rotate and scale compose in call order
const colors = ['#e6194b', '#3cb44b', '#4363d8', '#f58231'];
ctx.translate(50, 40);
for (let i = 0; i < 4; i++) {
  ctx.fillStyle = colors[i];
  ctx.fillRect(5, -3, 25, 6);
  ctx.rotate(Math.PI / 2);
  ctx.scale(1.1, 0.9);
}
const m = ctx.getTransform();
return [m.a, m.b, m.c, m.d, m.e, m.f].map(v => Math.round(v * 1e9) / 1e9);
