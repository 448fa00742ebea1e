package browser

import (
	"context"
	"errors"
	"image/color"
	"os"
	"strings"
	"testing"
	"time"
)

var shared *Browser

func TestMain(m *testing.M) {
	ctx := context.Background()
	b, err := Start(ctx)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			os.Stderr.WriteString("browser tests skipped: " + err.Error() + "\n")
		} else {
			os.Stderr.WriteString("browser: " + err.Error() + "\n")
			os.Exit(1)
		}
	}
	shared = b
	code := m.Run()
	if b != nil {
		b.Close()
	}
	os.Exit(code)
}

func need(t *testing.T) *Browser {
	t.Helper()
	if shared == nil {
		t.Skip(ErrNotFound.Error())
	}
	return shared
}

func TestEval(t *testing.T) {
	b := need(t)
	tests := []struct{ expr, want string }{
		{"1 + 2", "3"},
		{"Promise.resolve([1, 'a'])", `[1,"a"]`},
		{"new Promise(r => setTimeout(() => r({k: true}), 5))", `{"k":true}`},
	}
	for _, tc := range tests {
		got, err := b.Eval(context.Background(), tc.expr)
		if err != nil || string(got) != tc.want {
			t.Errorf("Eval(%q) = %s, %v; want %s", tc.expr, got, err, tc.want)
		}
	}
	if _, err := b.Eval(context.Background(), "null.x"); err == nil {
		t.Error("want an error for a thrown exception")
	}
	if !strings.Contains(b.Version(), "Chrome") {
		t.Errorf("version %q", b.Version())
	}
}

func TestEvalDeadline(t *testing.T) {
	b := need(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := b.Eval(ctx, "new Promise(() => {})"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	// The browser is still usable after an abandoned evaluation.
	if got, err := b.Eval(context.Background(), "'alive'"); err != nil || string(got) != `"alive"` {
		t.Fatalf("after deadline: %s, %v", got, err)
	}
}

func TestRunCanvas(t *testing.T) {
	b := need(t)
	r, err := b.RunCanvas(context.Background(), 4, 3, `ctx.fillStyle = 'rgba(255, 0, 0, 0.5)'; ctx.fillRect(1, 1, 2, 1); return [canvas.width, ctx.fillStyle]`)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Image.Bounds().Size(); got.X != 4 || got.Y != 3 {
		t.Fatalf("size %v", got)
	}
	if c := r.Image.NRGBAAt(1, 1); c != (color.NRGBA{255, 0, 0, 128}) {
		t.Errorf("pixel (1,1) = %v", c)
	}
	if c := r.Image.NRGBAAt(0, 0); c != (color.NRGBA{}) {
		t.Errorf("pixel (0,0) = %v", c)
	}
	if string(r.Value) != `[4,"rgba(255, 0, 0, 0.5)"]` || r.Error != "" {
		t.Errorf("value %s error %q", r.Value, r.Error)
	}
	r, err = b.RunCanvas(context.Background(), 2, 2, `ctx.arc(0, 0, -1, 0, 1)`)
	if err != nil || r.Error != "IndexSizeError: Failed to execute 'arc' on 'CanvasRenderingContext2D': The radius provided (-1) is negative." {
		t.Errorf("error %q, %v", r.Error, err)
	}
	if _, err := PNG(r.Image); err != nil {
		t.Error(err)
	}
}
