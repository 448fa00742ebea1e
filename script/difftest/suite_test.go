package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// caseDir holds the cases; refDir Chromium's output for them.
var (
	caseDir = filepath.Join("..", "..", "testdata", "canvas")
	refDir  = filepath.Join(caseDir, "ref")
)

const valuesFile = "values.json"

// refValues is the layout of ref/values.json.
type refValues struct {
	Browser string            `json:"browser"`
	Cases   map[string]Result `json:"cases"`
}

func loadCases(t *testing.T) []Case {
	t.Helper()
	cases, err := Load(caseDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 80 {
		t.Fatalf("only %d cases; the suite needs at least 80", len(cases))
	}
	return cases
}

func loadRefValues(t *testing.T) refValues {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(refDir, valuesFile))
	if err != nil {
		t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run Chromium ./script/difftest)", err)
	}
	var rv refValues
	if err := json.Unmarshal(raw, &rv); err != nil {
		t.Fatal(err)
	}
	return rv
}

func loadRefImage(t *testing.T, name string) *image.NRGBA {
	t.Helper()
	f, err := os.Open(filepath.Join(refDir, name+".png"))
	if err != nil {
		t.Fatalf("%v (regenerate with MAKE_REF=1)", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return toNRGBA(img)
}

func toNRGBA(img image.Image) *image.NRGBA {
	if n, ok := img.(*image.NRGBA); ok && n.Rect.Min == (image.Point{}) {
		return n
	}
	b := img.Bounds()
	n := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(n, n.Rect, img, b.Min, draw.Src)
	return n
}

func writePNG(path string, img image.Image) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// outDir is where failure strips go: $DIFFTEST_OUT or a fixed directory under the
// system temp dir, so they survive the test run.
func outDir(t *testing.T) string {
	dir := os.Getenv("DIFFTEST_OUT")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "mediad-difftest")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// compareCase compares one case's output with the reference and returns what
// differs; for a pixel difference it writes an expected|actual|diff strip.
func compareCase(t *testing.T, c Case, who string, ref, got *image.NRGBA, want, have Result) []string {
	t.Helper()
	var problems []string
	if want.Error != have.Error {
		problems = append(problems, fmt.Sprintf("uncaught error: Chromium %q, %s %q", want.Error, who, have.Error))
	}
	if err := EqualValues(want.Value, have.Value); err != nil {
		problems = append(problems, fmt.Sprintf("returned value differs: %v\n Chromium: %s\n %s: %s", err, want.Value, who, have.Value))
	}
	d := Compare(ref, got, c.Tol)
	if !d.OK(c.Tol) {
		strip := filepath.Join(outDir(t), fmt.Sprintf("%s-%s.png", c.Name, who))
		if err := writePNG(strip, Strip(ref, got, d)); err != nil {
			t.Log(err)
		}
		problems = append(problems, fmt.Sprintf("pixels: %v (tolerance %+v); Chromium|%s|diff strip: %s", d, c.Tol, who, strip))
	}
	return problems
}

// check reports every difference compareCase finds as a test error.
func check(t *testing.T, c Case, who string, ref, got *image.NRGBA, want, have Result) {
	t.Helper()
	for _, p := range compareCase(t, c, who, ref, got, want, have) {
		t.Error(p)
	}
}
