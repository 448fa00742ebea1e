package legacy

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"testing"
	"time"

	"github.com/seed92233726/mediad/canvas"
)

var fuzzSeeds = []string{
	`[{"method":"setFillStyle","data":["red"]},{"method":"fillRect","data":[0,0,10,10]}]`,
	`[{"method":"setFillStyle","data":[{"type":"linear","data":[0,0,64,0],"colorStop":[[0,"red"],[0.5,"#0f08"],[1,"blue"]]}]},{"method":"fillRect","data":[0,0,64,48]}]`,
	`[{"method":"setStrokeStyle","data":[{"type":"radial","data":[32,24,20],"colorStop":[[0,"white"],[1,"black"]]}]},{"method":"setLineWidth","data":[9]},{"method":"arc","data":[32,24,15,0,6.283185307179586,true]},{"method":"stroke","data":[]}]`,
	`[{"method":"setFillStyle","data":[{"type":"pattern","data":["/img/tile.png","repeat-y"]}]},{"method":"rotate","data":[0.5]},{"method":"fillRect","data":[-10,-10,80,80]}]`,
	`[{"method":"save","data":[]},{"method":"setShadow","data":[4,4,1e9,"rgba(0,0,0,0.5)"]},{"method":"rect","data":[5,5,20,20]},{"method":"clip","data":[]},{"method":"fillRect","data":[0,0,30,30]},{"method":"restore","data":[]},{"method":"restore","data":[]}]`,
	`[{"method":"setLineDash","data":[[1e-9,1e-9],0]},{"method":"moveTo","data":[0,0]},{"method":"lineTo","data":[1e12,1e12]},{"method":"stroke","data":[]}]`,
	`[{"method":"scale","data":[1e300,1e-300]},{"method":"arc","data":[1,1,1e300,0,1e300]},{"method":"fill","data":[]},{"method":"arcTo","data":[0,0,1,1,1e200]},{"method":"stroke","data":[]}]`,
	`[{"method":"setTransform","data":[0,0,0,0,0,0]},{"method":"fillRect","data":[0,0,10,10]},{"method":"transform","data":[1e308,1e308,-1e308,1e308,0,0]},{"method":"bezierCurveTo","data":[1,2,3,4,5,6]},{"method":"quadraticCurveTo","data":[1,2,3,4]},{"method":"fill","data":[]}]`,
	`[{"method":"font","data":["bold 30px serif"]},{"method":"setFontSize","data":[1e308]},{"method":"setTextAlign","data":["center"]},{"method":"setTextBaseline","data":["normal"]},{"method":"measureText","data":["hi"]}]`,
	`[{"method":"globalCompositeOperation","data":["xor"]},{"method":"setGlobalAlpha","data":[0.5]},{"method":"clearRect","data":[-1e9,-1e9,2e9,2e9]},{"method":"strokeRect","data":[1,1,10,10]}]`,
	`[{"method":"drawImage","data":["/img/tile.png",0,0]}]`,
	`[{"method":"fillText","data":["文字",1,20,100]}]`,
	`[{"method":"font","data":["italic bold 16000px serif"]},{"method":"strokeText","data":["WWWW",0,10]},{"method":"setFontSize","data":[0.001]},{"method":"fillText","data":["x",1e300,-1e300,1e-300]}]`,
	`[{"method":"scale","data":[1000,1000]},{"method":"setTextBaseline","data":["middle"]},{"method":"setTextAlign","data":["right"]},{"method":"fillText","data":["Hi 🙂 مرحبا",0,0]},{"method":"rotate","data":[1]},{"method":"strokeText","data":["\u0000\ud800",0,0,0]}]`,
	`[{"method":"fillRect","data":[0,"0",1,1]}]`,
	`[{"method":"nope"}]`,
	`[1,2,3]`,
	`{"method":"save"}`,
}

// FuzzUnmarshalRender feeds arbitrary bytes to Unmarshal and renders what it
// accepts on a small canvas: no panic, no hang, errors name their action,
// and an accepted list survives Marshal/Unmarshal unchanged.
func FuzzUnmarshalRender(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("hang: %q", data)) })
		defer wd.Stop()
		acts, err := Unmarshal(data)
		if err != nil {
			var ae *ActionError
			if errors.As(err, &ae) && (ae.Index < 0 || !bytes.Contains([]byte(err.Error()), []byte(fmt.Sprintf("action %d", ae.Index)))) {
				t.Fatalf("bad action error %q", err)
			}
			return
		}
		js, err := Marshal(acts)
		if err != nil {
			t.Fatalf("Marshal of an accepted list: %v", err)
		}
		again, err := Unmarshal(js)
		if err != nil {
			t.Fatalf("Unmarshal(Marshal): %v\n%s", err, js)
		}
		if js2, _ := Marshal(again); !bytes.Equal(js, js2) {
			t.Fatalf("round trip changed the list:\n%s\n%s", js, js2)
		}
		cv, err := Render(acts, RenderOptions{Width: 32, Height: 24, PixelRatio: 2, Images: testImages, MaxPixels: 64 * 48})
		if err != nil {
			var ae *ActionError
			if !errors.As(err, &ae) || ae.Index >= len(acts) {
				t.Fatalf("render error without a valid action index: %v", err)
			}
			return
		}
		if cv.Width() != 64 || cv.Height() != 48 {
			t.Fatalf("canvas %dx%d", cv.Width(), cv.Height())
		}
	})
}

// FuzzExport tries arbitrary export regions, sizes and ratios: an error or an
// image no larger than MaxPixels, never a panic.
func FuzzExport(f *testing.F) {
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, "png")
	f.Add(-5.0, 3.0, 20.0, 1e300, 7.0, 0.0, 2.5, 2.0, "jpg")
	f.Add(1e308, -1e308, 1e-300, 3.0, 1e9, 1e9, 16.0, 0.0, "png")
	cv, err := canvas.NewCanvas(16, 12)
	if err != nil {
		f.Fatal(err)
	}
	cv.Context2D().FillRect(2, 2, 8, 8)
	f.Fuzz(func(t *testing.T, x, y, w, h, dw, dh, dpr, q float64, ft string) {
		opts := ExportOptions{X: x, Y: y, Width: w, Height: h, DestWidth: dw, DestHeight: dh,
			PixelRatio: dpr, FileType: ft, Quality: q, MaxPixels: 4096}
		var buf bytes.Buffer
		if err := Export(&buf, cv, opts); err != nil {
			return
		}
		img, _, err := image.Decode(&buf)
		if err != nil {
			t.Fatalf("exported an undecodable file: %v", err)
		}
		if b := img.Bounds(); b.Dx()*b.Dy() > 4096 {
			t.Fatalf("output %v beyond MaxPixels", b)
		}
	})
}
