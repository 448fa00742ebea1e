// size 80x60
// check: lineTo/curves on an empty path start a subpath at their first point; closePath then lineTo starts from the subpath start
ctx.beginPath();
ctx.lineTo(10, 10);
ctx.lineTo(70, 15);
ctx.lineTo(40, 50);
ctx.closePath();
ctx.lineTo(70, 55);
ctx.lineWidth = 2;
ctx.stroke();
ctx.beginPath();
ctx.quadraticCurveTo(5, 55, 30, 55);
ctx.stroke();
