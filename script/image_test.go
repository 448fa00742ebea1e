package script

import "testing"

func TestImageBinding(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"data: URL loads, draws and patterns", `const c = new OffscreenCanvas(4, 4);
const x = c.getContext('2d'); x.fillStyle = '#00ff00'; x.fillRect(0, 0, 4, 4);
const img = c.createImage();
console.log(img.complete, img.width, img instanceof Image);
img.onload = (e) => {
  const d = new OffscreenCanvas(8, 8).getContext('2d');
  d.drawImage(img, 2, 2);
  d.drawImage(img, 0, 0, 4, 4, 6, 6, 2, 2);
  const p = d.getImageData(0, 0, 8, 8).data;
  const at = (x, y) => p[(y * 8 + x) * 4 + 1];
  console.log(e.type, img.width, img.height, img.complete, at(3, 3), at(0, 0), at(7, 7));
  d.fillStyle = d.createPattern(img, 'repeat'); d.fillRect(0, 0, 1, 1);
  console.log(d.getImageData(0, 0, 1, 1).data[1]);
};
img.src = c.toDataURL();
new OffscreenCanvas(1, 1).getContext('2d').drawImage(img, 0, 0); // still loading: draws nothing, throws nothing
console.log('set');`,
			"true 0 true\nset\nload 4 4 true 255 0 255\n255\n"},
		{"temp file path and new Image()", `const c = new OffscreenCanvas(3, 2);
wx.canvasToTempFilePath({canvas: c}).then(({tempFilePath}) => {
  const img = new Image();
  img.onload = () => console.log('loaded', img.naturalWidth, img.naturalHeight, img.src === tempFilePath);
  img.src = tempFilePath;
});`,
			"loaded 3 2 true\n"},
		{"errors: missing file, network refused, broken image draw", `const a = new Image(), b = new Image();
a.onerror = (e) => {
  console.log(e.type, e.errMsg);
  try { new OffscreenCanvas(1, 1).getContext('2d').drawImage(a, 0, 0) } catch (err) { console.log(err.name) }
  b.src = 'https://example.com/x.png';
};
b.onerror = (e) => console.log(e.errMsg);
a.src = '/etc/passwd';`,
			"error no such file or directory: /etc/passwd\nInvalidStateError\nnetwork access refused: network access is disabled (allow hosts with -allow-net)\n"},
		{"drawImage arity and type", `const x = new OffscreenCanvas(1, 1).getContext('2d');
for (const f of [() => x.drawImage(new OffscreenCanvas(1, 1), 0, 0, 1), () => x.drawImage({}, 0, 0), () => x.drawImage(new OffscreenCanvas(0, 1), 0, 0)]) {
  try { f(); console.log('ok') } catch (e) { console.log(e.name) }
}`,
			"TypeError\nTypeError\nInvalidStateError\n"},
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
