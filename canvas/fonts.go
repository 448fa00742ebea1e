package canvas

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"weak"

	"github.com/go-text/typesetting/font"

	"github.com/seed92233726/mediad/canvas/internal/text"
)

// FontDescriptors are the @font-face descriptors of a registered font, as
// wx.loadFontFace's desc: Style "normal" | "italic" | "oblique", Weight
// "normal" | "bold" | "100" … "900", Variant "normal" | "small-caps". Empty
// strings mean "normal"; Stretch takes the CSS font-stretch keywords.
type FontDescriptors struct {
	Style   string
	Weight  string
	Variant string
	Stretch string
}

// ErrFontSource reports a loadFontFace source that is neither a data: URL nor
// a readable file.
var ErrFontSource = errors.New("invalid font source")

func (d FontDescriptors) descriptor() (text.Descriptor, error) {
	var out text.Descriptor
	switch strings.ToLower(strings.TrimSpace(d.Style)) {
	case "", "normal":
		out.Style = font.StyleNormal
	case "italic", "oblique":
		out.Style = font.StyleItalic
	default:
		return out, errorf(ErrSyntax, "font style %q", d.Style)
	}
	switch w := strings.ToLower(strings.TrimSpace(d.Weight)); w {
	case "", "normal":
		out.Weight = 400
	case "bold":
		out.Weight = 700
	default:
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 || n > 1000 {
			return out, errorf(ErrSyntax, "font weight %q", d.Weight)
		}
		out.Weight = font.Weight(n)
	}
	if d.Stretch != "" {
		s, ok := stretchValues[strings.ToLower(strings.TrimSpace(d.Stretch))]
		if !ok {
			return out, errorf(ErrSyntax, "font stretch %q", d.Stretch)
		}
		out.Stretch = s
	}
	return out, nil
}

var stretchValues = map[string]font.Stretch{
	"ultra-condensed": 0.5, "extra-condensed": 0.625, "condensed": 0.75, "semi-condensed": 0.875,
	"normal": 1, "semi-expanded": 1.125, "expanded": 1.25, "extra-expanded": 1.5, "ultra-expanded": 2,
}

// RegisterFont adds a font (TTF, OTF, TTC/OTC collection or WOFF bytes) to the
// process-wide registry under family, for every canvas. A collection registers
// all its faces. Registering more faces under one family (regular, bold,
// italic …) builds a family that ctx.font selects from by weight and style.
// WOFF2 is refused with an error (no Brotli decoder yet).
func RegisterFont(family string, data []byte, desc FontDescriptors) error {
	return registerFont(text.Default, family, data, desc)
}

func registerFont(reg *text.Registry, family string, data []byte, desc FontDescriptors) error {
	d, err := desc.descriptor()
	if err != nil {
		return err
	}
	if err := reg.Register(family, data, d); err != nil {
		return fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	return nil
}

// LoadFontFace registers family from source as wx.loadFontFace does: source is
// `url("data:font/ttf;base64,…")`, a bare data: URL, `url("/path/font.ttf")`,
// a file:// URL or a plain file path. Network URLs are refused: the server
// must not fetch on a script's behalf here. allowedDirs, when not empty,
// restricts file sources to files under those directories.
func LoadFontFace(family, source string, desc FontDescriptors, allowedDirs ...string) error {
	data, err := ReadFontSource(source, allowedDirs...)
	if err != nil {
		return err
	}
	return RegisterFont(family, data, desc)
}

// ReadFontSource returns the bytes a loadFontFace source names (see
// LoadFontFace), at most text.MaxFontBytes of them.
func ReadFontSource(source string, allowedDirs ...string) ([]byte, error) {
	s := strings.TrimSpace(source)
	if strings.HasPrefix(strings.ToLower(s), "url(") && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[4 : len(s)-1])
		if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
			s = s[1 : len(s)-1]
		}
	}
	if len(s) > 4*text.MaxFontBytes/3+1024 {
		return nil, fmt.Errorf("%w: source longer than the font size limit", ErrFontSource)
	}
	low := strings.ToLower(s)
	switch {
	case strings.HasPrefix(low, "data:"):
		return decodeFontDataURL(s)
	case strings.HasPrefix(low, "http:") || strings.HasPrefix(low, "https:"):
		return nil, fmt.Errorf("%w: network sources are not fetched; pass a data: URL or a file", ErrFontSource)
	case strings.HasPrefix(low, "file://"):
		u, err := url.Parse(s)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFontSource, err)
		}
		s = u.Path
	}
	if s == "" {
		return nil, fmt.Errorf("%w: empty source", ErrFontSource)
	}
	if len(allowedDirs) > 0 && !underAny(s, allowedDirs) {
		return nil, fmt.Errorf("%w: %s is outside the allowed font directories", ErrFontSource, s)
	}
	f, err := os.Open(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFontSource, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", ErrFontSource, s)
	}
	if st.Size() > text.MaxFontBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrFontSource, s, text.MaxFontBytes)
	}
	data := make([]byte, st.Size())
	if _, err := readFull(f, data); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFontSource, err)
	}
	return data, nil
}

func readFull(f *os.File, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := f.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func underAny(path string, dirs []string) bool {
	clean := cleanAbs(path)
	for _, d := range dirs {
		d = cleanAbs(d)
		if d != "" && (clean == d || strings.HasPrefix(clean, strings.TrimSuffix(d, "/")+"/")) {
			return true
		}
	}
	return false
}

func cleanAbs(p string) string {
	if p == "" {
		return ""
	}
	if !strings.HasPrefix(p, "/") {
		wd, err := os.Getwd()
		if err != nil {
			return ""
		}
		p = wd + "/" + p
	}
	return filepath.Clean(p)
}

// decodeFontDataURL decodes data:[<mediatype>][;base64],<data>.
func decodeFontDataURL(s string) ([]byte, error) {
	comma := strings.IndexByte(s, ',')
	if comma < 0 {
		return nil, fmt.Errorf("%w: data URL without a comma", ErrFontSource)
	}
	meta, payload := s[5:comma], s[comma+1:]
	if strings.HasSuffix(strings.ToLower(meta), ";base64") {
		payload = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, payload)
		payload = strings.TrimRight(payload, "=")
		b, err := base64.RawStdEncoding.DecodeString(payload)
		if err != nil {
			b, err = base64.RawURLEncoding.DecodeString(payload)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: bad base64: %v", ErrFontSource, err)
		}
		return b, nil
	}
	b, err := url.PathUnescape(payload)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFontSource, err)
	}
	return []byte(b), nil
}

// FontSet is a set of fonts layered over the process-wide registry: what a
// script job loads with wx.loadFontFace lives in the job's FontSet and never
// leaks into other jobs. Attach it to the canvases of the job with
// Canvas.UseFonts. Safe for concurrent use.
type FontSet struct {
	reg *text.Registry
}

// NewFontSet returns an empty set over the process-wide fonts.
func NewFontSet() *FontSet { return &FontSet{reg: text.NewRegistry(text.Default)} }

// RegisterFont adds a font to the set only (see the package-level RegisterFont).
func (fs *FontSet) RegisterFont(family string, data []byte, desc FontDescriptors) error {
	return registerFont(fs.reg, family, data, desc)
}

// LoadFontFace is the package-level LoadFontFace into this set only.
func (fs *FontSet) LoadFontFace(family, source string, desc FontDescriptors, allowedDirs ...string) error {
	data, err := ReadFontSource(source, allowedDirs...)
	if err != nil {
		return err
	}
	return fs.RegisterFont(family, data, desc)
}

// canvasFonts maps a canvas to its FontSet. Keys are weak so the map never
// keeps a canvas alive; a cleanup removes the entry when the canvas goes.
var canvasFonts sync.Map // weak.Pointer[Canvas] -> *FontSet

// UseFonts makes text on this canvas resolve families in fs first (then the
// process-wide fonts, then the system's). nil returns to the process-wide set.
func (cv *Canvas) UseFonts(fs *FontSet) {
	key := weak.Make(cv)
	if fs == nil {
		canvasFonts.Delete(key)
		return
	}
	if _, loaded := canvasFonts.Swap(key, fs); !loaded {
		runtime.AddCleanup(cv, func(k weak.Pointer[Canvas]) { canvasFonts.Delete(k) }, key)
	}
}

// registry is the font registry text on cv resolves against.
func (cv *Canvas) registry() *text.Registry {
	if cv == nil {
		return text.Default
	}
	if fs, ok := canvasFonts.Load(weak.Make(cv)); ok {
		return fs.(*FontSet).reg
	}
	return text.Default
}
