// size 100x70
// check: lineCap butt, round and square on thick lines; invalid values ignored
const caps = ['butt', 'round', 'square'];
ctx.lineWidth = 12;
caps.forEach((cap, i) => {
  ctx.lineCap = cap;
  ctx.beginPath(); ctx.moveTo(20, 15 + i * 20); ctx.lineTo(80, 15 + i * 20); ctx.stroke();
});
ctx.lineCap = 'triangle';
const v = ctx.lineCap;
ctx.lineWidth = 1; ctx.strokeStyle = 'red';
ctx.beginPath(); ctx.moveTo(20.5, 0); ctx.lineTo(20.5, 70); ctx.moveTo(80.5, 0); ctx.lineTo(80.5, 70); ctx.stroke();
return v;
