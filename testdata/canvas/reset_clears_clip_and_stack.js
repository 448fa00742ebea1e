// size 60x40
// check: reset() drops the clip and the saved states; restore after reset is a no-op
ctx.save();
ctx.beginPath(); ctx.rect(0, 0, 10, 10); ctx.clip();
ctx.fillStyle = 'red';
ctx.reset();
ctx.restore();
ctx.fillRect(0, 0, 60, 40);
return ctx.fillStyle;
