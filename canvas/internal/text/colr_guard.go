package text

import (
	"bytes"
	"encoding/binary"
	"sort"

	ot "github.com/go-text/typesetting/font/opentype"
)

// go-text parses a COLRv1 table eagerly, expanding every paint offset into
// its own copy of the sub-graph. Offsets may share sub-paints, so a few
// hundred bytes of PaintComposite nodes whose source and backdrop point at
// the same next node expand to 2^depth paints: minutes of parsing and
// gigabytes for a tiny font (a chain 22 deep took 2.3 s). Every font the
// canvas loads passes through guardColr first, which counts the expansion
// without performing it (memoised per offset, so linear in the table) and
// drops a COLR table that would exceed the budgets below; the glyphs then
// draw as outlines.

// maxColrExpanded bounds the paints go-text may build from one COLR table
// (about 300 ns and 50 bytes each; four colour stops count as one); real
// colour fonts stay far below, since they share layers through
// PaintColrLayers, which is not expanded.
const maxColrExpanded = 1 << 20

// maxColrNesting bounds paint nesting; the parser recurses once per level.
const maxColrNesting = 256

var colrTag = ot.MustNewTag("COLR")

// guardColr returns ld, or a loader of the same tables without COLR when
// that table's paint graph would expand beyond the budgets.
func guardColr(ld *ot.Loader) *ot.Loader {
	raw, err := ld.RawTable(colrTag)
	if err != nil || colrExpansionOK(raw) {
		return ld
	}
	tags := ld.Tables()
	sort.Slice(tags, func(i, j int) bool { return tags[i] < tags[j] })
	tables := make([]ot.Table, 0, len(tags))
	for _, t := range tags {
		if t == colrTag {
			continue
		}
		b, err := ld.RawTable(t)
		if err != nil {
			continue
		}
		tables = append(tables, ot.Table{Tag: t, Content: b})
	}
	nld, err := ot.NewLoader(bytes.NewReader(ot.WriteTTF(tables)))
	if err != nil {
		return ld
	}
	return nld
}

// colrExpansionOK reports whether parsing the COLR table raw stays within
// maxColrExpanded paints and maxColrNesting levels. Version 0 tables have
// no paint graph.
func colrExpansionOK(raw []byte) bool {
	if len(raw) < 34 || binary.BigEndian.Uint16(raw) != 1 {
		return true
	}
	w := colrWalk{raw: raw, memo: map[uint32]colrSub{}}
	total := uint64(0)
	// BaseGlyphList: count, then (glyph, Offset32 from the list) records.
	if bl := binary.BigEndian.Uint32(raw[14:]); bl != 0 && uint64(bl)+4 <= uint64(len(raw)) {
		n := uint64(binary.BigEndian.Uint32(raw[bl:]))
		for i := uint64(0); i < n && uint64(bl)+4+6*i+6 <= uint64(len(raw)); i++ {
			off := binary.BigEndian.Uint32(raw[uint64(bl)+4+6*i+2:])
			total += uint64(w.count(uint64(bl)+uint64(off), 0))
			if w.bad || total > maxColrExpanded {
				return false
			}
		}
	}
	// LayerList: count, then Offset32s from the list.
	if ll := binary.BigEndian.Uint32(raw[18:]); ll != 0 && uint64(ll)+4 <= uint64(len(raw)) {
		n := uint64(binary.BigEndian.Uint32(raw[ll:]))
		for i := uint64(0); i < n && uint64(ll)+4+4*i+4 <= uint64(len(raw)); i++ {
			off := binary.BigEndian.Uint32(raw[uint64(ll)+4+4*i:])
			total += uint64(w.count(uint64(ll)+uint64(off), 0))
			if w.bad || total > maxColrExpanded {
				return false
			}
		}
	}
	return true
}

type colrWalk struct {
	raw  []byte
	memo map[uint32]colrSub
	bad  bool
}

// colrSub is what parsing one paint builds: its paints (saturating at
// maxColrExpanded+1) and the nesting below it.
type colrSub struct{ paints, height uint32 }

// count returns how many paints parsing the paint at off builds, flagging
// w.bad when the nesting from the root would exceed maxColrNesting.
func (w *colrWalk) count(off uint64, depth int) uint32 {
	return w.sub(off, depth).paints
}

func (w *colrWalk) sub(off uint64, depth int) colrSub {
	if off >= uint64(len(w.raw)) || w.bad {
		return colrSub{} // the parser fails there: nothing is built
	}
	if s, ok := w.memo[uint32(off)]; ok {
		if depth+int(s.height) > maxColrNesting {
			w.bad = true
		}
		return s
	}
	if depth > maxColrNesting {
		w.bad = true
		return colrSub{}
	}
	p := w.raw[off:]
	n, h := uint64(1), uint32(0)
	child := func(at int) {
		if len(p) < at+3 {
			return
		}
		o := uint64(p[at])<<16 | uint64(p[at+1])<<8 | uint64(p[at+2])
		if o != 0 {
			c := w.sub(off+o, depth+1)
			n += uint64(c.paints)
			h = max(h, c.height+1)
		}
	}
	switch f := p[0]; {
	case f >= 4 && f <= 9:
		// A gradient copies its colour line's stops; a shared line with
		// thousands of stops costs as much as many paints.
		if len(p) >= 4 {
			o := uint64(p[1])<<16 | uint64(p[2])<<8 | uint64(p[3])
			if cl := off + o; o != 0 && cl+3 <= uint64(len(w.raw)) {
				n += uint64(binary.BigEndian.Uint16(w.raw[cl+1:])) / 4
			}
		}
	case f == 10 || (f >= 12 && f <= 31): // one child paint at offset 1
		child(1)
	case f == 32: // PaintComposite: source at 1, backdrop at 5
		child(1)
		child(5)
	}
	s := colrSub{paints: uint32(min(n, maxColrExpanded+1)), height: h}
	w.memo[uint32(off)] = s
	return s
}
