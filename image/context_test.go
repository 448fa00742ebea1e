package image

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

// endAfter is a context that reports itself ended after n calls of Err, so a test
// can end an operation at a chosen check rather than at a time.
type endAfter struct {
	context.Context
	n atomic.Int64
}

func (c *endAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// sink is an OpenFunc that records what it was told and gathers the bytes.
type sink struct {
	opened        int
	format        codec.Format
	width, height int
	buf           bytes.Buffer
}

func (s *sink) open(f codec.Format, w, h int) (io.Writer, error) {
	s.opened++
	s.format, s.width, s.height = f, w, h
	return &s.buf, nil
}

// TestToMatchesResult: the streaming entry points write exactly the bytes the
// Result-returning ones return, after announcing the same format and size.
func TestToMatchesResult(t *testing.T) {
	jpg := encode(t, photo(640, 480), codec.JPEG)
	png := encode(t, photo(300, 200), codec.PNG)
	ops := []EditOp{{Op: "blur", Sigma: 2}, {Op: "resize", Width: 150}}
	cases := []struct {
		name string
		res  func() (Result, error)
		to   func(context.Context, OpenFunc) error
	}{
		{"compress", func() (Result, error) {
			return Compress(bytes.NewReader(jpg), CompressOptions{CompressedWidth: 200})
		}, func(ctx context.Context, o OpenFunc) error {
			return CompressTo(ctx, jpg, CompressOptions{CompressedWidth: 200}, o)
		}},
		{"crop-jpeg-stream", func() (Result, error) {
			return Crop(bytes.NewReader(jpg), CropOptions{Scale: "1:1"})
		}, func(ctx context.Context, o OpenFunc) error {
			return CropTo(ctx, jpg, CropOptions{Scale: "1:1"}, o)
		}},
		{"crop-resized-png", func() (Result, error) {
			return Crop(bytes.NewReader(png), CropOptions{Scale: "4:3", Width: 100, Output: Output{Format: codec.PNG}})
		}, func(ctx context.Context, o OpenFunc) error {
			return CropTo(ctx, png, CropOptions{Scale: "4:3", Width: 100, Output: Output{Format: codec.PNG}}, o)
		}},
		{"edit", func() (Result, error) {
			return Edit(bytes.NewReader(png), EditOptions{Ops: ops})
		}, func(ctx context.Context, o OpenFunc) error {
			return EditTo(ctx, png, EditOptions{Ops: ops}, o)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, err := c.res()
			if err != nil {
				t.Fatal(err)
			}
			var s sink
			if err := c.to(context.Background(), s.open); err != nil {
				t.Fatal(err)
			}
			if s.opened != 1 || s.format != want.Format || s.width != want.Width || s.height != want.Height {
				t.Fatalf("opened %d times with %s %dx%d; want once with %s %dx%d", s.opened, s.format, s.width, s.height, want.Format, want.Width, want.Height)
			}
			if !bytes.Equal(s.buf.Bytes(), want.Data) {
				t.Fatalf("streamed %d bytes differ from the Result's %d", s.buf.Len(), len(want.Data))
			}
		})
	}
}

// TestToStopsWhenContextEnds ends the context at each successive check of each
// operation: every such run returns context.Canceled and none writes output,
// until the context outlives the operation.
func TestToStopsWhenContextEnds(t *testing.T) {
	jpg := encode(t, photo(480, 360), codec.JPEG)
	ops := []EditOp{{Op: "sharpen", Sigma: 1}, {Op: "resize", Width: 240}, {Op: "blur", Sigma: 3}}
	runs := map[string]func(context.Context, OpenFunc) error{
		"compress": func(ctx context.Context, o OpenFunc) error {
			return CompressTo(ctx, jpg, CompressOptions{CompressedWidth: 200}, o)
		},
		"crop": func(ctx context.Context, o OpenFunc) error {
			return CropTo(ctx, jpg, CropOptions{Scale: "1:1", Width: 100, Output: Output{Format: codec.PNG}}, o)
		},
		"crop-region": func(ctx context.Context, o OpenFunc) error {
			return CropTo(ctx, jpg, CropOptions{Scale: "16:9", Output: Output{Format: codec.WebP}}, o)
		},
		"edit": func(ctx context.Context, o OpenFunc) error { return EditTo(ctx, jpg, EditOptions{Ops: ops}, o) },
	}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			for n := int64(0); ; n++ {
				if n > 10000 {
					t.Fatal("the operation never finished")
				}
				ctx := &endAfter{Context: context.Background()}
				ctx.n.Store(n)
				var s sink
				err := run(ctx, s.open)
				if err == nil {
					if n == 0 || s.buf.Len() == 0 {
						t.Fatalf("finished with %d checks allowed and %d bytes", n, s.buf.Len())
					}
					return
				}
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("%d checks allowed: %v", n, err)
				}
				if s.buf.Len() != 0 {
					t.Fatalf("%d checks allowed: wrote %d bytes and then failed", n, s.buf.Len())
				}
			}
		})
	}
}
