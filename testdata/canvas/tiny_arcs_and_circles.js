// size 80x40
// check: circles of radius 0.1 to 3 (sub-pixel shapes) filled and stroked
[0.1, 0.3, 0.5, 0.8, 1, 1.5, 2, 3].forEach((r, i) => {
  ctx.beginPath(); ctx.arc(6 + i * 9.5, 10, r, 0, Math.PI * 2); ctx.fill();
  ctx.beginPath(); ctx.arc(6 + i * 9.5, 28, r, 0, Math.PI * 2); ctx.stroke();
});
