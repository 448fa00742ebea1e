package text

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// MaxFontBytes bounds the size of one font file (or collection) accepted by
// the loader. The largest common CJK collections are around 30 MB.
const MaxFontBytes = 64 << 20

// maxFacesPerFile bounds how many faces of a collection are parsed.
const maxFacesPerFile = 64

// ErrBadFont is returned (wrapped) for data that is not a usable font.
var ErrBadFont = errors.New("text: not a usable font")

// Face is one parsed font face with the metrics the canvas needs, in units of
// the em (multiply by the font size in px).
type Face struct {
	// font is safe for concurrent use; a font.Face is not (it caches), so
	// each shaping state makes its own (see state.face).
	font   *font.Font
	Family string // as named by the font or by the registration
	Aspect font.Aspect

	upem float64
	// Ascent and Descent are the line metrics FreeType/Skia report (hhea, or
	// OS/2 typo when USE_TYPO_METRICS is set), both positive, in ems.
	Ascent, Descent float64
	LineGap         float64 // the matching line gap, in ems
	// TypoAscent and TypoDescent are OS/2 sTypoAscender / -sTypoDescender in
	// ems; HasTypo is false when the table lacks them.
	TypoAscent, TypoDescent float64
	HasTypo                 bool
	// Ideographic and Hanging are BASE table baselines in ems above the
	// alphabetic baseline, when the font has them.
	Ideographic, Hanging       float64
	HasIdeographic, HasHanging bool

	id         uint32 // process-unique, keys the glyph caches
	hasBitmaps bool   // colour bitmap strikes (CBDT or sbix)
	// aat: the font has AAT layout or tracking, which the fast path's
	// coverage check does not analyse; legacyKern: it has a TrueType kern
	// table, which the shaper applies to text whose script has no GPOS
	// kern feature.
	aat, legacyKern bool
}

var faceIDs atomic.Uint32

// ID is a process-unique number identifying the face in caches.
func (f *Face) ID() uint32 { return f.id }

// Upem is the face's units per em.
func (f *Face) Upem() float64 { return f.upem }

// HasGlyph reports whether the face maps r to a glyph.
func (f *Face) HasGlyph(r rune) bool {
	_, ok := f.font.NominalGlyph(r)
	return ok
}

// GlyphID returns the glyph the face maps r to.
func (f *Face) GlyphID(r rune) (font.GID, bool) { return f.font.NominalGlyph(r) }

// ParseFaces parses a font file or collection (TTF, OTF, TTC/OTC, WOFF).
// Faces of a collection that fail to parse are skipped; an error is returned
// only when none is usable.
func ParseFaces(data []byte) ([]*Face, error) {
	if len(data) > MaxFontBytes {
		return nil, fmt.Errorf("%w: %d bytes exceeds the %d byte limit", ErrBadFont, len(data), MaxFontBytes)
	}
	if len(data) >= 4 && string(data[:4]) == "wOF2" {
		sfnt, err := decodeWOFF2(data)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadFont, err)
		}
		data = sfnt
	}
	lds, err := loaders(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadFont, err)
	}
	var out []*Face
	for _, ld := range lds {
		f, err := newFace(ld)
		if err == nil {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no face could be read", ErrBadFont)
	}
	return out, nil
}

// ParseFace parses face index of a file or collection.
func ParseFace(data []byte, index int) (*Face, error) {
	if len(data) >= 4 && string(data[:4]) == "wOF2" {
		sfnt, err := decodeWOFF2(data)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadFont, err)
		}
		data = sfnt
	}
	lds, err := loaders(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadFont, err)
	}
	if index < 0 || index >= len(lds) {
		return nil, fmt.Errorf("%w: face %d of %d", ErrBadFont, index, len(lds))
	}
	return newFace(lds[index])
}

// loaders opens the font tables, protecting the caller from a panic deep in
// a table parser on hostile input (the fuzz test keeps this path honest, but a
// bad font must never take the process down).
func loaders(data []byte) (lds []*ot.Loader, err error) {
	defer func() {
		if r := recover(); r != nil {
			lds, err = nil, fmt.Errorf("malformed font: %v", r)
		}
	}()
	lds, err = ot.NewLoaders(bytes.NewReader(data))
	if len(lds) > maxFacesPerFile {
		lds = lds[:maxFacesPerFile]
	}
	return lds, err
}

func newFace(ld *ot.Loader) (f *Face, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%w: malformed font: %v", ErrBadFont, r)
		}
	}()
	ft, err := font.NewFont(guardColr(ld)) // see colr_guard.go
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadFont, err)
	}
	upem := float64(ft.Upem())
	if upem < 16 || upem > 16384 {
		return nil, fmt.Errorf("%w: units per em %v", ErrBadFont, upem)
	}
	fc := font.NewFace(ft)
	desc := ft.Describe()
	f = &Face{font: ft, Family: desc.Family, Aspect: desc.Aspect, upem: upem, id: faceIDs.Add(1)}
	if ext, ok := fc.FontHExtents(); ok {
		f.Ascent = float64(ext.Ascender) / upem
		f.Descent = -float64(ext.Descender) / upem
		f.LineGap = max(float64(ext.LineGap)/upem, 0)
	}
	if f.Ascent == 0 && f.Descent == 0 {
		f.Ascent, f.Descent = 0.8, 0.2
	}
	if raw, err := ld.RawTable(ot.MustNewTag("OS/2")); err == nil && len(raw) >= 72 {
		a := float64(int16(binary.BigEndian.Uint16(raw[68:])))
		d := float64(int16(binary.BigEndian.Uint16(raw[70:])))
		if a != 0 || d != 0 {
			f.TypoAscent, f.TypoDescent, f.HasTypo = a/upem, -d/upem, true
		}
	}
	for _, t := range []string{"morx", "mort", "kerx", "trak"} {
		f.aat = f.aat || ld.HasTable(ot.MustNewTag(t))
	}
	f.legacyKern = ld.HasTable(ot.MustNewTag("kern"))
	f.hasBitmaps = ld.HasTable(ot.MustNewTag("CBDT")) || ld.HasTable(ot.MustNewTag("sbix"))
	if raw, err := ld.RawTable(ot.MustNewTag("BASE")); err == nil {
		i, h, hi, hh := baseBaselines(raw)
		f.Ideographic, f.Hanging, f.HasIdeographic, f.HasHanging = i/upem, h/upem, hi, hh
	}
	return f, nil
}
