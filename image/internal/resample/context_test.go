package resample

import (
	"context"
	"errors"
	"image"
	"sync/atomic"
	"testing"
)

// stopAfter is a context that reports itself ended after n calls of Err, so a
// test can end an operation at a chosen check rather than at a time.
type stopAfter struct {
	context.Context
	n atomic.Int64
}

func (c *stopAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestResizeContextStopsBetweenBands(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  image.Image
	}{
		{"rgba", image.NewRGBA(image.Rect(0, 0, 300, 2000))},
		{"gray", image.NewGray(image.Rect(0, 0, 300, 2000))},
		{"ycbcr", image.NewYCbCr(image.Rect(0, 0, 300, 2000), image.YCbCrSubsampleRatio420)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := &stopAfter{Context: context.Background()}
			ctx.n.Store(4)
			img, err := ResizeContext(ctx, tc.src, 200, 1500, Lanczos3)
			if !errors.Is(err, context.Canceled) || img != nil {
				t.Fatalf("got %v, %v; want nil, context.Canceled", img, err)
			}
			// Four checks pass at most four bands (per plane) before everything stops;
			// the whole resize is 1500/bandRows bands per plane.
			if left := ctx.n.Load(); left > 0 {
				t.Fatalf("only %d of 4 checks made", 4-left)
			}
		})
	}
}

// TestResizeContextRowsLeftUndone checks that work really stops: rows past the
// ended check stay as they were.
func TestResizeContextRowsLeftUndone(t *testing.T) {
	src := image.NewGray(image.Rect(0, 0, 64, 4000))
	for i := range src.Pix {
		src.Pix[i] = 200
	}
	ctx := &stopAfter{Context: context.Background()}
	ctx.n.Store(2)
	out := resize(ctx, src, 64, 4000, Lanczos3).(*image.Gray)
	written := 0
	for y := 0; y < 4000; y++ {
		if out.Pix[y*out.Stride] != 0 {
			written++
		}
	}
	if written == 0 || written > 2*bandRows {
		t.Fatalf("%d rows written after 2 passing checks; want 1..%d", written, 2*bandRows)
	}
	if got, err := ResizeContext(context.Background(), src, 64, 4000, Lanczos3); err != nil || got.(*image.Gray).Pix[4000*64-1] != 200 {
		t.Fatalf("uncancelled resize: %v", err)
	}
}
