package testmedia

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Spec describes one generated file.
type Spec struct {
	Name string
	// Args go between ffmpeg's global options and the output file: the inputs
	// (usually lavfi sources) and the encoding options.
	Args []string
	Ext  string // output file extension, which also picks the container
	// Encoder must be listed by `ffmpeg -encoders`, "" for none. Checking up front
	// turns a missing optional encoder (libx265, libvpx) into a skip with a clear
	// reason rather than ffmpeg's error output.
	Encoder string
	// From names another Spec whose file is the single input, placed before Args:
	// derived files such as a remux with rotation metadata need a generated file
	// and so are made after the others.
	From string
}

// Set is one test binary's media, generated on first use. The zero value is not
// usable; make one with [New] in a package-level variable.
type Set struct {
	prefix string
	specs  []Spec

	once sync.Once
	dir  string
	err  error             // the temporary directory could not be made
	skip map[string]string // why a file is missing, by name
}

// New returns a Set generating specs into a temporary directory named with prefix.
// Nothing runs until [Set.Path] is first called.
func New(prefix string, specs []Spec) *Set {
	return &Set{prefix: prefix, specs: specs}
}

// HaveFFmpeg skips t when the ffmpeg command is not installed.
func HaveFFmpeg(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg command not installed")
	}
}

// Path returns the path of the named file, generating the whole set the first time.
// It skips t when ffmpeg, the file's encoder or its source file is missing, or when
// ffmpeg failed to make it (with ffmpeg's output as the reason).
func (s *Set) Path(t testing.TB, name string) string {
	t.Helper()
	HaveFFmpeg(t)
	s.once.Do(s.generate)
	if s.err != nil {
		t.Fatalf("test media: %v", s.err)
	}
	if msg, ok := s.skip[name]; ok {
		t.Skipf("%s: %s", name, msg)
	}
	for _, sp := range s.specs {
		if sp.Name == name {
			return s.path(sp)
		}
	}
	t.Fatalf("no test medium named %q", name)
	return ""
}

func (s *Set) path(sp Spec) string {
	return filepath.Join(s.dir, sp.Name+"."+sp.Ext)
}

// generate runs one ffmpeg per file, all at once: the files are tiny, so the cost is
// mostly process start-up and encoder initialisation, which overlap well.
func (s *Set) generate() {
	s.dir, s.err = os.MkdirTemp("", s.prefix)
	if s.err != nil {
		return
	}
	s.skip = map[string]string{}
	encoders, _ := exec.Command("ffmpeg", "-hide_banner", "-encoders").Output()
	var mu sync.Mutex
	run := func(sp Spec, in []string) {
		args := append([]string{"-v", "error", "-y"}, in...)
		args = append(append(args, sp.Args...), s.path(sp))
		if b, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
			mu.Lock()
			s.skip[sp.Name] = string(b)
			mu.Unlock()
		}
	}
	byName := map[string]Spec{}
	var wg sync.WaitGroup
	for _, sp := range s.specs {
		byName[sp.Name] = sp
		if sp.Encoder != "" && !bytes.Contains(encoders, []byte(" "+sp.Encoder+" ")) {
			s.skip[sp.Name] = "encoder " + sp.Encoder + " not available"
			continue
		}
		if sp.From != "" {
			continue
		}
		wg.Go(func() { run(sp, nil) })
	}
	wg.Wait()
	for _, sp := range s.specs {
		if sp.From == "" {
			continue
		}
		src, ok := byName[sp.From]
		switch {
		case !ok:
			s.skip[sp.Name] = "no source medium " + sp.From
		case s.skip[sp.From] != "":
			s.skip[sp.Name] = "source " + sp.From + " not generated"
		default:
			run(sp, []string{"-i", s.path(src)})
		}
	}
}

// Cleanup removes the generated files. Call it from TestMain after m.Run: the
// directory outlives any single test, so t.TempDir cannot own it.
func (s *Set) Cleanup() {
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// ProbeFrames returns the best-effort timestamp of every video frame as ffprobe
// decodes the first video stream, in stream time base.
func ProbeFrames(t testing.TB, path string) (pts []int64) {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	for _, line := range strings.Fields(string(out)) {
		line = strings.Trim(line, ",")
		v, err := strconv.ParseInt(line, 10, 64)
		if err != nil {
			t.Fatalf("ffprobe output %q: %v", line, err)
		}
		pts = append(pts, v)
	}
	return pts
}

// RGBA returns ffmpeg's own RGBA rendering of every frame, concatenated; extra are
// input options placed before -i (such as -noautorotate). Frames are passed through
// unduplicated so the count matches the decoded frames.
func RGBA(t testing.TB, path string, extra ...string) []byte {
	t.Helper()
	args := append([]string{"-v", "error"}, extra...)
	args = append(args, "-i", path, "-f", "rawvideo", "-pix_fmt", "rgba", "-fps_mode", "passthrough", "-")
	out, err := exec.Command("ffmpeg", args...).Output()
	if err != nil {
		t.Fatalf("ffmpeg rgba %s: %v", path, err)
	}
	return out
}
