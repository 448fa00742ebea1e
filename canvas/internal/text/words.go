package text

import (
	"hash/maphash"
	"sync/atomic"
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
	ctx   wordCtx
	word  string
	ws    *wordShape
	stamp uint64 // wordClock when stored
}

// words is a two-way set-associative table (slot pairs of a slotTable) of
// 65536 shaped words.
var words = newSlotTable[wordEntry](16)

// wordClock orders word entries for replacement.
var wordClock atomic.Uint64

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

func (s *state) shapeWords(text []rune, res *Resolver, st Style, buf *LineBuf) Line {
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
		// Simple words skip shaping (see fastWord); their characters are
		// kept in s.fastAll for the layout pass.
		if FastPath && !st.SmallCaps && (st.Lang == "" || st.Lang == "inherit") {
			k := len(s.fastAll)
			if s.fastWord(text[start:end], res, st.NoKerning) {
				s.fastAll = append(s.fastAll, s.fastBuf...)
				s.wordBuf = append(s.wordBuf, placedWord{start: start, fast: true, fastStart: k, fastEnd: len(s.fastAll)})
				n += end - start
				start = end
				continue
			}
		}
		w := s.word(text[start:end], res, unit, flags)
		s.wordBuf = append(s.wordBuf, placedWord{w: w, start: start})
		for _, r := range w.runs {
			n += len(r.Glyphs)
		}
		start = end
	}
	var glyphs []Glyph
	if buf != nil {
		if cap(buf.glyphs) < n {
			buf.glyphs = make([]Glyph, 0, n)
		}
		glyphs = buf.glyphs[:0:n]
		line.Runs = buf.runs[:0]
	} else {
		glyphs = make([]Glyph, 0, n)
	}
	x := 0.0
	for _, pw := range s.wordBuf {
		if pw.fast {
			var w float64
			glyphs, line.Runs, w = s.placeFast(glyphs, line.Runs, pw, text, st.Size, x)
			x += w
			continue
		}
		for _, r := range pw.w.runs {
			first := len(glyphs)
			for _, g := range r.Glyphs {
				glyphs = append(glyphs, Glyph{ID: g.ID, X: x + g.X*st.Size, Y: g.Y * st.Size, Advance: g.Advance * st.Size,
					Rune: g.Rune, Cluster: pw.start + g.Cluster})
			}
			line.Runs = addRun(line.Runs, glyphs, r.Choice, r.RTL, first)
		}
		x += pw.w.width * st.Size
	}
	for i := range s.wordBuf {
		s.wordBuf[i] = placedWord{}
	}
	clear(s.fastAll)
	s.fastAll = s.fastAll[:0]
	if buf != nil {
		buf.runs = line.Runs[:0]
	}
	line.Width = x
	return line
}

type placedWord struct {
	w     *wordShape
	start int
	// fast words have no shape: their characters are s.fastAll[fastStart:fastEnd].
	fast               bool
	fastStart, fastEnd int
}

// placeFast appends the glyphs of a fast word starting at x (px) and returns
// its width in px. The arithmetic is the shaper path's step for step (the
// word laid out in ems, CJK punctuation trimmed, then scaled), so positions
// are bit-identical to shaping the word.
func (s *state) placeFast(glyphs []Glyph, runs []Run, pw placedWord, text []rune, size, x float64) ([]Glyph, []Run, float64) {
	chars := s.fastAll[pw.fastStart:pw.fastEnd]
	word := text[pw.start : pw.start+len(chars)]
	wx := 0.0 // pen in ems inside the word
	for i := 0; i < len(chars); {
		c := chars[i].c
		first := len(glyphs)
		for ; i < len(chars) && chars[i].c == c; i++ {
			g := chars[i].g
			adv := float64(chars[i].adv) * g.unit
			xoff := 0.0
			if trim := spacingTrim(word, i); trim != 0 && float64(chars[i].adv) == g.face.upem*64 {
				adv -= 0.5
				if trim < 0 {
					xoff -= 0.5
				}
			}
			glyphs = append(glyphs, Glyph{ID: g.gid, X: x + (wx+xoff)*size,
				Advance: adv * size, Rune: word[i], Cluster: pw.start + i})
			wx += adv
		}
		runs = addRun(runs, glyphs, c, false, first)
	}
	return glyphs, runs, wx * size
}

// addRun adds glyphs[first:] to runs, joining the last run when it has the
// same face: consecutive runs of one face share a run (their glyphs are
// adjacent in the one slice), so a line of one font stays one run.
func addRun(runs []Run, glyphs []Glyph, c Choice, rtl bool, first int) []Run {
	if k := len(runs); k > 0 && runs[k-1].Choice == c && !rtl && !runs[k-1].RTL {
		runs[k-1].Glyphs = glyphs[len(glyphs)-len(runs[k-1].Glyphs)-(len(glyphs)-first) : len(glyphs)]
		return runs
	}
	return append(runs, Run{Choice: c, RTL: rtl, Glyphs: glyphs[first:len(glyphs):len(glyphs)]})
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
	if ws := lookupWord(h, ctx, s.keyBuf); ws != nil {
		return ws
	}
	ws := toWordShape(s.shape(w, res, unit))
	storeWord(h, &wordEntry{ctx: ctx, word: string(s.keyBuf), ws: ws})
	return ws
}

// lookupWord finds a word in the cache. The cache is two-way: a word may
// sit in either slot of its pair, so two hot words whose hashes meet do not
// keep evicting each other.
func lookupWord(h uint64, ctx wordCtx, key []byte) *wordShape {
	for _, i := range [2]uint64{h & words.mask, (h ^ 1) & words.mask} {
		if e := words.slots[i].Load(); e != nil && e.ctx == ctx && e.word == string(key) {
			return e.ws
		}
	}
	return nil
}

// storeWord puts e in an empty slot of its pair, else in place of the
// pair's older entry (each entry records when it was stored).
func storeWord(h uint64, e *wordEntry) {
	a, b := &words.slots[h&words.mask], &words.slots[(h^1)&words.mask]
	ea, eb := a.Load(), b.Load()
	e.stamp = wordClock.Add(1)
	switch {
	case ea == nil:
		a.Store(e)
	case eb == nil:
		b.Store(e)
	case ea.stamp < eb.stamp:
		a.Store(e)
	default:
		b.Store(e)
	}
}

func toWordShape(l Line) *wordShape {
	return &wordShape{runs: l.Runs, width: l.Width}
}
