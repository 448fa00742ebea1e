// size 96x64
// check: globalCompositeOperation 'xor' over opaque and translucent destination bands, with an opaque and a translucent source
const bands = ['#1e90ff', 'rgba(255, 200, 0, 0.6)', '#2e8b57', 'rgba(200, 50, 150, 0.3)'];
bands.forEach((c, i) => { ctx.fillStyle = c; ctx.fillRect(8 + i * 20, 4, 20, 56); });
ctx.globalCompositeOperation = 'xor';
ctx.fillStyle = 'rgb(220, 40, 40)';
ctx.beginPath();
ctx.arc(34, 24, 18, 0, Math.PI * 2);
ctx.fill();
ctx.fillStyle = 'rgba(40, 180, 90, 0.5)';
ctx.fillRect(50, 30, 40, 26);
return ctx.globalCompositeOperation;
