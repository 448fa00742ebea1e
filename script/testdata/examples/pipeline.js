// Image pipeline: draw a banner, export it, make a thumbnail and a square
// crop, and keep a manifest in the user data directory.
const canvas = wx.createOffscreenCanvas({type: '2d', width: 800, height: 450});
const ctx = canvas.getContext('2d');
const sky = ctx.createLinearGradient(0, 0, 0, 450);
sky.addColorStop(0, '#1d3557');
sky.addColorStop(1, '#457b9d');
ctx.fillStyle = sky;
ctx.fillRect(0, 0, 800, 450);
ctx.fillStyle = '#f1faee';
ctx.font = 'bold 56px sans-serif';
ctx.textAlign = 'center';
ctx.fillText('Summer sale', 400, 240);

async function main() {
  const banner = await wx.canvasToTempFilePath({canvas, fileType: 'jpg', quality: 0.9});
  const thumb = await wx.compressImage({src: banner.tempFilePath, quality: 70, compressedWidth: 200});
  const square = await wx.cropImage({src: banner.tempFilePath, cropScale: '1:1'});
  const sizes = [];
  for (const p of [banner.tempFilePath, thumb.tempFilePath, square.tempFilePath]) {
    const info = await wx.getImageInfo({src: p});
    sizes.push(`${info.width}x${info.height} ${info.type}`);
  }
  const fs = wx.getFileSystemManager();
  fs.writeFileSync(`${wx.env.USER_DATA_PATH}/manifest.json`, JSON.stringify({sizes}), 'utf8');
  console.log(JSON.parse(fs.readFileSync(`${wx.env.USER_DATA_PATH}/manifest.json`, 'utf8')).sizes.join(', '));
}
main();
