// A 1080×1920 travel share poster in mini-program JavaScript: the same poster
// main.go draws in Go, call for call, so the two give the same pixels (the
// test in this directory checks it). Run it with
//
//   mediad run -o poster.png examples/poster/poster.js
//
// photo.jpg is read from the script's own directory, as a mini program reads
// an image from its code package.

const W = 1080, H = 1920;
const FAMILY = '"Noto Sans CJK SC", sans-serif';
const BODY = '住进苍山脚下的海景民宿，推窗就是洱海。清晨沿环海路骑行，傍晚登上观景台看落日把湖面染成金色；' +
  '夜里在古城的小院围炉煮茶，听老板讲白族的故事。含双人早餐与接送机，节假日不加价，未入住随时可退。';

const canvas = wx.createOffscreenCanvas({type: '2d', width: W, height: H});
const ctx = canvas.getContext('2d');
const photo = canvas.createImage();
photo.onload = () => drawPoster(photo);
photo.onerror = (e) => { throw new Error('photo.jpg: ' + e.errMsg); };
photo.src = 'photo.jpg';

function drawPoster(photo) {
  // Background: the dusk colours of the photo, with a soft warm glow.
  const bg = ctx.createLinearGradient(0, 0, 0, H);
  bg.addColorStop(0, '#241e4e');
  bg.addColorStop(0.55, '#5b3a78');
  bg.addColorStop(1, '#c96f86');
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, W, H);
  const glow = ctx.createRadialGradient(900, 150, 0, 900, 150, 420);
  glow.addColorStop(0, 'rgba(255, 190, 150, 0.45)');
  glow.addColorStop(1, 'rgba(255, 190, 150, 0)');
  ctx.fillStyle = glow;
  ctx.fillRect(0, 0, W, 600);

  // Header: a round avatar (a crop of the photo around the sun) in a white
  // ring, the sharer's name and an invitation.
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.arc(132, 140, 66, 0, 2 * Math.PI, false);
  ctx.fill();
  ctx.save();
  ctx.beginPath();
  ctx.arc(132, 140, 60, 0, 2 * Math.PI, false);
  ctx.clip();
  ctx.drawImage(photo, 476, 137, 200, 200, 72, 80, 120, 120);
  ctx.restore();
  ctx.font = 'bold 44px ' + FAMILY;
  ctx.fillText('林小夏', 230, 130);
  ctx.font = '28px ' + FAMILY;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.75)';
  ctx.fillText('邀请你一起去看洱海日落', 230, 180);

  // The card and its shadow.
  const cardX = 60, cardY = 240, cardW = 960, cardH = 1500;
  ctx.save();
  ctx.shadowColor = 'rgba(20, 10, 40, 0.45)';
  ctx.shadowBlur = 48;
  ctx.shadowOffsetY = 20;
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.roundRect(cardX, cardY, cardW, cardH, 36);
  ctx.fill();
  ctx.restore();

  // The photo fills the top of the card, its upper corners rounded with it.
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(cardX, cardY, photo.width, photo.height, [36, 36, 0, 0]);
  ctx.clip();
  ctx.drawImage(photo, cardX, cardY);
  ctx.restore();
  ctx.fillStyle = '#ff4d4f';
  ctx.beginPath();
  ctx.roundRect(96, 276, 176, 56, 28);
  ctx.fill();
  ctx.font = 'bold 28px ' + FAMILY;
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('限时特惠', 184, 304);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';

  // Title and copy, wrapped in the card; each block starts below the last.
  const textX = 108, textW = 864;
  ctx.font = 'bold 52px ' + FAMILY;
  ctx.fillStyle = '#1f1f1f';
  const title = ctx.fillTextBox('洱海日落 · 苍山海景民宿双人三日游', textX, 916, {width: textW, maxLines: 2, lineHeight: 1.4});
  let y = 916 + title.height + 16;
  ctx.font = '32px ' + FAMILY;
  ctx.fillStyle = '#595959';
  const body = ctx.fillTextBox(BODY, textX, y, {width: textW, maxLines: 4, lineHeight: 1.6});
  y += body.height + 24;

  // Tags: chips sized to their text.
  ctx.font = '26px ' + FAMILY;
  ctx.textBaseline = 'middle';
  let x = textX;
  for (const tag of ['海景房', '含早餐', '接送机', '随时退']) {
    const w = ctx.measureText(tag).width + 40;
    ctx.fillStyle = '#fff1f0';
    ctx.beginPath();
    ctx.roundRect(x, y, w, 48, 24);
    ctx.fill();
    ctx.fillStyle = '#cf1322';
    ctx.fillText(tag, x + 20, y + 24);
    x += w + 16;
  }
  ctx.textBaseline = 'alphabetic';

  // Where and until when: a map pin drawn as a path, then one grey line.
  const pinX = textX + 12, pinY = y + 110;
  ctx.fillStyle = '#8c8c8c';
  ctx.beginPath();
  ctx.arc(pinX, pinY - 14, 12, Math.PI * 0.8, Math.PI * 2.2, false);
  ctx.lineTo(pinX, pinY + 6);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.arc(pinX, pinY - 14, 5, 0, 2 * Math.PI, false);
  ctx.fill();
  ctx.font = '28px ' + FAMILY;
  ctx.fillStyle = '#8c8c8c';
  ctx.fillText('大理 · 洱海生态廊道    有效期至 2026.12.31', textX + 36, pinY);

  // A dashed rule, as a tear line above the price.
  ctx.strokeStyle = '#d9d9d9';
  ctx.lineWidth = 2;
  ctx.setLineDash([12, 10]);
  ctx.beginPath();
  ctx.moveTo(textX, 1420);
  ctx.lineTo(textX + textW, 1420);
  ctx.stroke();
  ctx.setLineDash([]);

  // Price: a small ¥, a big red figure, then the original price struck through.
  ctx.fillStyle = '#f5222d';
  ctx.font = 'bold 40px ' + FAMILY;
  ctx.fillText('¥', textX, 1560);
  x = textX + ctx.measureText('¥').width + 4;
  ctx.font = 'bold 96px ' + FAMILY;
  ctx.fillText('1299', x, 1560);
  x += ctx.measureText('1299').width + 20;
  ctx.font = '32px ' + FAMILY;
  ctx.fillStyle = '#8c8c8c';
  ctx.fillText('¥2599', x, 1560);
  // The strike sits at about half the x-height of a 32 px face.
  ctx.fillRect(x, 1560 - 11, ctx.measureText('¥2599').width, 2);
  ctx.font = '28px ' + FAMILY;
  ctx.fillText('已售 3.2万 份 · 好评率 98%', textX, 1618);
  ctx.font = 'bold 30px ' + FAMILY;
  ctx.fillStyle = '#262626';
  ctx.fillText('长按识别二维码，立即抢购', textX, 1680);

  drawCode(736, 1452, 9);
  ctx.font = '22px ' + FAMILY;
  ctx.fillStyle = '#8c8c8c';
  ctx.textAlign = 'center';
  ctx.fillText('扫码查看详情', 736 + 25 * 9 / 2, 1716);

  // Footer under the card.
  ctx.font = '26px ' + FAMILY;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.7)';
  ctx.fillText('— 由 mediad 生成 · 分享给好友一起出发 —', W / 2, 1830);
  ctx.textAlign = 'left';
}

// The code's width in modules (a version-2 QR code's size).
const QR_SIZE = 25;

// drawCode draws a QR-like code with its top-left module at (x0, y0), each
// module m px: three finder squares, the alignment square, timing rows, and
// data modules from a fixed xorshift32 sequence around a clear centre that
// carries a logo. It only looks like a code: nothing here encodes a message.
function drawCode(x0, y0, m) {
  // A light frame separates the code's quiet zone from the card.
  ctx.strokeStyle = '#f0f0f0';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.roundRect(x0 - 12, y0 - 12, QR_SIZE * m + 24, QR_SIZE * m + 24, 12);
  ctx.stroke();

  ctx.fillStyle = '#1a1a1a';
  // xorshift32 on unsigned 32-bit integers: `>>> 0` brings each step back
  // from JavaScript's signed 32-bit bit operations.
  let seed = 0x9e3779b9;
  for (let row = 0; row < QR_SIZE; row++) {
    for (let col = 0; col < QR_SIZE; col++) {
      if (reserved(row, col)) continue;
      let dark;
      if (row === 6 || col === 6) {
        dark = (row + col) % 2 === 0; // timing pattern
      } else {
        seed = (seed ^ (seed << 13)) >>> 0;
        seed = (seed ^ (seed >>> 17)) >>> 0;
        seed = (seed ^ (seed << 5)) >>> 0;
        dark = ((seed >>> 16) & 1) === 1;
      }
      if (dark) ctx.fillRect(x0 + col * m, y0 + row * m, m, m);
    }
  }
  for (const [fx, fy] of [[0, 0], [QR_SIZE - 7, 0], [0, QR_SIZE - 7]]) {
    finder(x0 + fx * m, y0 + fy * m, m, 7);
  }
  finder(x0 + 16 * m, y0 + 16 * m, m, 5);

  // The logo in the clear centre: a red tile with a white character.
  const c = x0 + QR_SIZE * m / 2;
  const cy = y0 + QR_SIZE * m / 2;
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.roundRect(c - 30, cy - 30, 60, 60, 12);
  ctx.fill();
  ctx.fillStyle = '#f5222d';
  ctx.beginPath();
  ctx.roundRect(c - 24, cy - 24, 48, 48, 10);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 30px ' + FAMILY;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('游', c, cy);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
}

// reserved reports the modules the finder and alignment squares (with their
// white separators) and the logo cover.
function reserved(row, col) {
  if ((row < 8 && col < 8) || (row < 8 && col >= QR_SIZE - 8) || (row >= QR_SIZE - 8 && col < 8)) return true;
  if (row >= 15 && row <= 21 && col >= 15 && col <= 21) return true;
  return row >= 9 && row <= 15 && col >= 9 && col <= 15;
}

// finder draws an n-module square eye: dark ring, light ring, dark core, with
// rounded corners as poster codes usually have.
function finder(x, y, m, n) {
  ctx.fillStyle = '#1a1a1a';
  ctx.beginPath();
  ctx.roundRect(x, y, n * m, n * m, 2 * m / 1.5);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.roundRect(x + m, y + m, (n - 2) * m, (n - 2) * m, m);
  ctx.fill();
  ctx.fillStyle = '#1a1a1a';
  ctx.beginPath();
  ctx.roundRect(x + 2 * m, y + 2 * m, (n - 4) * m, (n - 4) * m, m / 1.5);
  ctx.fill();
}
