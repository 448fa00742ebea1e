package difftest

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed92233726/mediad/internal/browser"
)

// The browser is started once for the package's tests and closed by TestMain.
var (
	browserOnce sync.Once
	browserInst *browser.Browser
	browserErr  error
)

// chromium returns the shared browser, skipping the test when Chromium is not
// installed (`make test` installs it, so CI always runs these tests).
func chromium(t *testing.T) *browser.Browser {
	t.Helper()
	browserOnce.Do(func() { browserInst, browserErr = browser.Start(context.Background()) })
	if errors.Is(browserErr, browser.ErrNotFound) {
		t.Skip("Chromium reference not checked: " + browserErr.Error())
	}
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserInst
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browserInst != nil {
		browserInst.Close()
	}
	os.Exit(code)
}

// TestChromiumReference runs every case in headless Chromium. With MAKE_REF=1 it
// (re)writes testdata/canvas/ref/; otherwise it checks that the stored references
// are what this Chromium produces, so a stale or hand-edited reference fails.
func TestChromiumReference(t *testing.T) {
	cases := loadCases(t)
	ctx := context.Background()
	b := chromium(t)

	makeRef := os.Getenv("MAKE_REF") == "1"
	var stored refValues
	if !makeRef {
		stored = loadRefValues(t)
	}
	fresh := refValues{Browser: b.Version(), Cases: map[string]Result{}}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			r, err := b.RunCanvas(cctx, c.Width, c.Height, c.Body)
			if err != nil {
				t.Fatal(err)
			}
			res := Result{Value: r.Value, Error: r.Error}
			fresh.Cases[c.Name] = res
			if makeRef {
				if err := writePNG(filepath.Join(refDir, c.Name+".png"), r.Image); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, ok := stored.Cases[c.Name]
			if !ok {
				t.Fatalf("no stored reference for %s (regenerate with MAKE_REF=1)", c.Name)
			}
			check(t, c, "chromium-now", loadRefImage(t, c.Name), r.Image, want, res)
		})
	}
	if !makeRef {
		return
	}
	ranAll := len(fresh.Cases) == len(cases)
	if !ranAll {
		// A -run filter regenerated some cases: keep the others' values.
		old := loadRefValues(t)
		for name, res := range fresh.Cases {
			old.Cases[name] = res
		}
		old.Browser = fresh.Browser
		fresh = old
	}
	raw, err := json.MarshalIndent(fresh, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(refDir, valuesFile), append(raw, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if !ranAll {
		return
	}
	// References of deleted cases would otherwise linger.
	pngs, _ := filepath.Glob(filepath.Join(refDir, "*.png"))
	for _, p := range pngs {
		if _, ok := fresh.Cases[strings.TrimSuffix(filepath.Base(p), ".png")]; !ok {
			os.Remove(p)
		}
	}
}
