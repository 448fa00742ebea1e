// size 64x1
// check: solid fills at many alpha values read back through getImageData (rounding of colour × alpha)
for (let i = 0; i < 64; i++) {
  ctx.fillStyle = `rgba(250, 128, 3, ${(i + 1) / 64})`;
  ctx.fillRect(i, 0, 1, 1);
}
return Array.from(ctx.getImageData(0, 0, 64, 1).data);
