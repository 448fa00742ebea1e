package script

import "testing"

func TestCreateCanvasContext(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"record, draw, export by canvasId", `const ctx = wx.createCanvasContext('poster', {width: 40, height: 20});
ctx.setFillStyle('#ff0000'); ctx.fillRect(0, 0, 10, 10);
const g = ctx.createLinearGradient(0, 0, 40, 0); g.addColorStop(0, '#0000ff'); g.addColorStop(1, '#0000ff');
ctx.fillStyle = g; ctx.fillRect(20, 0, 10, 10);
console.log(ctx.fillStyle === g, ctx.measureText('abc').width > 0, ctx.canvasId);
ctx.draw(false, () => {
  wx.canvasGetImageData({canvasId: 'poster', x: 0, y: 0, width: 40, height: 20}).then((r) => {
    const px = (x, y) => Array.from(r.data.slice((y * 40 + x) * 4, (y * 40 + x) * 4 + 4)).join(',');
    console.log(r.width, px(5, 5), px(25, 5), px(35, 15));
    return wx.canvasToTempFilePath({canvasId: 'poster', destWidth: 20, destHeight: 10});
  }).then((r) => wx.getImageInfo({src: r.tempFilePath})).then((i) => console.log(i.width, i.height));
});`,
			"true true poster\n40 255,0,0,255 0,0,255,255 0,0,0,0\n20 10\n"},
		{"draw(true) keeps, draw() clears", `const ctx = wx.createCanvasContext('c', {width: 4, height: 4});
ctx.fillRect(0, 0, 1, 1); ctx.draw();
ctx.fillRect(3, 3, 1, 1); ctx.draw(true);
wx.canvasGetImageData({canvasId: 'c', x: 0, y: 0, width: 4, height: 4}).then((r) => {
  console.log(r.data[3], r.data[(3 * 4 + 3) * 4 + 3]);
  ctx.fillRect(1, 1, 1, 1); ctx.draw(false);
  return wx.canvasGetImageData({canvasId: 'c', x: 0, y: 0, width: 4, height: 4});
}).then((r) => console.log(r.data[3], r.data[(1 * 4 + 1) * 4 + 3]));`,
			"255 255\n0 255\n"},
		{"a bad action fails draw with its index", `const ctx = wx.createCanvasContext('e');
ctx.arc(0, 0, -1, 0, 1); try { ctx.draw() } catch (e) { console.log(e.message.startsWith('draw:fail'), e.message.includes('0')) }`,
			"true true\n"},
		{"drawImage paths go through the sandbox", `const ctx = wx.createCanvasContext('i');
ctx.drawImage('/etc/passwd', 0, 0); try { ctx.draw() } catch (e) { console.log(e.message.includes('no such file')) }`,
			"true\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{}, tc.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}
