// size 120x90
// check: a grid of small anti-aliased circles and rotated squares at sub-pixel offsets
for (let i = 0; i < 8; i++) {
  for (let j = 0; j < 6; j++) {
    const x = 8 + i * 14.3, y = 8 + j * 14.1;
    ctx.fillStyle = `hsl(${i * 45}, 70%, ${40 + j * 5}%)`;
    if ((i + j) % 2) {
      ctx.beginPath(); ctx.arc(x, y, 3 + j * 0.7, 0, Math.PI * 2); ctx.fill();
    } else {
      ctx.save(); ctx.translate(x, y); ctx.rotate(i * 0.3); ctx.fillRect(-4, -4, 8, 8); ctx.restore();
    }
  }
}
