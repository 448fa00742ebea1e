// size 10x10
// check: invalid colour strings and non-string values leave fillStyle/strokeStyle unchanged or are stringified
const out = [];
for (const s of ['', 'notacolor', '#12', '#12345', 'rgb(1, 2)', 'hsl(1, 2, 3)', 'rgb(1 2, 3)', 'var(--x)']) {
  ctx.fillStyle = '#102030'; ctx.fillStyle = s; out.push(ctx.fillStyle);
}
ctx.strokeStyle = 'blue'; ctx.strokeStyle = 5; out.push(ctx.strokeStyle);
ctx.strokeStyle = 'blue'; ctx.strokeStyle = null; out.push(ctx.strokeStyle);
ctx.strokeStyle = 'blue'; ctx.strokeStyle = {toString() { return 'lime'; }}; out.push(ctx.strokeStyle);
return out;
