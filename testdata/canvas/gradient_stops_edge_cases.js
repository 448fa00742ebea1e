// size 120x80
// check: gradient stops: equal offsets give a hard edge, stops added out of order are sorted, one stop is a solid fill, no stop is transparent
const rows = [
  [[0.5, 'red'], [0.5, 'blue'], [0, 'white'], [1, 'black']],
  [[1, 'lime'], [0, 'navy'], [0.3, 'orange']],
  [[0.7, 'purple']],
  [],
];
rows.forEach((stops, i) => {
  const g = ctx.createLinearGradient(10, 0, 110, 0);
  for (const [o, c] of stops) g.addColorStop(o, c);
  ctx.fillStyle = g;
  ctx.fillRect(0, i * 20, 120, 18);
});
