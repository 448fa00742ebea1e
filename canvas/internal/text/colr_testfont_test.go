package text

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// The COLR test fonts are written by this file, table by table, so that the
// fixtures in canvas/testdata/text (read by the Chromium differential test in
// package canvas as well) are reproducible: MAKE_REF=1 rewrites them and the
// test below fails when they no longer match the generator.
//
// Glyphs (1000 units per em, ascender 900, descender -200):
//
//	1 square  2 circle  3 triangle  4 bar      (layer shapes, not mapped)
//	A plain square outline (no colour)
//	B C       COLRv0 layer stacks (B uses the foreground colour, 0xFFFF)
//	D..R      COLRv1 paint graphs (colr1 font only)
//
// Every colour base glyph also has the square as its own outline: what a
// renderer without colour support draws.

var colrFixtures = []struct {
	name    string
	version int // 2: the COLRv1 font with paints this renderer refuses (colrBadPaints); 3: COLRv0 plus a CBDT bitmap of B
}{
	{"colr0-test.ttf", 0},
	{"colr1-test.ttf", 1},
	{"colr-fallback-test.ttf", 2},
	{"colr-hybrid-test.ttf", 3},
}

func colrFixturePath(name string) string {
	return filepath.Join("..", "..", "testdata", "text", name)
}

func TestColrTestFonts(t *testing.T) {
	for _, fx := range colrFixtures {
		data := buildColrFont(fx.version)
		path := colrFixturePath(fx.name)
		if os.Getenv("MAKE_REF") != "" {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		have, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run ColrTestFonts ./canvas/internal/text)", err)
		}
		if !bytes.Equal(have, data) {
			t.Errorf("%s differs from its generator (regenerate with MAKE_REF=1)", fx.name)
		}
		if _, err := ParseFace(data, 0); err != nil {
			t.Errorf("%s: %v", fx.name, err)
		}
	}
}

// Glyph ids of the test fonts.
const (
	tgSquare   = 1
	tgCircle   = 2
	tgTriangle = 3
	tgBar      = 4
	tgFirstMap = 5 // 'A'
)

// tgOf is the glyph of a mapped letter.
func tgOf(r rune) uint16 { return uint16(tgFirstMap + r - 'A') }

const colrLastChar = 'R'

type tpt struct {
	x, y int16
	on   bool
}

func testGlyphContours(gid int) [][]tpt {
	sq := [][]tpt{{{100, 0, true}, {100, 800, true}, {900, 800, true}, {900, 0, true}}}
	switch gid {
	case 0:
		return nil
	case tgCircle:
		var c []tpt
		for k := 0; k < 16; k++ {
			a := -float64(k) * math.Pi / 8 // clockwise, as TrueType outer contours
			r := 350.0
			if k%2 == 1 {
				r /= math.Cos(math.Pi / 8)
			}
			c = append(c, tpt{int16(math.Round(500 + r*math.Cos(a))), int16(math.Round(400 + r*math.Sin(a))), k%2 == 0})
		}
		return [][]tpt{c}
	case tgTriangle:
		return [][]tpt{{{100, 0, true}, {500, 800, true}, {900, 0, true}}}
	case tgBar:
		return [][]tpt{{{0, 300, true}, {0, 500, true}, {1000, 500, true}, {1000, 300, true}}}
	}
	return sq
}

// Palette 0 of the test fonts (RGBA).
var testPalette = [][4]uint8{
	{0xff, 0x00, 0x00, 0xff}, // 0 red
	{0x00, 0xa0, 0x00, 0xff}, // 1 green
	{0x00, 0x00, 0xff, 0xff}, // 2 blue
	{0x00, 0x00, 0xff, 0x80}, // 3 translucent blue
	{0xff, 0xa0, 0x00, 0xff}, // 4 orange
	{0x80, 0x00, 0xc0, 0xff}, // 5 purple
}

const fg = 0xffff

func buildColrFont(version int) []byte { return assembleSfnt(colrTables(version)) }

// colrBadPaints are COLRv1 glyphs that must fall back to their outline: a
// PaintColrGlyph cycle, composites nested deeper than maxColrComps and
// glyph clips nested deeper than maxColrClips.
func colrBadPaints() (map[uint16]*pnode, []*pnode) {
	comp := tSolid(0, 1)
	for i := 0; i <= maxColrComps; i++ {
		comp = tPaint(32, comp, uint8(3), tGlyph(tgSquare, tSolid(1, 1)))
	}
	clip := tSolid(2, 1)
	for i := 0; i <= maxColrClips; i++ {
		clip = tGlyph(tgSquare, clip)
	}
	return map[uint16]*pnode{
		tgOf('B'): tGlyph(tgCircle, tSolid(0, 1)), // supported, for contrast
		tgOf('D'): tPaint(11, tgOf('E')),
		tgOf('E'): tPaint(11, tgOf('D')),
		tgOf('F'): comp,
		tgOf('G'): clip,
	}, nil
}

// colrTables returns the tables of a test font by tag.
func colrTables(version int) map[string][]byte {
	last := 'C'
	if version >= 1 {
		last = colrLastChar
	}
	numGlyphs := tgFirstMap + int(last-'A') + 1
	tables := map[string][]byte{}

	// glyf + loca (long offsets).
	var glyf, loca bytes.Buffer
	var xMin, yMin, xMax, yMax int16 = 32767, 32767, -32768, -32768
	maxPts, maxCont := 0, 0
	lsb := make([]int16, numGlyphs)
	for g := 0; g < numGlyphs; g++ {
		binary.Write(&loca, binary.BigEndian, uint32(glyf.Len()))
		cs := testGlyphContours(g)
		if len(cs) == 0 {
			continue
		}
		var gx0, gy0, gx1, gy1 int16 = 32767, 32767, -32768, -32768
		n := 0
		for _, c := range cs {
			for _, p := range c {
				gx0, gy0, gx1, gy1 = min(gx0, p.x), min(gy0, p.y), max(gx1, p.x), max(gy1, p.y)
				n++
			}
		}
		maxPts, maxCont = max(maxPts, n), max(maxCont, len(cs))
		xMin, yMin, xMax, yMax = min(xMin, gx0), min(yMin, gy0), max(xMax, gx1), max(yMax, gy1)
		lsb[g] = gx0
		w := &glyf
		for _, v := range []int16{int16(len(cs)), gx0, gy0, gx1, gy1} {
			binary.Write(w, binary.BigEndian, v)
		}
		end := -1
		for _, c := range cs {
			end += len(c)
			binary.Write(w, binary.BigEndian, uint16(end))
		}
		binary.Write(w, binary.BigEndian, uint16(0)) // no instructions
		for _, c := range cs {
			for _, p := range c {
				f := byte(0)
				if p.on {
					f = 1
				}
				w.WriteByte(f) // int16 deltas for x and y
			}
		}
		var px, py int16
		for _, c := range cs {
			for _, p := range c {
				binary.Write(w, binary.BigEndian, p.x-px)
				px = p.x
			}
		}
		for _, c := range cs {
			for _, p := range c {
				binary.Write(w, binary.BigEndian, p.y-py)
				py = p.y
			}
		}
		for glyf.Len()%4 != 0 {
			glyf.WriteByte(0)
		}
	}
	binary.Write(&loca, binary.BigEndian, uint32(glyf.Len()))
	tables["glyf"], tables["loca"] = glyf.Bytes(), loca.Bytes()

	be := func(vals ...any) []byte {
		var b bytes.Buffer
		for _, v := range vals {
			binary.Write(&b, binary.BigEndian, v)
		}
		return b.Bytes()
	}
	tables["head"] = be(uint32(0x00010000), uint32(0x00010000), uint32(0), uint32(0x5F0F3CF5),
		uint16(0x000B), uint16(1000), uint64(0), uint64(0), xMin, yMin, xMax, yMax,
		uint16(0), uint16(8), int16(2), int16(1), int16(0))
	tables["hhea"] = be(uint32(0x00010000), int16(900), int16(-200), int16(0), uint16(1000),
		int16(0), int16(0), xMax, int16(1), int16(0), int16(0), [4]int16{}, int16(0), uint16(numGlyphs))
	tables["maxp"] = be(uint32(0x00010000), uint16(numGlyphs), uint16(maxPts), uint16(maxCont),
		uint16(0), uint16(0), uint16(2), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0), uint16(0),
		uint16(0), uint16(0))
	var hmtx bytes.Buffer
	for g := 0; g < numGlyphs; g++ {
		binary.Write(&hmtx, binary.BigEndian, uint16(1000))
		binary.Write(&hmtx, binary.BigEndian, lsb[g])
	}
	tables["hmtx"] = hmtx.Bytes()
	tables["OS/2"] = be(uint16(4), int16(1000), uint16(400), uint16(5), uint16(0),
		[10]int16{650, 600, 0, 75, 650, 600, 0, 350, 50, 250}, int16(0), [10]byte{},
		[4]uint32{1, 0, 0, 0}, [4]byte{'M', 'D', 'T', 'S'}, uint16(0x40), uint16('A'), uint16(last),
		int16(800), int16(-200), int16(0), uint16(900), uint16(200), [2]uint32{1, 0},
		int16(500), int16(800), uint16(0), uint16(' '), uint16(0))
	tables["post"] = be(uint32(0x00030000), int32(0), int16(-100), int16(50), uint32(0), [4]uint32{})
	// cmap: one format 4 subtable (Windows, Unicode BMP) mapping 'A'..last.
	segs := [][3]uint16{{'A', uint16(last), uint16(tgFirstMap - 'A' + 0x10000)}, {0xffff, 0xffff, 1}}
	var sub bytes.Buffer
	n2 := uint16(2 * len(segs))
	sub.Write(be(uint16(4), uint16(16+8*len(segs)), uint16(0), n2, uint16(4), uint16(1), uint16(0)))
	for _, s := range segs {
		sub.Write(be(s[1]))
	}
	sub.Write(be(uint16(0)))
	for _, s := range segs {
		sub.Write(be(s[0]))
	}
	for _, s := range segs {
		sub.Write(be(s[2]))
	}
	for range segs {
		sub.Write(be(uint16(0)))
	}
	tables["cmap"] = append(be(uint16(0), uint16(1), uint16(3), uint16(1), uint32(12)), sub.Bytes()...)
	tables["name"] = buildNameTable(map[uint16]string{
		1: "Mediad COLR Test", 2: "Regular", 3: "Mediad COLR Test " + string(rune('0'+version)),
		4: "Mediad COLR Test Regular", 5: "Version 1.0", 6: "MediadCOLRTest-Regular",
	})
	var cpal bytes.Buffer
	cpal.Write(be(uint16(0), uint16(len(testPalette)), uint16(1), uint16(len(testPalette)), uint32(14), uint16(0)))
	for _, c := range testPalette {
		cpal.Write([]byte{c[2], c[1], c[0], c[3]})
	}
	tables["CPAL"] = cpal.Bytes()
	switch version {
	case 2:
		tables["COLR"] = buildCOLRWith(1, nil, colrBadPaints)
	case 3:
		tables["COLR"] = buildCOLRWith(0, colrV0Layers(), nil)
		tables["CBLC"], tables["CBDT"] = buildCBDT(tgOf('B'))
	default:
		tables["COLR"] = buildCOLRWith(version, colrV0Layers(), colr1Paints)
	}
	return tables
}

// buildCBDT returns CBLC and CBDT tables with one 20 ppem strike holding a
// solid magenta 20×20 PNG for glyph gid (a square from the baseline up).
func buildCBDT(gid uint16) (cblc, cbdt []byte) {
	const side = 20
	png := solidPNG(side, [4]uint8{255, 0, 255, 255})
	var d bytes.Buffer
	binary.Write(&d, binary.BigEndian, [2]uint16{3, 0})
	// Format 17: small metrics (height, width, bearingX, bearingY, advance),
	// then the PNG's length and bytes.
	d.Write([]byte{side, side, 0, side, side})
	binary.Write(&d, binary.BigEndian, uint32(len(png)))
	d.Write(png)
	var c bytes.Buffer
	binary.Write(&c, binary.BigEndian, [2]uint16{3, 0})
	binary.Write(&c, binary.BigEndian, uint32(1)) // numSizes
	const arrayAt = 8 + 48
	binary.Write(&c, binary.BigEndian, [4]uint32{arrayAt, 8 + 16, 1, 0})
	line := [12]int8{side, 0, side, 1, 0, 0, 0, 0, side, 0, 0, 0}
	binary.Write(&c, binary.BigEndian, line) // horizontal
	binary.Write(&c, binary.BigEndian, line) // vertical
	binary.Write(&c, binary.BigEndian, [2]uint16{gid, gid})
	c.Write([]byte{side, side, 32, 1})
	// IndexSubTableArray (one range), then index format 1, image format 17.
	binary.Write(&c, binary.BigEndian, [2]uint16{gid, gid})
	binary.Write(&c, binary.BigEndian, uint32(8))
	binary.Write(&c, binary.BigEndian, [2]uint16{1, 17})
	binary.Write(&c, binary.BigEndian, [3]uint32{4, 0, uint32(d.Len() - 4)})
	return c.Bytes(), d.Bytes()
}

// solidPNG writes a w×w RGBA PNG of one colour with an uncompressed
// (stored) zlib stream, so the bytes do not depend on a compressor.
func solidPNG(w int, c [4]uint8) []byte {
	var raw bytes.Buffer
	for y := 0; y < w; y++ {
		raw.WriteByte(0)
		for x := 0; x < w; x++ {
			raw.Write(c[:])
		}
	}
	var z bytes.Buffer
	z.Write([]byte{0x78, 0x01, 1})
	binary.Write(&z, binary.LittleEndian, [2]uint16{uint16(raw.Len()), ^uint16(raw.Len())})
	z.Write(raw.Bytes())
	binary.Write(&z, binary.BigEndian, adler32.Checksum(raw.Bytes()))
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		out.WriteString(typ)
		out.Write(data)
		binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	var ihdr bytes.Buffer
	binary.Write(&ihdr, binary.BigEndian, [2]uint32{uint32(w), uint32(w)})
	ihdr.Write([]byte{8, 6, 0, 0, 0})
	chunk("IHDR", ihdr.Bytes())
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

func buildNameTable(names map[uint16]string) []byte {
	ids := make([]int, 0, len(names))
	for id := range names {
		ids = append(ids, int(id))
	}
	sort.Ints(ids)
	var recs, strs bytes.Buffer
	for _, id := range ids {
		var s bytes.Buffer
		for _, r := range names[uint16(id)] {
			binary.Write(&s, binary.BigEndian, uint16(r))
		}
		for _, v := range []uint16{3, 1, 0x409, uint16(id), uint16(s.Len()), uint16(strs.Len())} {
			binary.Write(&recs, binary.BigEndian, v)
		}
		strs.Write(s.Bytes())
	}
	var b bytes.Buffer
	for _, v := range []uint16{0, uint16(len(ids)), uint16(6 + recs.Len())} {
		binary.Write(&b, binary.BigEndian, v)
	}
	b.Write(recs.Bytes())
	b.Write(strs.Bytes())
	return b.Bytes()
}

func assembleSfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	var out bytes.Buffer
	for _, v := range []uint16{1, 0, uint16(n), uint16(16 << es), uint16(es), uint16(16*n - 16<<es)} {
		binary.Write(&out, binary.BigEndian, v)
	}
	off := 12 + 16*n
	headAt := 0
	var body bytes.Buffer
	for _, t := range tags {
		d := tables[t]
		if t == "head" {
			headAt = off + body.Len()
		}
		out.WriteString(t)
		binary.Write(&out, binary.BigEndian, sfntChecksum(d))
		binary.Write(&out, binary.BigEndian, uint32(off+body.Len()))
		binary.Write(&out, binary.BigEndian, uint32(len(d)))
		body.Write(d)
		for body.Len()%4 != 0 {
			body.WriteByte(0)
		}
	}
	out.Write(body.Bytes())
	font := out.Bytes()
	binary.BigEndian.PutUint32(font[headAt+8:], 0xB1B0AFBA-sfntChecksum(font))
	return font
}

func sfntChecksum(d []byte) uint32 {
	var s uint32
	for i := 0; i < len(d); i += 4 {
		var w [4]byte
		copy(w[:], d[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// pnode is a COLRv1 paint table to serialise: its format, its fixed fields
// and its sub-tables in field order.
type pnode struct {
	fields []any // integers as written; *pnode, colorLine and affine are written as Offset24s
}

func tPaint(format uint8, fields ...any) *pnode {
	return &pnode{fields: append([]any{format}, fields...)}
}

// emit writes p at the end of buf (and its children after it), returning
// its position; child offsets are relative to the paint table, as the
// format says.
func (p *pnode) emit(buf *bytes.Buffer) int {
	at := buf.Len()
	var holes []int
	for _, f := range p.fields {
		switch v := f.(type) {
		case *pnode:
			holes = append(holes, buf.Len())
			buf.Write([]byte{0, 0, 0})
		case colorLine:
			holes = append(holes, buf.Len())
			buf.Write([]byte{0, 0, 0})
		case affine:
			holes = append(holes, buf.Len())
			buf.Write([]byte{0, 0, 0})
		default:
			binary.Write(buf, binary.BigEndian, v)
		}
	}
	i := 0
	for _, f := range p.fields {
		var pos int
		switch v := f.(type) {
		case *pnode:
			pos = v.emit(buf)
		case colorLine:
			pos = buf.Len()
			binary.Write(buf, binary.BigEndian, v.extend)
			binary.Write(buf, binary.BigEndian, uint16(len(v.stops)))
			for _, s := range v.stops {
				binary.Write(buf, binary.BigEndian, f2dot14(s.off))
				binary.Write(buf, binary.BigEndian, s.pal)
				binary.Write(buf, binary.BigEndian, f2dot14(s.alpha))
			}
		case affine:
			pos = buf.Len()
			for _, x := range v {
				binary.Write(buf, binary.BigEndian, int32(math.Round(x*65536)))
			}
		default:
			continue
		}
		d := pos - at
		b := buf.Bytes()
		b[holes[i]], b[holes[i]+1], b[holes[i]+2] = byte(d>>16), byte(d>>8), byte(d)
		i++
	}
	return at
}

type cstop struct {
	off   float64
	pal   uint16
	alpha float64
}

type colorLine struct {
	extend uint8
	stops  []cstop
}

type affine [6]float64 // xx yx xy yy dx dy

func f2dot14(v float64) int16 { return int16(math.Round(v * 16384)) }

func tSolid(pal uint16, alpha float64) *pnode { return tPaint(2, pal, f2dot14(alpha)) }
func tGlyph(gid uint16, p *pnode) *pnode      { return tPaint(10, p, gid) }

// colr1Paints are the COLRv1 glyphs of the test font (base glyph → paint),
// and the layers their PaintColrLayers use.
func colr1Paints() (map[uint16]*pnode, []*pnode) {
	var layers []*pnode
	colrLayers := func(ls ...*pnode) *pnode {
		first := len(layers)
		layers = append(layers, ls...)
		return tPaint(1, uint8(len(ls)), uint32(first))
	}
	rgb := colorLine{0, []cstop{{0, 0, 1}, {0.5, 4, 1}, {1, 2, 1}}}
	m := map[uint16]*pnode{
		tgOf('D'): colrLayers(tGlyph(tgSquare, tSolid(0, 1)), tGlyph(tgCircle, tSolid(fg, 0.5)),
			tGlyph(tgTriangle, tSolid(3, 1))),
		tgOf('E'): tGlyph(tgSquare, tPaint(4, rgb, int16(100), int16(0), int16(900), int16(800), int16(300), int16(800))),
		tgOf('F'): tGlyph(tgCircle, tPaint(6, colorLine{0, []cstop{{0, 4, 1}, {0.6, 5, 1}, {1, 1, 1}}},
			int16(420), int16(480), uint16(40), int16(500), int16(400), uint16(350))),
		tgOf('G'): tGlyph(tgCircle, tPaint(8, colorLine{0, []cstop{{0, 0, 1}, {0.5, 1, 1}, {1, 2, 1}}},
			int16(500), int16(400), f2dot14(0.25), f2dot14(1.5))),
		tgOf('H'): colrLayers(tGlyph(tgBar, tSolid(4, 1)),
			tPaint(26, tPaint(18, tGlyph(tgSquare, tSolid(2, 0.8)), f2dot14(0.5), f2dot14(0.75), int16(500), int16(400)),
				f2dot14(1.0/6), int16(500), int16(400))),
		tgOf('I'): colrLayers(tPaint(14, tPaint(20, tPaint(11, tgOf('D')), f2dot14(0.5)), int16(250), int16(-100)),
			tPaint(28, tGlyph(tgTriangle, tSolid(5, 0.5)), f2dot14(0.1), f2dot14(0))),
		tgOf('J'): tPaint(32, tGlyph(tgCircle, tSolid(2, 1)), uint8(5), tGlyph(tgTriangle, tSolid(0, 1))),
		tgOf('K'): tPaint(32, tGlyph(tgCircle, tSolid(1, 1)), uint8(23), tGlyph(tgSquare, tSolid(4, 1))),
		tgOf('L'): tGlyph(tgSquare, tGlyph(tgCircle, tPaint(4, rgb, int16(0), int16(0), int16(0), int16(800), int16(1000), int16(0)))),
		tgOf('M'): tPaint(12, tGlyph(tgTriangle, tSolid(fg, 1)), affine{0.9, 0.2, -0.2, 0.9, 50, 0}),
		tgOf('N'): tGlyph(tgSquare, tPaint(4, colorLine{1, []cstop{{0, 0, 1}, {0.25, 2, 1}}},
			int16(100), int16(0), int16(900), int16(0), int16(100), int16(800))),
		tgOf('O'): tGlyph(tgSquare, tPaint(6, colorLine{2, []cstop{{0, 0, 1}, {1, 2, 1}}},
			int16(500), int16(400), uint16(0), int16(500), int16(400), uint16(100))),
		tgOf('P'): tPaint(32, tGlyph(tgCircle, tSolid(1, 1)), uint8(14), tGlyph(tgSquare, tSolid(4, 1))),
		// Colour and alpha change together: premultiplied interpolation keeps
		// the red hue while it fades, unpremultiplied would pass purple.
		tgOf('Q'): colrLayers(tGlyph(tgBar, tSolid(1, 1)), tGlyph(tgSquare, tPaint(4, colorLine{0, []cstop{{0, 0, 1}, {1, 2, 0}}},
			int16(100), int16(0), int16(900), int16(0), int16(100), int16(800)))),
		// A sweep whose end angle comes before its start.
		tgOf('R'): tGlyph(tgCircle, tPaint(8, colorLine{0, []cstop{{0, 0, 1}, {0.5, 1, 1}, {1, 2, 1}}},
			int16(500), int16(400), f2dot14(0.5), f2dot14(-0.5))),
	}
	return m, layers
}

// colrClipped lists the glyphs given a ClipBox, and the box.
var colrClipped = map[uint16][4]int16{tgOf('M'): {0, 0, 1000, 500}}

type colrLayer struct{ gid, pal uint16 }

func colrV0Layers() map[uint16][]colrLayer {
	return map[uint16][]colrLayer{
		tgOf('B'): {{tgSquare, 0}, {tgCircle, fg}, {tgTriangle, 3}},
		tgOf('C'): {{tgCircle, 1}, {tgBar, 3}, {tgTriangle, 5}},
	}
}

// buildCOLRWith writes a COLR table: the v0 layer records, and for version 1
// the paint graphs (and layer list) that paints returns.
func buildCOLRWith(version int, v0 map[uint16][]colrLayer, paints func() (map[uint16]*pnode, []*pnode)) []byte {
	bases := make([]int, 0, len(v0))
	for g := range v0 {
		bases = append(bases, int(g))
	}
	sort.Ints(bases)
	hdr := 14
	if version == 1 {
		hdr = 34
	}
	var recs, lays bytes.Buffer
	for _, g := range bases {
		binary.Write(&recs, binary.BigEndian, [3]uint16{uint16(g), uint16(lays.Len() / 4), uint16(len(v0[uint16(g)]))})
		for _, l := range v0[uint16(g)] {
			binary.Write(&lays, binary.BigEndian, [2]uint16{l.gid, l.pal})
		}
	}
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint16(version))
	binary.Write(&b, binary.BigEndian, uint16(len(bases)))
	binary.Write(&b, binary.BigEndian, uint32(hdr))
	binary.Write(&b, binary.BigEndian, uint32(hdr+recs.Len()))
	binary.Write(&b, binary.BigEndian, uint16(lays.Len()/4))
	if version == 0 {
		b.Write(recs.Bytes())
		b.Write(lays.Bytes())
		return b.Bytes()
	}
	offs := b.Len() // the five v1 offsets, patched below
	b.Write(make([]byte, 20))
	b.Write(recs.Bytes())
	b.Write(lays.Bytes())
	put32 := func(at, v int) { binary.BigEndian.PutUint32(b.Bytes()[at:], uint32(v)) }

	graphs, layers := paints()
	glyphs := make([]int, 0, len(graphs))
	for g := range graphs {
		glyphs = append(glyphs, int(g))
	}
	sort.Ints(glyphs)
	// BaseGlyphList: count, records (glyph, Offset32 from the list), paints.
	list := b.Len()
	put32(offs, list)
	binary.Write(&b, binary.BigEndian, uint32(len(glyphs)))
	recAt := b.Len()
	b.Write(make([]byte, 6*len(glyphs)))
	for i, g := range glyphs {
		pos := graphs[uint16(g)].emit(&b)
		binary.BigEndian.PutUint16(b.Bytes()[recAt+6*i:], uint16(g))
		binary.BigEndian.PutUint32(b.Bytes()[recAt+6*i+2:], uint32(pos-list))
	}
	// LayerList: count, Offset32 per layer from the list.
	ll := b.Len()
	put32(offs+4, ll)
	binary.Write(&b, binary.BigEndian, uint32(len(layers)))
	recAt = b.Len()
	b.Write(make([]byte, 4*len(layers)))
	for i, l := range layers {
		pos := l.emit(&b)
		binary.BigEndian.PutUint32(b.Bytes()[recAt+4*i:], uint32(pos-ll))
	}
	// ClipList format 1: clips with Offset24 boxes from the list.
	cl := b.Len()
	put32(offs+8, cl)
	clipped := make([]int, 0, len(colrClipped))
	for g := range colrClipped {
		clipped = append(clipped, int(g))
	}
	sort.Ints(clipped)
	b.WriteByte(1)
	binary.Write(&b, binary.BigEndian, uint32(len(clipped)))
	recAt = b.Len()
	b.Write(make([]byte, 7*len(clipped)))
	for i, g := range clipped {
		pos := b.Len() - cl
		box := colrClipped[uint16(g)]
		b.WriteByte(1)
		binary.Write(&b, binary.BigEndian, box)
		r := b.Bytes()[recAt+7*i:]
		binary.BigEndian.PutUint16(r, uint16(g))
		binary.BigEndian.PutUint16(r[2:], uint16(g))
		r[4], r[5], r[6] = byte(pos>>16), byte(pos>>8), byte(pos)
	}
	return b.Bytes()
}
