// size 120x80
// check: SVG elliptical arc commands: large-arc and sweep flags, rotation, compact flag syntax, out-of-range radii scaled up
const p = new Path2D('M10 40 A20 20 0 0 1 50 40 M10 70 a20 10 30 1 0 40 0 M60 40 A5 5 0 0 0 110 40 M60 70 a25 15 0 1150 0');
ctx.lineWidth = 3;
ctx.stroke(p);
