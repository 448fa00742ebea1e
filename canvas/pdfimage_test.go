//go:build fitz

package canvas

import (
	"errors"
	"fmt"
	"image/color"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

// testPDF builds a PDF of pages 200×100 pt, page i holding a red rectangle
// from (20, 10) to (80, 40) pt in PDF coordinates (origin bottom left),
// shifted right by 100 pt on the second page. MuPDF repairs the missing
// cross-reference table, as viewers do.
func testPDF(pages int) []byte {
	s := "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	kids := ""
	for i := 0; i < pages; i++ {
		kids += fmt.Sprintf("%d 0 R ", 3+2*i)
	}
	s += fmt.Sprintf("2 0 obj<</Type/Pages/Kids[%s]/Count %d>>endobj\n", kids, pages)
	for i := 0; i < pages; i++ {
		content := fmt.Sprintf("1 0 0 rg %d 10 60 30 re f", 20+100*i)
		s += fmt.Sprintf("%d 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents %d 0 R>>endobj\n", 3+2*i, 4+2*i)
		s += fmt.Sprintf("%d 0 obj<</Length %d>>stream\n%s\nendstream endobj\n", 4+2*i, len(content), content)
	}
	return []byte(s + "trailer<</Root 1 0 R>>\n%%EOF\n")
}

func TestDocumentImage(t *testing.T) {
	pdf := testPDF(2)
	if n, err := DocumentPageCount(pdf); err != nil || n != 2 {
		t.Fatalf("page count %d, %v", n, err)
	}
	red := color.RGBA{255, 0, 0, 255}
	white := color.RGBA{255, 255, 255, 255}
	for _, tc := range []struct {
		name    string
		opts    DocumentOptions
		w, h    int
		redAt   [2]int
		whiteAt [2]int
		wantErr error
	}{
		{"page 0 at 72 DPI", DocumentOptions{DPI: 72}, 200, 100, [2]int{50, 75}, [2]int{50, 30}, nil},
		{"page 0 at the default 96 DPI (MuPDF rounds the box outward)", DocumentOptions{}, 267, 134, [2]int{67, 100}, [2]int{150, 100}, nil},
		{"page 1", DocumentOptions{Page: 1, DPI: 72}, 200, 100, [2]int{150, 75}, [2]int{50, 75}, nil},
		{"page out of range", DocumentOptions{Page: 2}, 0, 0, [2]int{}, [2]int{}, ErrDocument},
		{"negative page", DocumentOptions{Page: -1}, 0, 0, [2]int{}, [2]int{}, ErrDocument},
		{"bad DPI", DocumentOptions{DPI: -5}, 0, 0, [2]int{}, [2]int{}, ErrDocument},
		{"over the pixel limit", DocumentOptions{DPI: 7200}, 0, 0, [2]int{}, [2]int{}, codec.ErrTooLarge},
		{"over the byte limit", DocumentOptions{MaxBytes: 100}, 0, 0, [2]int{}, [2]int{}, ErrImageSource},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := NewImageFromDocument(pdf, tc.opts)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v, want %v", err, tc.wantErr)
				}
				return
			}
			must(t, err)
			if img.Width() != tc.w || img.Height() != tc.h {
				t.Fatalf("size %dx%d, want %dx%d", img.Width(), img.Height(), tc.w, tc.h)
			}
			if c := img.RGBA().RGBAAt(tc.redAt[0], tc.redAt[1]); c != red {
				t.Errorf("at %v: %v, want red", tc.redAt, c)
			}
			if c := img.RGBA().RGBAAt(tc.whiteAt[0], tc.whiteAt[1]); c != white {
				t.Errorf("at %v: %v, want white", tc.whiteAt, c)
			}
			// The page draws like any image.
			cv, _ := NewCanvas(20, 20)
			must(t, cv.Context2D().DrawImage(img, float64(10-tc.redAt[0]), float64(10-tc.redAt[1])))
			if c := cv.RGBA().RGBAAt(10, 10); c != red {
				t.Errorf("drawn page: %v", c)
			}
		})
	}
	for _, bad := range [][]byte{nil, []byte("%PDF-1.4 garbage"), []byte("plain text")} {
		if _, err := NewImageFromDocument(bad, DocumentOptions{}); !errors.Is(err, ErrDocument) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
