package text

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
)

// sysFont is one installed face, known by its footprint (family, aspect,
// coverage) and loaded from disk on first use.
type sysFont struct {
	fp   fontscan.Footprint
	once sync.Once
	face *Face
}

func (s *sysFont) load() *Face {
	s.once.Do(func() {
		data, err := readFontFile(s.fp.Location.File)
		if err != nil {
			return
		}
		f, err := ParseFace(data, int(s.fp.Location.Index))
		if err != nil {
			return
		}
		s.face = f
	})
	return s.face
}

// fileCache shares the bytes of a collection between its faces: the Noto
// CJK collections hold five faces each and are 20 MB.
var fileCache sync.Map // path -> []byte

func readFontFile(path string) ([]byte, error) {
	if b, ok := fileCache.Load(path); ok {
		return b.([]byte), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxFontBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrBadFont, path, MaxFontBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFontBytes+1))
	if err != nil {
		return nil, err
	}
	b, _ := fileCache.LoadOrStore(path, data)
	return b.([]byte), nil
}

// systemSet is the index of installed fonts.
type systemSet struct {
	all      []*sysFont
	byFamily map[string][]*sysFont // normalised family
}

// System returns the installed fonts, scanning the fontconfig directories on
// first use. fontscan keeps an index on disk (in the user cache directory,
// or the temporary directory when there is none) so later processes start
// fast.
var System = sync.OnceValue(func() *systemSet {
	set := &systemSet{byFamily: map[string][]*sysFont{}}
	fps, err := fontscan.SystemFonts(log.New(io.Discard, "", 0), indexDir())
	if err != nil {
		return set
	}
	// A stable order makes "any font covering this rune" deterministic.
	sort.SliceStable(fps, func(i, j int) bool {
		if fps[i].Family != fps[j].Family {
			return fps[i].Family < fps[j].Family
		}
		if fps[i].Location.File != fps[j].Location.File {
			return fps[i].Location.File < fps[j].Location.File
		}
		return fps[i].Location.Index < fps[j].Location.Index
	})
	for _, fp := range fps {
		if fp.Location.Instance != 0 {
			continue // named instances of variable fonts: the default instance is enough
		}
		s := &sysFont{fp: fp}
		set.all = append(set.all, s)
		k := NormalizeFamily(fp.Family)
		set.byFamily[k] = append(set.byFamily[k], s)
	}
	return set
})

// indexDir picks a writable directory for fontscan's index: the scan fails
// as a whole (and would leave no system fonts) when the index cannot be
// written, so a read-only home falls back to a fresh temporary directory.
func indexDir() string {
	if base, err := os.UserCacheDir(); err == nil {
		dir := filepath.Join(base, "mediad", "fonts")
		if os.MkdirAll(dir, 0o755) == nil {
			if f, err := os.CreateTemp(dir, "probe"); err == nil {
				f.Close()
				os.Remove(f.Name())
				return dir
			}
		}
	}
	dir, err := os.MkdirTemp("", "mediad-fonts-")
	if err != nil {
		return os.TempDir()
	}
	return dir
}

// SystemFamilies lists the installed families (normalised), for diagnostics.
func SystemFamilies() []string {
	var out []string
	for k := range System().byFamily {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// aspectDistance orders faces of one family for a requested aspect, following
// the CSS font matching algorithm closely enough: stretch, then style, then
// weight (for 400 try 500 next, below 400 prefer lighter, above 500 prefer
// bolder).
func aspectDistance(want, have font.Aspect) float64 {
	d := 0.0
	ws, hs := want.Stretch, have.Stretch
	if ws == 0 {
		ws = 1
	}
	if hs == 0 {
		hs = 1
	}
	if ws != hs {
		d += 1e6 + abs(float64(ws-hs))*1e5
	}
	if (want.Style == font.StyleItalic) != (have.Style == font.StyleItalic) {
		d += 1e5
	}
	w, h := float64(want.Weight), float64(have.Weight)
	if w == 0 {
		w = 400
	}
	if h == 0 {
		h = 400
	}
	switch {
	case w >= 400 && w <= 500:
		if h >= w && h <= 500 {
			d += h - w
		} else if h < w {
			d += 1000 + (w - h)
		} else {
			d += 2000 + (h - w)
		}
	case w < 400:
		if h <= w {
			d += w - h
		} else {
			d += 1000 + (h - w)
		}
	default:
		if h >= w {
			d += h - w
		} else {
			d += 1000 + (w - h)
		}
	}
	return d
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
