// size 80x60
// check: radial gradient with identical circles paints nothing; negative radius throws IndexSizeError
ctx.fillStyle = 'silver';
ctx.fillRect(0, 0, 80, 60);
const g = ctx.createRadialGradient(40, 30, 20, 40, 30, 20);
g.addColorStop(0, 'red'); g.addColorStop(1, 'blue');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 80, 60);
try { ctx.createRadialGradient(0, 0, -1, 0, 0, 5); return 'ok'; } catch (e) { return e.name; }
