package text

import (
	"sync"
	"sync/atomic"

	"github.com/go-text/typesetting/font"
)

// Choice is the face drawing one character, with the synthesis the browser
// applies when the family has no matching bold or italic member.
type Choice struct {
	Face        *Face
	SynthBold   bool
	SynthItalic bool
}

// candidate is one entry of a resolver's ordered list: a registered face or
// an installed one (loaded lazily, tested for coverage without loading).
type candidate struct {
	face        *Face
	sys         *sysFont
	synthBold   bool
	synthItalic bool
}

func (c *candidate) covers(r rune) bool {
	if c.face != nil {
		return c.face.HasGlyph(r)
	}
	return c.sys.fp.Runes.Contains(r) && c.sys.load() != nil
}

func (c *candidate) choice() Choice {
	f := c.face
	if f == nil {
		f = c.sys.load()
	}
	return Choice{Face: f, SynthBold: c.synthBold, SynthItalic: c.synthItalic}
}

// Resolver maps characters to faces for one family list and aspect. It is
// safe for concurrent use.
type Resolver struct {
	cands []candidate
	seen  map[*sysFont]bool

	runes *slotTable[runeEntry] // direct-mapped character cache

	// infos is the fast path's per-character data (see info): a
	// direct-mapped table held inline, so a zero Resolver has one.
	infos [1 << infoBits]atomic.Pointer[runeInfo]

	primaryOnce sync.Once
	primary     Choice
}

type runeEntry struct {
	r rune
	c Choice
}

func (r *Registry) newResolver(q Query) *Resolver {
	res := &Resolver{seen: map[*sysFont]bool{}, runes: newSlotTable[runeEntry](12)}
	for _, fam := range q.Families {
		if fam.Generic {
			for _, name := range genericList(fam.Name) {
				res.addSystem(name, q.Aspect)
			}
			continue
		}
		key := NormalizeFamily(fam.Name)
		if fs := r.lookup(key); len(fs) > 0 {
			res.addRegistered(fs, q.Aspect)
			continue
		}
		res.addSystem(key, q.Aspect)
	}
	for _, name := range fallbackFamilies {
		res.addSystem(name, q.Aspect)
	}
	return res
}

func synth(want, have font.Aspect) (bold, italic bool) {
	return want.Weight >= 600 && have.Weight > 0 && have.Weight < 600 && want.Weight-have.Weight >= 200,
		want.Style == font.StyleItalic && have.Style != font.StyleItalic
}

func (res *Resolver) addRegistered(fs []*Face, want font.Aspect) {
	best := fs[0]
	for _, f := range fs[1:] {
		if aspectDistance(want, f.Aspect) < aspectDistance(want, best.Aspect) {
			best = f
		}
	}
	b, i := synth(want, best.Aspect)
	res.cands = append(res.cands, candidate{face: best, synthBold: b, synthItalic: i})
}

func (res *Resolver) addSystem(family string, want font.Aspect) {
	fs := System().byFamily[NormalizeFamily(family)]
	if len(fs) == 0 {
		return
	}
	best := fs[0]
	for _, f := range fs[1:] {
		if aspectDistance(want, f.fp.Aspect) < aspectDistance(want, best.fp.Aspect) {
			best = f
		}
	}
	if res.seen[best] {
		return
	}
	res.seen[best] = true
	b, i := synth(want, best.fp.Aspect)
	res.cands = append(res.cands, candidate{sys: best, synthBold: b, synthItalic: i})
}

// Resolve returns the face for r: the first listed family covering it, then
// the fallback families, then any installed font covering it, then the
// primary face (which will draw its .notdef glyph).
func (res *Resolver) Resolve(r rune) Choice {
	h := mix(uint64(r))
	if e := res.runes.load(h); e != nil && e.r == r {
		return e.c
	}
	c := res.resolve(r)
	res.runes.store(h, &runeEntry{r, c})
	return c
}

func (res *Resolver) resolve(r rune) Choice {
	// Like Chromium, characters that default to emoji presentation go to a
	// colour emoji font first even when a listed text font has a glyph.
	if isEmojiPresentation(r) {
		for _, name := range genericFamilies["emoji"] {
			for _, s := range System().byFamily[NormalizeFamily(name)] {
				if s.fp.Runes.Contains(r) && s.load() != nil {
					return Choice{Face: s.face}
				}
			}
		}
	}
	for i := range res.cands {
		if res.cands[i].covers(r) {
			return res.cands[i].choice()
		}
	}
	if e := embedded(); e != nil && e.HasGlyph(r) {
		return Choice{Face: e}
	}
	for _, s := range System().all {
		if s.fp.Runes.Contains(r) && s.load() != nil {
			return Choice{Face: s.face}
		}
	}
	return res.Primary()
}

// Primary is the face whose metrics the canvas reports (the first available
// family, as the browser's primary font).
func (res *Resolver) Primary() Choice {
	res.primaryOnce.Do(func() {
		for i := range res.cands {
			if res.cands[i].covers(' ') {
				res.primary = res.cands[i].choice()
				return
			}
		}
		res.primary = Choice{Face: embedded()}
	})
	return res.primary
}

// isEmojiPresentation approximates the Unicode Emoji_Presentation property:
// the pictographic planes plus the BMP symbols that default to emoji style.
func isEmojiPresentation(r rune) bool {
	if r >= 0x1F000 && r <= 0x1FAFF {
		return !(r >= 0x1F100 && r <= 0x1F1E5) // enclosed alphanumerics are text
	}
	switch r {
	case 0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615,
		0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA,
		0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753,
		0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55:
		return true
	}
	return r >= 0x2648 && r <= 0x2653
}
