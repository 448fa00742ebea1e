package codec

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/codec/internal/testimg"
	"github.com/seed92233726/mediad/internal/browser"
)

// chromiumTolerance is the largest per-channel difference (premultiplied 8-bit) allowed
// between our decode and Chromium's. Opaque images match exactly (both use
// libjpeg-turbo and libwebp; 16-bit PNG is narrowed the same way); translucent pixels
// are off by one because getImageData un-premultiplies Chromium's premultiplied canvas.
const chromiumTolerance = 1

// chromiumTolerances widens it where Chromium's pipeline differs: its CMYK-to-RGB
// conversion rounds differently from image/jpeg's.
var chromiumTolerances = map[string]int{"jpeg_ycck.jpg": 2}

// chromiumSkip lists fixtures Chromium cannot display.
var chromiumSkip = map[string]string{
	"tiff_rgba.tiff":       "Chromium has no TIFF decoder",
	"tiff_gray_exif7.tiff": "Chromium has no TIFF decoder",
}

var mimeTypes = map[string]string{"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp", "bmp": "image/bmp"}

// TestChromiumReference compares Decode followed by ApplyOrientation with what
// Chromium draws for the same file (drawImage honours EXIF orientation). References
// are cached in testdata/chromium; MAKE_REF=1 (make golden) redraws them in Chromium.
func TestChromiumReference(t *testing.T) {
	dir := filepath.Join("testdata", "chromium")
	var b *browser.Browser
	if os.Getenv("MAKE_REF") == "1" {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		var err error
		if b, err = browser.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "VERSION"), []byte(b.Version()+"\n"), 0o644)
	}
	for _, f := range loadFixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			if why, ok := chromiumSkip[f.Name]; ok {
				t.Skip(why)
			}
			ref := filepath.Join(dir, strings.TrimSuffix(f.Name, filepath.Ext(f.Name))+".png")
			refused := strings.TrimSuffix(ref, ".png") + ".refused"
			var img image.Image
			if b != nil {
				var err error
				img, err = chromiumDraw(b, f.Data, mimeTypes[f.Format])
				switch {
				case err != nil && strings.Contains(err.Error(), "EncodingError"):
					if err := os.WriteFile(refused, []byte(err.Error()+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					os.Remove(ref)
				case err != nil:
					t.Fatal(err)
				default:
					os.Remove(refused)
				}
			}
			if _, err := os.Stat(refused); err == nil {
				// Chromium cannot display this file: neither may Decode.
				if _, _, err := Decode(bytesReader(f.Data), DecodeOptions{}); !errors.Is(err, ErrCorrupt) {
					t.Errorf("Chromium refuses this file, Decode gives %v", err)
				}
				return
			}
			if f.DecodeErr {
				// Chromium shows part of this damaged file (checked when the reference
				// was drawn: it differs from the intact image); Decode reports ErrCorrupt.
				if _, _, err := Decode(bytesReader(f.Data), DecodeOptions{}); !errors.Is(err, ErrCorrupt) {
					t.Errorf("Decode gives %v, want ErrCorrupt", err)
				}
				if b != nil {
					intact, _, err := Decode(bytesReader(intactFile(t, f)), DecodeOptions{})
					if err != nil {
						t.Fatal(err)
					}
					if d, _, _ := compareImages(img, intact); d <= chromiumTolerance {
						t.Errorf("Chromium shows the whole image; Decode should too")
					}
				}
				return
			}
			if b != nil {
				out, err := os.Create(ref)
				if err != nil {
					t.Fatal(err)
				}
				defer out.Close()
				if err := png.Encode(out, img); err != nil {
					t.Fatal(err)
				}
			}
			rf, err := os.Open(ref)
			if err != nil {
				t.Fatalf("%v (regenerate with MAKE_REF=1 and Chromium installed)", err)
			}
			defer rf.Close()
			want, err := png.Decode(rf)
			if err != nil {
				t.Fatal(err)
			}
			got, c, err := Decode(bytesReader(f.Data), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got = ApplyOrientation(got, c.DisplayOrientation())
			tol := chromiumTolerance
			if v, ok := chromiumTolerances[f.Name]; ok {
				tol = v
			}
			d, psnr, err := compareImages(got, want)
			t.Logf("max channel diff %d, PSNR %.1f dB", d, psnr)
			if err != nil || d > tol {
				writeStrip(t, "chromium_"+strings.TrimSuffix(f.Name, filepath.Ext(f.Name)), want, got)
				t.Errorf("differs from Chromium: max channel diff %d > %d, PSNR %.1f dB (%v)", d, tol, psnr, err)
			}
		})
	}
}

// chromiumDraw loads data as an <img> and draws it at its natural (EXIF-oriented) size.
func chromiumDraw(b *browser.Browser, data []byte, mime string) (*image.NRGBA, error) {
	body := fmt.Sprintf(`return (async () => {
  const img = new Image();
  img.src = %q;
  await img.decode();
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  ctx.drawImage(img, 0, 0);
  return [img.naturalWidth, img.naturalHeight];
})();`, "data:"+mime+";base64,"+base64.StdEncoding.EncodeToString(data))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := b.RunCanvas(ctx, 1, 1, body)
	if err != nil {
		return nil, err
	}
	if r.Error != "" {
		return nil, fmt.Errorf("chromium: %s", r.Error)
	}
	var size [2]int
	if err := json.Unmarshal(r.Value, &size); err != nil || size[0] != r.Image.Rect.Dx() {
		return nil, fmt.Errorf("chromium: unexpected size %s for %v", r.Value, r.Image.Rect)
	}
	return r.Image, nil
}

// intactFile is the undamaged file a damaged fixture was made from.
func intactFile(t *testing.T, f testimg.Fixture) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", f.Intact))
	if err != nil {
		t.Fatalf("no intact file for %s: %v", f.Name, err)
	}
	return data
}
