// size 120x100
// check: Path2D from SVG path data: M L H V C S Q T Z, absolute and relative, implicit repeated commands
const p = new Path2D('M10 10 L40 10 H60 V30 h20 v20 l-10 10 Z m0 10 l 5 5 5 -5 5 5');
const q = new Path2D('M10,60 C20,40 40,40 50,60 S80,80 90,60 Q100,50 110,60 T110,90 q-20 5 -30 0 t-30 0 z');
ctx.lineWidth = 2;
ctx.fillStyle = 'lightgreen';
ctx.fill(p);
ctx.stroke(p);
ctx.fillStyle = 'rgba(0, 0, 200, 0.4)';
ctx.fill(q);
ctx.stroke(q);
