package difftest

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/script"
)

// runMediad runs one case in a fresh script runtime, the way RunCanvas runs it in
// Chromium, and returns the canvas pixels (un-premultiplied, as getImageData
// reads them) and the result.
func runMediad(c Case) (*image.NRGBA, Result, error) {
	rt := script.New(script.Options{Timeout: 20 * time.Second})
	body, _ := json.Marshal(c.Body)
	src := fmt.Sprintf(`(function () {
  const canvas = new OffscreenCanvas(%d, %d);
  const ctx = canvas.getContext('2d');
  let value = null, error = '';
  try {
    const f = new Function('canvas', 'ctx', %s);
    value = f(canvas, ctx);
    if (value === undefined) value = null;
  } catch (e) {
    error = (e && e.name ? e.name + ': ' + e.message : String(e));
  }
  return JSON.stringify({value: JSON.stringify(value), error});
})()`, c.Width, c.Height, body)
	v, err := rt.Eval(context.Background(), c.Name+".js", src)
	if err != nil {
		return nil, Result{}, err
	}
	var r struct{ Value, Error string }
	if err := json.Unmarshal([]byte(v.String()), &r); err != nil {
		return nil, Result{}, err
	}
	cv := rt.Canvases()[0]
	w, h := cv.Width(), cv.Height()
	if w == 0 || h == 0 {
		return image.NewNRGBA(image.Rect(0, 0, w, h)), Result{Value: json.RawMessage(r.Value), Error: r.Error}, nil
	}
	data, err := cv.Context2D().GetImageData(0, 0, w, h)
	if err != nil {
		return nil, Result{}, err
	}
	img := &image.NRGBA{Pix: data.Data, Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	return img, Result{Value: json.RawMessage(r.Value), Error: r.Error}, nil
}

// errorName is the exception name of a "Name: message" error string; messages
// are worded per engine, the name is what scripts test.
func errorName(s string) string {
	name, _, _ := strings.Cut(s, ":")
	return name
}

// knownDiff loosens the comparison of one case that differs from Chromium today.
type knownDiff struct {
	reason string    // what differs and which package owns the fix
	tol    Tolerance // the case must still pass this, so it cannot get worse unnoticed
	values bool      // the returned value differs (pixels must still match within tol)
}

// knownDiffs are the cases where mediad differs from Chromium today. When a case
// passes its normal tolerance again the test says so, and the entry should go.
var knownDiffs = map[string]knownDiff{}

// TestCanvasDifferential runs every case in mediad and compares it with the
// stored Chromium reference (no browser needed).
func TestCanvasDifferential(t *testing.T) {
	cases := loadCases(t)
	stored := loadRefValues(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			want, ok := stored.Cases[c.Name]
			if !ok {
				t.Fatalf("no stored reference for %s (regenerate with MAKE_REF=1)", c.Name)
			}
			got, have, err := runMediad(c)
			if err != nil {
				t.Fatalf("script failed: %v", err)
			}
			want.Error, have.Error = errorName(want.Error), errorName(have.Error)
			ref := loadRefImage(t, c.Name)
			problems := compareCase(t, c, "mediad", ref, got, want, have)
			if kd, known := knownDiffs[c.Name]; known && len(problems) > 0 {
				t.Logf("known difference (%s):\n%s", kd.reason, strings.Join(problems, "\n"))
				loose := c
				loose.Tol = kd.tol
				if kd.values {
					have.Value = want.Value
				}
				problems = compareCase(t, loose, "mediad", ref, got, want, have)
			} else if known {
				t.Logf("%s now matches Chromium within the normal tolerance: remove it from knownDiffs", c.Name)
			}
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}
