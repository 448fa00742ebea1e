// A share poster drawn with the mini-program Canvas 2D API.
const canvas = wx.createOffscreenCanvas({type: '2d', width: 600, height: 400});
const ctx = canvas.getContext('2d');

const bg = ctx.createLinearGradient(0, 0, 0, 400);
bg.addColorStop(0, '#1e3c72');
bg.addColorStop(1, '#2a5298');
ctx.fillStyle = bg;
ctx.fillRect(0, 0, 600, 400);

ctx.shadowColor = 'rgba(0, 0, 0, 0.4)';
ctx.shadowBlur = 12;
ctx.shadowOffsetY = 6;
ctx.fillStyle = '#fff';
ctx.beginPath();
ctx.roundRect(60, 60, 480, 280, 24);
ctx.fill();

ctx.shadowColor = 'transparent';
const badge = new Path2D('M300 120 l30 60 h-60 z');
ctx.fillStyle = '#f5a623';
ctx.fill(badge);

setTimeout(() => {
  ctx.strokeStyle = '#2a5298';
  ctx.lineWidth = 4;
  ctx.setLineDash([12, 6]);
  ctx.strokeRect(100, 220, 400, 80);
  console.log('poster', canvas.width + 'x' + canvas.height, canvas.toDataURL().length, 'bytes of data URL');
}, 10);
