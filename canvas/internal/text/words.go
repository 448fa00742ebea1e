package text

import (
	"hash/maphash"
	"unicode/utf8"
	"unsafe"
)

// Word cache: like Chromium's caching word shaper, text of simple scripts is
// shaped a word at a time (words split at U+0020, each space shaped on its
// own) and the results, in ems, are kept in a bounded cache shared by all
// goroutines. Posters and lists repeat words a lot, and measureText of many
// similar strings becomes a few map lookups. Kerning across a space is lost,
// exactly as in Chromium.

// wordCtx is what besides the word itself changes its shape.
type wordCtx struct {
	res   *Resolver
	flags uint8
	lang  string
}

type wordShape struct {
	runs  []Run // glyph X/Y/Advance in ems, Cluster relative to the word
	width float64
}

const maxCachedWord = 64 // runes; longer words are shaped every time

type wordEntry struct {
	ctx  wordCtx
	word string
	ws   *wordShape
}

// words is a direct-mapped table (see slotTable) of 65536 shaped words.
var words = newSlotTable[wordEntry](16)

var wordSeed = maphash.MakeSeed()

// complexRune reports characters whose shaping depends on context beyond a
// word or on bidi (RTL, Indic, South-East Asian scripts, Arabic forms): such
// text takes the full shaping path.
func complexRune(r rune) bool {
	switch {
	case r < 0x0590:
		return false
	case r <= 0x1CFF, r >= 0x200E && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069,
		r >= 0xA800 && r <= 0xABFF, r >= 0xFB1D && r <= 0xFEFF, r >= 0x10800 && r <= 0x11FFF,
		r >= 0x1E800 && r <= 0x1EFFF:
		return true
	}
	return false
}

func wordEligible(text []rune, st Style) bool {
	if st.RTL || st.LetterSpacing != 0 || st.WordSpacing != 0 {
		return false
	}
	for _, r := range text {
		if complexRune(r) {
			return false
		}
	}
	return true
}

func (s *state) shapeWords(text []rune, res *Resolver, st Style) Line {
	line := Line{Primary: res.Primary(), Size: st.Size}
	if !(st.Size > 0) || st.Size > 1e6 {
		return line
	}
	var flags uint8
	if st.NoKerning {
		flags |= 1
	}
	if st.NoLigatures {
		flags |= 2
	}
	if st.SmallCaps {
		flags |= 4
	}
	unit := st
	unit.Size = 1
	// Shape (or look up) every word first, then lay the glyphs out in one
	// allocation.
	s.wordBuf = s.wordBuf[:0]
	n := 0
	for start := 0; start < len(text); {
		end := start + 1
		if text[start] != ' ' {
			for end < len(text) && text[end] != ' ' {
				end++
			}
		}
		w := s.word(text[start:end], res, unit, flags)
		s.wordBuf = append(s.wordBuf, placedWord{w, start})
		for _, r := range w.runs {
			n += len(r.Glyphs)
		}
		start = end
	}
	glyphs := make([]Glyph, 0, n)
	x := 0.0
	for _, pw := range s.wordBuf {
		for _, r := range pw.w.runs {
			first := len(glyphs)
			for _, g := range r.Glyphs {
				glyphs = append(glyphs, Glyph{ID: g.ID, X: x + g.X*st.Size, Y: g.Y * st.Size, Advance: g.Advance * st.Size,
					Rune: g.Rune, Cluster: pw.start + g.Cluster})
			}
			// Consecutive runs of one face share a run (their glyphs are
			// adjacent in the one slice), so a line of one font stays one run.
			if k := len(line.Runs); k > 0 && line.Runs[k-1].Choice == r.Choice && !r.RTL && !line.Runs[k-1].RTL {
				line.Runs[k-1].Glyphs = glyphs[len(glyphs)-len(line.Runs[k-1].Glyphs)-(len(glyphs)-first) : len(glyphs)]
			} else {
				line.Runs = append(line.Runs, Run{Choice: r.Choice, RTL: r.RTL, Glyphs: glyphs[first:len(glyphs):len(glyphs)]})
			}
		}
		x += pw.w.width * st.Size
	}
	for i := range s.wordBuf {
		s.wordBuf[i] = placedWord{}
	}
	line.Width = x
	return line
}

type placedWord struct {
	w     *wordShape
	start int
}

func (s *state) word(w []rune, res *Resolver, unit Style, flags uint8) *wordShape {
	if len(w) > maxCachedWord {
		return toWordShape(s.shape(w, res, unit))
	}
	// The word is keyed by its UTF-8 bytes in a reused buffer: indexing a
	// map with string(bytes) does not allocate.
	s.keyBuf = s.keyBuf[:0]
	for _, r := range w {
		s.keyBuf = utf8.AppendRune(s.keyBuf, r)
	}
	ctx := wordCtx{res: res, flags: flags, lang: unit.Lang}
	h := maphash.Bytes(wordSeed, s.keyBuf) ^ mix(uint64(uintptr(unsafe.Pointer(res)))^uint64(flags))
	if e := words.load(h); e != nil && e.ctx == ctx && e.word == string(s.keyBuf) {
		return e.ws
	}
	ws := toWordShape(s.shape(w, res, unit))
	words.store(h, &wordEntry{ctx: ctx, word: string(s.keyBuf), ws: ws})
	return ws
}

func toWordShape(l Line) *wordShape {
	return &wordShape{runs: l.Runs, width: l.Width}
}
