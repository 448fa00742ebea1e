// size 60x40
// check: isPointInPath and isPointInStroke ignore the clip, globalAlpha and composite state; the path is unchanged by them
ctx.beginPath(); ctx.rect(0, 0, 10, 10); ctx.clip();
ctx.globalAlpha = 0;
ctx.globalCompositeOperation = 'destination-out';
ctx.beginPath();
ctx.rect(20, 10, 30, 20);
const out = [ctx.isPointInPath(30, 20), ctx.isPointInPath(5, 5), ctx.isPointInStroke(20, 20), ctx.isPointInStroke(35, 20)];
ctx.globalAlpha = 1;
ctx.globalCompositeOperation = 'source-over';
ctx.resetTransform();
out.push(ctx.isPointInPath(30, 20));
return out;
