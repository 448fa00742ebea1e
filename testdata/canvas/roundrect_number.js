// size 100x70
// check: roundRect with a single number radius, filled and stroked
ctx.beginPath();
ctx.roundRect(10, 10, 80, 50, 12);
ctx.fillStyle = 'lightseagreen';
ctx.fill();
ctx.lineWidth = 3;
ctx.stroke();
