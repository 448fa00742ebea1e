// size 160x100
// check: roundRect radii as lists of 1, 2, 3 and 4 values
const forms = [[14], [14, 4], [18, 4, 10], [2, 8, 16, 24]];
ctx.fillStyle = 'slateblue';
forms.forEach((r, i) => {
  ctx.beginPath();
  ctx.roundRect(6 + (i % 2) * 78, 6 + Math.floor(i / 2) * 48, 70, 42, r);
  ctx.fill();
});
