//go:build fitz

package canvas

import (
	"errors"
	"fmt"
	"math"

	"github.com/gen2brain/go-fitz"
	"github.com/seed92233726/mediad/codec"
)

// Document pages (PDF, EPUB, XPS, CBZ, FB2 …) as image sources, rendered by
// MuPDF through github.com/gen2brain/go-fitz. This file is built with
// -tags fitz: MuPDF is a large C library (go-fitz links its bundled static
// build through cgo), so the pure-Go canvas package does not carry it by
// default.

// ErrDocument reports a document MuPDF cannot open or render, or a page
// number outside it.
var ErrDocument = errors.New("document cannot be rendered")

// DocumentOptions choose and bound the page NewImageFromDocument renders.
type DocumentOptions struct {
	// Page is the page number, from 0.
	Page int
	// DPI is the resolution; 0 means 96, so that a page comes out at its CSS
	// pixel size as browsers show it (PDF points are 1/72 in).
	DPI float64
	// MaxBytes bounds the document size; 0 means 64 MiB.
	MaxBytes int64
	// MaxPixels bounds the rendered page, checked from the page size before
	// MuPDF allocates it; 0 means codec.DefaultMaxPixels.
	MaxPixels int64
}

// NewImageFromDocument renders one page of a document to an Image (opaque:
// pages are painted on white).
func NewImageFromDocument(data []byte, opts DocumentOptions) (*Image, error) {
	maxBytes := ImageLoadOptions{MaxBytes: opts.MaxBytes}.maxBytes()
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: %d bytes (max %d)", ErrImageSource, len(data), maxBytes)
	}
	dpi := opts.DPI
	if dpi == 0 {
		dpi = 96
	}
	if !(dpi > 0 && dpi <= 9600) {
		return nil, fmt.Errorf("%w: DPI %g outside (0, 9600]", ErrDocument, dpi)
	}
	maxPixels := opts.MaxPixels
	if maxPixels <= 0 {
		maxPixels = codec.DefaultMaxPixels
	}
	doc, err := fitz.NewFromMemory(data)
	if doc != nil {
		defer doc.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDocument, err)
	}
	n := doc.NumPage()
	if opts.Page < 0 || opts.Page >= n {
		return nil, fmt.Errorf("%w: page %d of a %d-page document", ErrDocument, opts.Page, n)
	}
	b, err := doc.Bound(opts.Page)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDocument, err)
	}
	// Bound truncates the page box to whole points and MuPDF rounds the
	// scaled box outward: one pixel of slack covers both.
	w := math.Ceil(float64(b.Dx())*dpi/72) + 1
	h := math.Ceil(float64(b.Dy())*dpi/72) + 1
	if !(w >= 1 && h >= 1) {
		return nil, fmt.Errorf("%w: page %d is empty", ErrDocument, opts.Page)
	}
	if w*h > float64(maxPixels) || w > float64(DefaultLimits.MaxSide) || h > float64(DefaultLimits.MaxSide) {
		return nil, fmt.Errorf("%w: page of %gx%g at %g DPI", codec.ErrTooLarge, w, h, dpi)
	}
	img, err := doc.ImageDPI(opts.Page, dpi)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDocument, err)
	}
	return newImage(toRGBA(img)), nil
}

// DocumentPageCount returns the number of pages of a document.
func DocumentPageCount(data []byte) (int, error) {
	doc, err := fitz.NewFromMemory(data)
	if doc != nil {
		defer doc.Close()
	}
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrDocument, err)
	}
	return doc.NumPage(), nil
}
