package codec

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/internal/browser"
)

// animRef is what Chromium's ImageDecoder (WebCodecs) reports for an animation; the
// frames themselves are cached stacked vertically in a PNG beside it.
type animRef struct {
	Frames, Width, Height int
	DurationsUs           []float64
	Repetitions           float64 // repetitionCount; Infinity is stored as -1
}

// TestChromiumAnimationReference compares every frame DecodeAll composites with the
// frames Chromium's ImageDecoder produces, and the frame durations. References are
// cached in testdata/chromium; MAKE_REF=1 redraws them in Chromium.
func TestChromiumAnimationReference(t *testing.T) {
	files := map[string]string{"gif_anim.gif": "image/gif", "webp_anim.webp": "image/webp",
		"gif_loop2_fast.gif": "image/gif", "gif_once.gif": "image/gif",
		"png_apng.png": "image/png", "gif_screen_grown.gif": "image/gif", "gif_frame_clipped.gif": "image/gif", "gif_screen_zero.gif": "image/gif"}
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
		// WebCodecs' ImageDecoder exists only in secure contexts, which about:blank is
		// not; a page served from 127.0.0.1 is.
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "<!doctype html><title>codec</title>")
		}))
		defer srv.Close()
		b.Eval(ctx, fmt.Sprintf("location.href = %q; true", srv.URL))
		deadline := time.Now().Add(20 * time.Second)
		for {
			v, err := b.Eval(ctx, "window.isSecureContext && typeof ImageDecoder")
			if err == nil && string(v) == `"function"` {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no ImageDecoder in Chromium (%s, %v)", v, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	for name, mime := range files {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+"_frames")
			if b != nil {
				img, ref, err := chromiumFrames(b, data, mime)
				if err != nil {
					t.Fatal(err)
				}
				j, _ := json.MarshalIndent(ref, "", "  ")
				if err := os.WriteFile(base+".json", append(j, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				f, err := os.Create(base + ".png")
				if err != nil {
					t.Fatal(err)
				}
				png.Encode(f, img)
				f.Close()
			}
			var ref animRef
			j, err := os.ReadFile(base + ".json")
			if err != nil {
				t.Fatalf("%v (regenerate with MAKE_REF=1 and Chromium installed)", err)
			}
			if err := json.Unmarshal(j, &ref); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(base + ".png")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			stack, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := DecodeAll(bytesReader(data), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Frames) != ref.Frames {
				t.Fatalf("%d frames, Chromium has %d", len(a.Frames), ref.Frames)
			}
			wantLoop := int(ref.Repetitions) + 1 // Chromium counts repetitions after the first play
			if ref.Repetitions < 0 {
				wantLoop = 0
			}
			if a.LoopCount != wantLoop {
				t.Errorf("LoopCount %d, Chromium repetitionCount %v", a.LoopCount, ref.Repetitions)
			}
			for i, fr := range a.Frames {
				want := stack.(interface {
					SubImage(image.Rectangle) image.Image
				}).SubImage(image.Rect(0, i*ref.Height, ref.Width, (i+1)*ref.Height))
				if d, _, err := compareImages(fr.Image, want); err != nil || d > chromiumTolerance {
					t.Errorf("frame %d differs from Chromium by %d (%v)", i, d, err)
				}
				if got := fr.Delay.Microseconds(); math.Abs(float64(got)-ref.DurationsUs[i]) > 0 {
					t.Errorf("frame %d delay %dµs, Chromium %vµs", i, got, ref.DurationsUs[i])
				}
			}
		})
	}
}

func chromiumFrames(b *browser.Browser, data []byte, mime string) (image.Image, *animRef, error) {
	body := fmt.Sprintf(`return (async () => {
  const bytes = Uint8Array.from(atob(%q), c => c.charCodeAt(0));
  const dec = new ImageDecoder({data: bytes, type: %q});
  await dec.tracks.ready;
  await dec.completed;
  const track = dec.tracks.selectedTrack;
  const n = track.frameCount;
  const first = await dec.decode({frameIndex: 0});
  const w = first.image.displayWidth, h = first.image.displayHeight;
  canvas.width = w; canvas.height = h * n;
  const durations = [];
  for (let i = 0; i < n; i++) {
    const r = await dec.decode({frameIndex: i});
    ctx.drawImage(r.image, 0, i * h);
    durations.push(r.image.duration);
    r.image.close();
  }
  const rep = track.repetitionCount;
  return {Frames: n, Width: w, Height: h, DurationsUs: durations, Repetitions: rep === Infinity ? -1 : rep};
})();`, base64.StdEncoding.EncodeToString(data), mime)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := b.RunCanvas(ctx, 1, 1, body)
	if err != nil {
		return nil, nil, err
	}
	if r.Error != "" {
		return nil, nil, fmt.Errorf("chromium: %s", r.Error)
	}
	var ref animRef
	if err := json.Unmarshal(r.Value, &ref); err != nil {
		return nil, nil, err
	}
	return r.Image, &ref, nil
}
