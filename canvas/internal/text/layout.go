package text

import (
	"github.com/go-text/typesetting/segmenter"
)

// Span is a range of runes [Start, End).
type Span struct{ Start, End int }

// Advances returns each rune's share of the shaped line's width (a cluster's
// advance is credited to its first rune), for line breaking.
func Advances(line *Line, n int) []float64 {
	adv := make([]float64, n)
	for _, r := range line.Runs {
		for _, g := range r.Glyphs {
			if g.Cluster >= 0 && g.Cluster < n {
				adv[g.Cluster] += g.Advance
			}
		}
	}
	return adv
}

// noLineStart are characters a line must not start with (Chinese and
// Japanese line-breaking rules, "kinsoku"): closing brackets and quotes,
// sentence punctuation, iteration marks, prolonged sound and small kana.
// UAX #14 forbids most of these already; the set also covers the ones it
// leaves to tailoring.
func noLineStart(r rune) bool {
	switch r {
	case '，', '。', '、', '．', '：', '；', '！', '？', '）', '」', '』', '】', '》', '〉', '〕', '〗', '〙', '〛',
		'｝', '］', '”', '’', '…', '‥', '・', 'ー', '〜', '～', '々', '〻', 'ゝ', 'ゞ', 'ヽ', 'ヾ',
		'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ',
		',', '.', ':', ';', '!', '?', ')', ']', '}', '%', '\u00b0', '\u2030', '\u2103':
		return true
	}
	return false
}

// noLineEnd are characters a line must not end with: opening brackets and
// quotes, currency signs that prefix numbers.
func noLineEnd(r rune) bool {
	switch r {
	case '（', '「', '『', '【', '《', '〈', '〔', '〖', '〘', '〚', '｛', '［', '“', '‘', '(', '[', '{', '$', '¥', '￥', '£', '€':
		return true
	}
	return false
}

func isBreakSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' }

// Wrap breaks text into lines no wider than width using the UAX #14 break
// opportunities tailored by the CJK rules above; newlines are mandatory
// breaks. Spaces at a line end do not count towards its width and are left
// out of the spans. A run with no break opportunity that is wider than the
// box breaks between grapheme clusters. maxLines > 0 stops after that many
// lines; more reports whether text was left over. width ≤ 0 (or not finite)
// only breaks at newlines.
func Wrap(text []rune, adv []float64, width float64, maxLines int) (lines []Span, more bool) {
	n := len(text)
	if n == 0 {
		return nil, false
	}
	var seg segmenter.Segmenter
	seg.Init(text)
	// allowed[i]: a line may start at i (break before i); mandatory[i]: must.
	allowed := make([]bool, n+1)
	mandatory := make([]bool, n+1)
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		end := l.Offset + len(l.Text)
		allowed[end] = true
		if l.IsMandatoryBreak {
			mandatory[end] = true
		}
	}
	for i := 1; i < n; i++ {
		if allowed[i] && !mandatory[i] && (noLineStart(text[i]) || noLineEnd(text[i-1])) {
			allowed[i] = false
		}
	}
	graphemeStart := make([]bool, n+1)
	git := seg.GraphemeIterator()
	for git.Next() {
		graphemeStart[git.Grapheme().Offset] = true
	}
	graphemeStart[n] = true
	wrap := width > 0 && width < 1e300

	start := 0
	for start < n {
		if maxLines > 0 && len(lines) == maxLines {
			return lines, true
		}
		// Find the furthest allowed break that fits.
		w, spaces := 0.0, 0.0 // spaces: width of the spaces since the last visible character
		lastFit := -1         // break position (line end) of the last fitting opportunity
		end := n
		for i := start; i < n; i++ {
			if i > start && mandatory[i] {
				end = i
				break
			}
			switch {
			case text[i] == '\n' || text[i] == '\r':
				// a mandatory break follows; no width
			case isBreakSpace(text[i]):
				// Spaces count only once something visible follows them:
				// at a line end they hang outside the box.
				spaces += adv[i]
			default:
				w += spaces + adv[i]
				spaces = 0
			}
			if wrap && w > width && !isBreakSpace(text[i]) {
				end = i
				break
			}
			if allowed[i+1] {
				lastFit = i + 1
			}
		}
		// A forced break (mandatory at end) is kept unless the overflow
		// happened on the line's first character: the line must progress.
		if end < n && (end <= start || !mandatory[end]) {
			switch {
			case lastFit > start && lastFit <= end:
				end = lastFit
			default:
				// Nothing fits: break inside the word at a grapheme boundary,
				// keeping at least one grapheme on the line.
				e := end
				for e > start && !graphemeStart[e] {
					e--
				}
				if e <= start {
					e = start + 1
					for e < n && !graphemeStart[e] {
						e++
					}
				}
				end = e
			}
		}
		// A newline right after the break belongs to this line (else it
		// would make an empty line of its own).
		for end < n && !mandatory[end] && (text[end] == '\n' || text[end] == '\r') {
			end++
		}
		// Trim trailing spaces and newlines from the span.
		e := end
		for e > start && (isBreakSpace(text[e-1]) || text[e-1] == '\n' || text[e-1] == '\r') {
			e--
		}
		lines = append(lines, Span{start, e})
		start = end
		// A line never starts with the spaces the break consumed.
		for start < n && !mandatory[start] && isBreakSpace(text[start]) {
			start++
		}
	}
	return lines, false
}
