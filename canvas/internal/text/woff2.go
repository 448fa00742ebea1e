package text

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/andybalholm/brotli"
)

// WOFF2 (W3C WOFF File Format 2.0): a table directory followed by one Brotli
// stream holding all tables, with glyf/loca (and optionally hmtx) stored in a
// transformed form that is rebuilt here. decodeWOFF2 returns the equivalent
// sfnt. Collections are not supported (rare on the web).

var errWOFF2 = errors.New("malformed WOFF2")

var woff2Tags = [63]string{"cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm",
	"glyf", "loca", "prep", "CFF ", "VORG", "EBDT", "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX",
	"vhea", "vmtx", "BASE", "GDEF", "GPOS", "GSUB", "EBSC", "JSTF", "MATH", "CBDT", "CBLC", "COLR", "CPAL",
	"SVG ", "sbix", "acnt", "avar", "bdat", "bloc", "bsln", "cvar", "fdsc", "feat", "fmtx", "fvar", "gvar",
	"hsty", "just", "lcar", "mort", "morx", "opbd", "prop", "trak", "Zapf", "Silf", "Glat", "Gloc", "Feat", "Sill"}

// reader is a bounds-checked big-endian cursor; any overrun sets err.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errWOFF2
	}
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || r.off+n > len(r.b) {
		r.fail()
		return nil
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) u8() int {
	b := r.bytes(1)
	if b == nil {
		return 0
	}
	return int(b[0])
}

func (r *reader) u16() int {
	b := r.bytes(2)
	if b == nil {
		return 0
	}
	return int(binary.BigEndian.Uint16(b))
}

func (r *reader) u32() uint32 {
	b := r.bytes(4)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint32(b)
}

func (r *reader) base128() uint32 {
	var v uint32
	for i := 0; i < 5; i++ {
		c := r.u8()
		if r.err != nil || (i == 0 && c == 0x80) || v&0xFE000000 != 0 {
			r.fail()
			return 0
		}
		v = v<<7 | uint32(c&0x7f)
		if c&0x80 == 0 {
			return v
		}
	}
	r.fail()
	return 0
}

func (r *reader) u255() int {
	c := r.u8()
	switch c {
	case 253:
		return r.u16()
	case 255:
		return r.u8() + 253
	case 254:
		return r.u8() + 506
	}
	return c
}

type woff2Table struct {
	tag            string
	transformed    bool
	origLen, trLen uint32
	data           []byte
}

func decodeWOFF2(data []byte) ([]byte, error) {
	r := &reader{b: data}
	if string(r.bytes(4)) != "wOF2" {
		return nil, errWOFF2
	}
	flavor := r.u32()
	r.u32() // length
	numTables := r.u16()
	r.u16()
	totalSfnt := r.u32()
	compressed := r.u32()
	r.bytes(24) // versions, metadata and private blocks are not needed
	if r.err != nil || numTables == 0 || numTables > 512 || totalSfnt > MaxFontBytes {
		return nil, errWOFF2
	}
	if flavor == 0x74746366 { // 'ttcf'
		return nil, fmt.Errorf("%w: WOFF2 collections are not supported", errWOFF2)
	}
	tables := make([]woff2Table, numTables)
	var total uint64
	for i := range tables {
		flags := r.u8()
		t := &tables[i]
		if idx := flags & 0x3f; idx == 63 {
			t.tag = string(r.bytes(4))
		} else {
			t.tag = woff2Tags[idx]
		}
		version := flags >> 6
		t.origLen = r.base128()
		switch t.tag {
		case "glyf", "loca":
			t.transformed = version == 0
		default:
			t.transformed = version != 0
		}
		n := t.origLen
		if t.transformed {
			t.trLen = r.base128()
			n = t.trLen
		}
		total += uint64(n)
	}
	if r.err != nil || total > MaxFontBytes || int(compressed) > len(data)-r.off {
		return nil, errWOFF2
	}
	stream, err := io.ReadAll(io.LimitReader(brotli.NewReader(bytes.NewReader(r.bytes(int(compressed)))), int64(total)+1))
	if err != nil || uint64(len(stream)) != total {
		return nil, fmt.Errorf("%w: table data: %v", errWOFF2, err)
	}
	off := uint32(0)
	byTag := map[string]*woff2Table{}
	for i := range tables {
		t := &tables[i]
		n := t.origLen
		if t.transformed {
			n = t.trLen
		}
		t.data = stream[off : off+n]
		off += n
		byTag[t.tag] = t
	}
	if g, l := byTag["glyf"], byTag["loca"]; g != nil && g.transformed {
		if l == nil {
			return nil, errWOFF2
		}
		glyf, loca, err := rebuildGlyf(g.data)
		if err != nil {
			return nil, err
		}
		g.data, l.data, g.transformed, l.transformed = glyf, loca, false, false
		if h := byTag["head"]; h != nil && len(h.data) >= 54 {
			head := append([]byte(nil), h.data...)
			binary.BigEndian.PutUint16(head[50:], 1) // rebuilt loca is always long
			h.data = head
		}
	}
	if h := byTag["hmtx"]; h != nil && h.transformed {
		hm, err := rebuildHmtx(h.data, byTag)
		if err != nil {
			return nil, err
		}
		h.data, h.transformed = hm, false
	}
	for _, t := range tables {
		if t.transformed {
			return nil, fmt.Errorf("%w: unknown transform of %q", errWOFF2, t.tag)
		}
	}
	return buildSfnt(flavor, tables), nil
}

func buildSfnt(flavor uint32, tables []woff2Table) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n := len(tables)
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, flavor)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t.data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// rebuildGlyf turns the transformed glyf table back into glyf and loca.
func rebuildGlyf(b []byte) (glyf, loca []byte, err error) {
	h := &reader{b: b}
	h.u16() // reserved
	options := h.u16()
	numGlyphs := h.u16()
	h.u16() // indexFormat: the rebuilt loca is always long
	var sizes [7]int
	for i := range sizes {
		sizes[i] = int(h.u32())
	}
	if h.err != nil {
		return nil, nil, errWOFF2
	}
	var streams [7]*reader
	for i, n := range sizes {
		streams[i] = &reader{b: h.bytes(n)}
	}
	if options&1 != 0 {
		h.bytes((numGlyphs + 7) / 8) // overlapSimpleBitmap: informational
	}
	if h.err != nil {
		return nil, nil, errWOFF2
	}
	nContour, nPoints, flagS, glyphS, compS, bboxS, instrS := streams[0], streams[1], streams[2], streams[3], streams[4], streams[5], streams[6]
	bitmap := bboxS.bytes(4 * ((numGlyphs + 31) / 32))
	loca = make([]byte, 4*(numGlyphs+1))
	var out bytes.Buffer
	var xs, ys []int
	var onCurve []bool
	var endPts []int
	for g := 0; g < numGlyphs; g++ {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(out.Len()))
		nc := int(int16(nContour.u16()))
		hasBBox := bitmap != nil && bitmap[g>>3]&(0x80>>(g&7)) != 0
		switch {
		case nc == 0:
			if hasBBox {
				return nil, nil, errWOFF2
			}
		case nc > 0:
			endPts = endPts[:0]
			total := 0
			for c := 0; c < nc; c++ {
				total += nPoints.u255()
				endPts = append(endPts, total-1)
				if total > 0xffff {
					return nil, nil, errWOFF2
				}
			}
			xs, ys, onCurve = xs[:0], ys[:0], onCurve[:0]
			x, y := 0, 0
			for p := 0; p < total; p++ {
				flag := flagS.u8()
				onCurve = append(onCurve, flag&0x80 == 0)
				dx, dy := triplet(flag&0x7f, glyphS)
				x += dx
				y += dy
				xs = append(xs, x)
				ys = append(ys, y)
			}
			ilen := glyphS.u255()
			instr := instrS.bytes(ilen)
			var bb [4]int
			if hasBBox {
				for i := range bb {
					bb[i] = int(int16(bboxS.u16()))
				}
			} else if total > 0 {
				bb = [4]int{xs[0], ys[0], xs[0], ys[0]}
				for i := range xs {
					bb[0], bb[1] = min(bb[0], xs[i]), min(bb[1], ys[i])
					bb[2], bb[3] = max(bb[2], xs[i]), max(bb[3], ys[i])
				}
			}
			put16(&out, nc)
			for _, v := range bb {
				put16(&out, v)
			}
			for _, e := range endPts {
				put16(&out, e)
			}
			put16(&out, ilen)
			out.Write(instr)
			// Flags with 16-bit coordinate deltas (bits 1, 2, 4, 5 clear).
			for _, on := range onCurve {
				if on {
					out.WriteByte(1)
				} else {
					out.WriteByte(0)
				}
			}
			px := 0
			for _, v := range xs {
				put16(&out, v-px)
				px = v
			}
			py := 0
			for _, v := range ys {
				put16(&out, v-py)
				py = v
			}
		case nc == -1:
			if !hasBBox {
				return nil, nil, errWOFF2
			}
			start := compS.off
			haveInstr := false
			for more := true; more && compS.err == nil; {
				flags := compS.u16()
				compS.u16() // glyph index
				n := 2
				if flags&0x0001 != 0 {
					n = 4
				}
				switch {
				case flags&0x0008 != 0:
					n += 2
				case flags&0x0040 != 0:
					n += 4
				case flags&0x0080 != 0:
					n += 8
				}
				compS.bytes(n)
				haveInstr = haveInstr || flags&0x0100 != 0
				more = flags&0x0020 != 0
			}
			if compS.err != nil {
				return nil, nil, errWOFF2
			}
			comp := compS.b[start:compS.off]
			put16(&out, -1)
			for i := 0; i < 4; i++ {
				put16(&out, int(int16(bboxS.u16())))
			}
			out.Write(comp)
			if haveInstr {
				ilen := glyphS.u255()
				put16(&out, ilen)
				out.Write(instrS.bytes(ilen))
			}
		default:
			return nil, nil, errWOFF2
		}
		for out.Len()%4 != 0 {
			out.WriteByte(0)
		}
		if out.Len() > MaxFontBytes {
			return nil, nil, errWOFF2
		}
		for _, s := range streams {
			if s.err != nil {
				return nil, nil, errWOFF2
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*numGlyphs:], uint32(out.Len()))
	return out.Bytes(), loca, nil
}

func put16(b *bytes.Buffer, v int) { b.WriteByte(byte(v >> 8)); b.WriteByte(byte(v)) }

// triplet decodes one point delta of the WOFF2 glyph stream.
func triplet(flag int, s *reader) (dx, dy int) {
	sign := func(f, v int) int {
		if f&1 != 0 {
			return v
		}
		return -v
	}
	switch {
	case flag < 10:
		return 0, sign(flag, (flag&14)<<7+s.u8())
	case flag < 20:
		return sign(flag, ((flag-10)&14)<<7+s.u8()), 0
	case flag < 84:
		b0, b1 := flag-20, s.u8()
		return sign(flag, 1+(b0&0x30)+(b1>>4)), sign(flag>>1, 1+((b0&0x0c)<<2)+(b1&0x0f))
	case flag < 120:
		b0 := flag - 84
		x, y := s.u8(), s.u8()
		return sign(flag, 1+((b0/12)<<8)+x), sign(flag>>1, 1+(((b0%12)>>2)<<8)+y)
	case flag < 124:
		b0, b1, b2 := s.u8(), s.u8(), s.u8()
		return sign(flag, b0<<4+b1>>4), sign(flag>>1, (b1&0x0f)<<8+b2)
	}
	b := s.bytes(4)
	if b == nil {
		return 0, 0
	}
	return sign(flag, int(b[0])<<8+int(b[1])), sign(flag>>1, int(b[2])<<8+int(b[3]))
}

// rebuildHmtx restores an hmtx table whose left side bearings were dropped
// because they equal the glyphs' xMin.
func rebuildHmtx(b []byte, byTag map[string]*woff2Table) ([]byte, error) {
	hhea, maxp, glyf, loca := byTag["hhea"], byTag["maxp"], byTag["glyf"], byTag["loca"]
	if hhea == nil || maxp == nil || glyf == nil || loca == nil || len(hhea.data) < 36 || len(maxp.data) < 6 {
		return nil, errWOFF2
	}
	numH := int(binary.BigEndian.Uint16(hhea.data[34:]))
	numGlyphs := int(binary.BigEndian.Uint16(maxp.data[4:]))
	if numH < 1 || numH > numGlyphs || len(loca.data) < 4*(numGlyphs+1) {
		return nil, errWOFF2
	}
	xMin := func(g int) int {
		o := binary.BigEndian.Uint32(loca.data[4*g:])
		e := binary.BigEndian.Uint32(loca.data[4*g+4:])
		if e <= o || int(o)+4 > len(glyf.data) {
			return 0
		}
		return int(int16(binary.BigEndian.Uint16(glyf.data[o+2:])))
	}
	r := &reader{b: b}
	flags := r.u8()
	var out bytes.Buffer
	adv := make([]int, numH)
	for i := range adv {
		adv[i] = r.u16()
	}
	for i := 0; i < numH; i++ {
		put16(&out, adv[i])
		if flags&1 != 0 {
			put16(&out, xMin(i))
		} else {
			put16(&out, r.u16())
		}
	}
	for i := numH; i < numGlyphs; i++ {
		if flags&2 != 0 {
			put16(&out, xMin(i))
		} else {
			put16(&out, r.u16())
		}
	}
	if r.err != nil {
		return nil, errWOFF2
	}
	return out.Bytes(), nil
}
