// size 60x40
// check: ellipse with a negative radius throws IndexSizeError; zero radii and non-finite arguments add nothing harmful
const out = [];
for (const [rx, ry] of [[-1, 5], [5, -1]]) {
  try { ctx.ellipse(30, 20, rx, ry, 0, 0, 6); out.push('ok'); } catch (e) { out.push(e.name); }
}
ctx.beginPath();
ctx.moveTo(5, 5);
ctx.ellipse(30, 20, 0, 0, 0, 0, Math.PI);
ctx.ellipse(30, 20, NaN, 5, 0, 0, Math.PI);
ctx.lineTo(55, 35);
ctx.stroke();
return out;
