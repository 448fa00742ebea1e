package text

import (
	"errors"
	"hash/maphash"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-text/typesetting/font"
	"golang.org/x/image/font/gofont/goregular"
)

// Registry holds fonts registered by name, layered over a parent registry
// (a script job's fonts over the process-wide ones) and, at the bottom, over
// the system fonts. It is safe for concurrent use.
type Registry struct {
	parent *Registry
	mu     sync.RWMutex
	faces  map[string][]*Face // normalised family -> faces in registration order
	gen    atomic.Uint64      // bumped on every change

	// resolvers caches one Resolver per font query (see slotTable), tagged
	// with the registry generation it was built for.
	resolvers *slotTable[resolverEntry]
}

type resolverEntry struct {
	key string
	gen uint64
	res *Resolver
}

var resolverSeed = maphash.MakeSeed()

// NewRegistry returns an empty registry over parent (nil: only system fonts).
func NewRegistry(parent *Registry) *Registry {
	return &Registry{parent: parent, faces: map[string][]*Face{}, resolvers: newSlotTable[resolverEntry](9)}
}

// Default is the process-wide registry.
var Default = NewRegistry(nil)

// Descriptor selects which member of a family a registered face is: the CSS
// @font-face descriptors style and weight (and stretch).
type Descriptor struct {
	Style   font.Style   // font.StyleNormal or font.StyleItalic
	Weight  font.Weight  // 1 … 1000
	Stretch font.Stretch // 1 is normal
}

// ErrBadFamily is returned for an empty or overlong family name.
var ErrBadFamily = errors.New("text: invalid font family name")

// Register parses data and adds every face it holds under family. A
// collection registers all its faces; the descriptor overrides what the font
// says about itself, as @font-face does.
func (r *Registry) Register(family string, data []byte, d Descriptor) error {
	key := NormalizeFamily(family)
	if key == "" || len(family) > 256 {
		return ErrBadFamily
	}
	faces, err := ParseFaces(data)
	if err != nil {
		return err
	}
	for _, f := range faces {
		f.Family = family
		if d.Style != 0 {
			f.Aspect.Style = d.Style
		}
		if d.Weight != 0 {
			f.Aspect.Weight = d.Weight
		}
		if d.Stretch != 0 {
			f.Aspect.Stretch = d.Stretch
		}
	}
	r.mu.Lock()
	r.faces[key] = append(r.faces[key], faces...)
	r.mu.Unlock()
	r.gen.Add(1)
	return nil
}

// generation changes whenever this registry or one below it changes.
func (r *Registry) generation() uint64 {
	var g uint64
	for p := r; p != nil; p = p.parent {
		g = g*1000003 + p.gen.Load()
	}
	return g
}

// lookup returns the faces registered for a normalised family, nearest
// registry first.
func (r *Registry) lookup(key string) []*Face {
	for p := r; p != nil; p = p.parent {
		p.mu.RLock()
		fs := p.faces[key]
		p.mu.RUnlock()
		if len(fs) > 0 {
			return fs
		}
	}
	return nil
}

// NormalizeFamily folds a family name for matching: case, spaces and
// hyphens do not matter, as in fontconfig (and as the system font index
// stores them).
func NormalizeFamily(s string) string { return font.NormalizeFamily(s) }

// Family is one entry of a CSS family list.
type Family struct {
	Name    string
	Generic bool // an unquoted generic keyword (sans-serif, serif, …)
}

// Query is what the canvas asks for: a family list and an aspect.
type Query struct {
	Families []Family
	Aspect   font.Aspect
	// Key, when set, identifies the query in the resolver cache (callers
	// that cache queries compute it once with QueryKey).
	Key string
}

// QueryKey is the cache key of q.
func QueryKey(q Query) string { q.Key = ""; return q.key() }

func (q Query) key() string {
	if q.Key != "" {
		return q.Key
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(int(q.Aspect.Style)))
	b.WriteByte('/')
	b.WriteString(strconv.FormatFloat(float64(q.Aspect.Weight), 'g', -1, 32))
	b.WriteByte('/')
	b.WriteString(strconv.FormatFloat(float64(q.Aspect.Stretch), 'g', -1, 32))
	for _, f := range q.Families {
		b.WriteByte('|')
		if f.Generic {
			b.WriteByte('*')
		}
		b.WriteString(NormalizeFamily(f.Name))
	}
	return b.String()
}

// Resolver returns the (cached) resolver for q.
func (r *Registry) Resolver(q Query) *Resolver {
	k := q.key()
	gen := r.generation()
	h := maphash.String(resolverSeed, k)
	if e := r.resolvers.load(h); e != nil && e.gen == gen && e.key == k {
		return e.res
	}
	res := r.newResolver(q)
	r.resolvers.store(h, &resolverEntry{key: k, gen: gen, res: res})
	return res
}

// genericFamilies maps CSS generic families to installed families, most
// preferred first. The first entries are what fontconfig answers on Debian,
// which is what Chromium uses there.
var genericFamilies = map[string][]string{
	"sans-serif": {"DejaVu Sans", "Noto Sans", "Liberation Sans", "Nimbus Sans", "Arial", "Helvetica",
		"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback"},
	"serif": {"DejaVu Serif", "Noto Serif", "Liberation Serif", "Nimbus Roman", "Times New Roman",
		"Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"},
	"monospace": {"DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", "Nimbus Mono PS",
		"Noto Sans Mono CJK SC"},
	"emoji": {"Noto Color Emoji", "Noto Emoji"},
	"math":  {"DejaVu Math TeX Gyre", "DejaVu Sans"},
}

func genericList(name string) []string {
	switch NormalizeFamily(name) {
	case "serif", "ui-serif", "fangsong":
		return genericFamilies["serif"]
	case "monospace", "ui-monospace":
		return genericFamilies["monospace"]
	case "emoji":
		return genericFamilies["emoji"]
	case "math":
		return genericFamilies["math"]
	}
	return genericFamilies["sans-serif"]
}

// fallbackFamilies are tried, in order, for characters no listed family
// covers: CJK first since that is what posters need, then emoji and Arabic.
var fallbackFamilies = []string{"Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Color Emoji", "Noto Emoji",
	"Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai",
	"DejaVu Sans", "Noto Sans", "Droid Sans Fallback", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"}

// embedded is the last-resort face (Go Regular, BSD licence) so that a
// machine with no fonts at all still draws Latin text.
var embedded = sync.OnceValue(func() *Face {
	f, err := ParseFace(goregular.TTF, 0)
	if err != nil {
		return nil
	}
	return f
})
