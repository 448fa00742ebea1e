// size 120x70
// check: roundRect with {x, y} (DOMPointInit) elliptical radii mixed with numbers
ctx.beginPath();
ctx.roundRect(10, 10, 100, 50, [{x: 30, y: 10}, 5, {x: 10, y: 25}, {x: 0, y: 0}]);
ctx.fillStyle = 'indianred';
ctx.fill();
ctx.stroke();
