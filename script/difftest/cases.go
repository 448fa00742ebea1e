package difftest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Tolerance bounds how far mediad may be from Chromium on one case.
type Tolerance struct {
	Interior int // max premultiplied channel difference anywhere
	Edge     int // cap of the contrast-based allowance on edges
	Fail     int // pixels allowed beyond their limit
}

// DefaultTolerance is used unless a case's header says otherwise.
var DefaultTolerance = Tolerance{Interior: 3, Edge: 72, Fail: 4}

// EdgeStep is the local contrast (in levels) over which a pixel counts as an
// edge pixel in reports; smooth gradients change far less than this per pixel.
const EdgeStep = 24

// Case is one differential case.
type Case struct {
	Name          string // file name without .js
	Width, Height int
	Check         string // what the case covers
	Tol           Tolerance
	Body          string // function body of (canvas, ctx)
}

// maxCaseSide keeps a case small: the suite runs every case twice per test run.
const maxCaseSide = 512

// Load reads every *.js case in dir, sorted by name.
func Load(dir string) ([]Case, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.js"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	cases := make([]Case, 0, len(paths))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		c, err := Parse(strings.TrimSuffix(filepath.Base(p), ".js"), string(src))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// Parse reads a case's header comments.
func Parse(name, src string) (Case, error) {
	c := Case{Name: name, Body: src, Tol: DefaultTolerance}
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "//") {
			break
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "//"))
		key, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		switch strings.TrimSuffix(key, ":") {
		case "size":
			w, h, ok := strings.Cut(rest, "x")
			var err1, err2 error
			c.Width, err1 = strconv.Atoi(w)
			c.Height, err2 = strconv.Atoi(h)
			if !ok || err1 != nil || err2 != nil || c.Width <= 0 || c.Height <= 0 || c.Width > maxCaseSide || c.Height > maxCaseSide {
				return c, fmt.Errorf("bad size %q", rest)
			}
		case "check":
			c.Check = rest
		case "tolerance":
			for _, f := range strings.Fields(rest) {
				k, v, _ := strings.Cut(f, "=")
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 {
					return c, fmt.Errorf("bad tolerance %q", f)
				}
				switch k {
				case "interior":
					c.Tol.Interior = n
				case "edge":
					c.Tol.Edge = n
				case "fail":
					c.Tol.Fail = n
				default:
					return c, fmt.Errorf("unknown tolerance %q", k)
				}
			}
		}
	}
	if c.Width == 0 {
		return c, fmt.Errorf("missing '// size WxH' header")
	}
	if c.Check == "" {
		return c, fmt.Errorf("missing '// check:' header")
	}
	return c, nil
}
