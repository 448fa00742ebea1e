package script

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
)

// The file names a script sees. Temp files and the user data directory are
// opaque wxfile:// names, as on a phone, so a script never learns (or needs)
// where the host keeps them; every other path is a code-package path, looked up
// read-only in the script's own directory and then in Options.AllowDirs.
const (
	userDataPath = "wxfile://usr"
	tempPrefix   = "wxfile://tmp/"
	userPrefix   = userDataPath + "/"
)

// DefaultMaxFileBytes bounds one file a script reads or writes when
// Options.MaxFileBytes is zero; DefaultMaxUserData bounds all it writes.
const (
	DefaultMaxFileBytes = 64 << 20
	DefaultMaxUserData  = 128 << 20
)

// Errors of the file layer, reported to scripts in their errMsg.
var (
	errNoSuchFile   = errors.New("no such file or directory")
	errPermission   = errors.New("permission denied")
	errFileTooLarge = errors.New("file too large")
	errQuota        = errors.New("the maximum size of the user data directory has been reached")
)

// sandbox is the file system of one runtime: two writable directories it
// creates (temp files and USER_DATA_PATH), removed by Close, and the read-only
// code-package directories. Every access goes through an os.Root, so neither
// "..", absolute paths nor symbolic links reach outside them.
type sandbox struct {
	readOnly []string // script dir, then AllowDirs, as given
	roots    []*os.Root
	rootErr  error

	tmpDir, usrDir   string
	tmpRoot, usrRoot *os.Root
	created          *dirList // directories this runtime made and Close removes

	maxFile    int64
	maxWritten int64
	written    int64

	// reserve charges a read to the runtime's memory limit before the buffer
	// exists (it throws past the limit).
	reserve func(n int64)
}

func newSandbox(opts Options) *sandbox {
	s := &sandbox{maxFile: opts.MaxFileBytes, maxWritten: opts.MaxUserDataBytes, created: &dirList{}}
	if s.maxFile <= 0 {
		s.maxFile = DefaultMaxFileBytes
	}
	if s.maxWritten <= 0 {
		s.maxWritten = DefaultMaxUserData
	}
	s.tmpDir, s.usrDir = opts.TempDir, opts.UserDataDir
	if opts.ScriptDir != "" {
		s.readOnly = append(s.readOnly, opts.ScriptDir)
	}
	s.readOnly = append(s.readOnly, opts.AllowDirs...)
	return s
}

// setScriptDir adds the directory of the script RunFile runs, first in the
// lookup order, unless it is there already.
func (s *sandbox) setScriptDir(dir string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	for _, d := range s.readOnly {
		if a, _ := filepath.Abs(d); a == abs {
			return
		}
	}
	s.readOnly = append([]string{abs}, s.readOnly...)
	s.closeRoots()
}

func (s *sandbox) closeRoots() {
	for _, r := range s.roots {
		r.Close()
	}
	s.roots, s.rootErr = nil, nil
}

func (s *sandbox) openRoots() []*os.Root {
	if s.roots == nil && s.rootErr == nil {
		for _, d := range s.readOnly {
			r, err := os.OpenRoot(d)
			if err != nil {
				s.rootErr = err
				continue
			}
			s.roots = append(s.roots, r)
		}
	}
	return s.roots
}

// writable returns the root of the temp or user directory, creating it.
func (s *sandbox) writable(user bool) (*os.Root, string, error) {
	dir, root, name := &s.tmpDir, &s.tmpRoot, "tmp"
	if user {
		dir, root, name = &s.usrDir, &s.usrRoot, "usr"
	}
	if *root != nil {
		return *root, *dir, nil
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "mediad-script-"+name+"-")
		if err != nil {
			return nil, "", err
		}
		*dir = d
		s.created.dirs = append(s.created.dirs, d)
	}
	r, err := os.OpenRoot(*dir)
	if err != nil {
		return nil, "", err
	}
	*root = r
	return r, *dir, nil
}

// close releases the roots and removes the directories the sandbox created.
func (s *sandbox) close() error {
	s.closeRoots()
	for _, r := range []*os.Root{s.tmpRoot, s.usrRoot} {
		if r != nil {
			r.Close()
		}
	}
	s.tmpRoot, s.usrRoot = nil, nil
	var errs []error
	for _, d := range s.created.dirs {
		errs = append(errs, os.RemoveAll(d))
	}
	s.created.dirs = nil
	return errors.Join(errs...)
}

// dirList is its own object so that the cleanup below can hold it without
// reaching the Runtime (which would then never be collected).
type dirList struct{ dirs []string }

// removeDirs is the safety net for a Runtime dropped without Close: its
// directories go when it is collected.
func removeDirs(l *dirList) {
	for _, d := range l.dirs {
		os.RemoveAll(d)
	}
}

func (r *Runtime) armCleanup() {
	runtime.AddCleanup(r, removeDirs, r.sandbox.created)
}

// location is where a script path leads: a root and the name inside it.
type location struct {
	root     *os.Root
	name     string
	writable bool
	user     bool // inside USER_DATA_PATH
}

// cleanRel turns the part of a path after its prefix into a name inside a root,
// refusing what would climb out of it (os.Root would refuse it too; the check
// here gives the script a clearer message).
func cleanRel(p string) (string, error) {
	if strings.ContainsRune(p, 0) {
		return "", errNoSuchFile
	}
	c := path.Clean("/" + p)
	if strings.Contains(p, "..") {
		// "a/../b" is fine once cleaned; "../x" is not: Clean of "/"+"../x" hides
		// the climb, so look at the raw segments.
		depth := 0
		for _, seg := range strings.Split(p, "/") {
			switch seg {
			case "..":
				depth--
				if depth < 0 {
					return "", errPermission
				}
			case "", ".":
			default:
				depth++
			}
		}
	}
	c = strings.TrimPrefix(c, "/")
	if c == "" {
		c = "."
	}
	return c, nil
}

// resolve maps a script path to a location. write says the caller wants to
// create or change it: only the user data directory allows that.
func (s *sandbox) resolve(p string, write bool) (location, error) {
	switch {
	case p == userDataPath || strings.HasPrefix(p, userPrefix):
		name, err := cleanRel(strings.TrimPrefix(p, userDataPath))
		if err != nil {
			return location{}, fmt.Errorf("%w: %s", err, clip(p))
		}
		root, _, err := s.writable(true)
		if err != nil {
			return location{}, err
		}
		return location{root: root, name: name, writable: true, user: true}, nil
	case strings.HasPrefix(p, tempPrefix):
		if write {
			return location{}, errPermission
		}
		name, err := cleanRel(strings.TrimPrefix(p, tempPrefix))
		if err != nil {
			return location{}, fmt.Errorf("%w: %s", err, clip(p))
		}
		root, _, err := s.writable(false)
		if err != nil {
			return location{}, err
		}
		return location{root: root, name: name}, nil
	case strings.Contains(p, "://") || strings.HasPrefix(strings.ToLower(p), "data:"):
		return location{}, fmt.Errorf("%w: %s is not a file path", errNoSuchFile, clip(p))
	}
	if write {
		return location{}, fmt.Errorf("%w: only %s is writable", errPermission, userDataPath)
	}
	roots := s.openRoots()
	// An absolute host path under an allowed directory means that file.
	if filepath.IsAbs(p) {
		for i, d := range s.readOnly {
			if i >= len(roots) {
				break
			}
			abs, _ := filepath.Abs(d)
			if rel, err := filepath.Rel(abs, filepath.Clean(p)); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
				if loc, ok := s.lookup(roots[i], rel); ok {
					return loc, nil
				}
			}
		}
	}
	name, err := cleanRel(p)
	if err != nil {
		return location{}, fmt.Errorf("%w: %s", err, clip(p))
	}
	for _, root := range roots {
		if loc, ok := s.lookup(root, name); ok {
			return loc, nil
		}
	}
	return location{}, fmt.Errorf("%w: %s", errNoSuchFile, clip(p))
}

func (s *sandbox) lookup(root *os.Root, name string) (location, bool) {
	if _, err := root.Stat(name); err != nil {
		return location{}, false
	}
	return location{root: root, name: name}, true
}

// readFile reads a whole regular file, at most maxFile bytes.
func (s *sandbox) readFile(p string) ([]byte, error) {
	loc, err := s.resolve(p, false)
	if err != nil {
		return nil, err
	}
	return s.readLoc(loc, p)
}

func (s *sandbox) readLoc(loc location, p string) ([]byte, error) {
	f, err := loc.root.Open(loc.name)
	if err != nil {
		return nil, fsError(err, p)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fsError(err, p)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("illegal operation on a directory: %s", clip(p))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", errPermission, clip(p))
	}
	if st.Size() > s.maxFile {
		return nil, fmt.Errorf("%w: %s has %d bytes (limit %d)", errFileTooLarge, clip(p), st.Size(), s.maxFile)
	}
	if s.reserve != nil {
		s.reserve(st.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, s.maxFile+1))
	if err != nil {
		return nil, fsError(err, p)
	}
	if int64(len(data)) > s.maxFile {
		return nil, fmt.Errorf("%w: %s (limit %d bytes)", errFileTooLarge, clip(p), s.maxFile)
	}
	return data, nil
}

// charge counts n more bytes written into the writable directories.
func (s *sandbox) charge(n int64) error {
	if n > s.maxFile {
		return fmt.Errorf("%w: %d bytes (limit %d)", errFileTooLarge, n, s.maxFile)
	}
	if s.written+n > s.maxWritten {
		return fmt.Errorf("%w (%d bytes)", errQuota, s.maxWritten)
	}
	s.written += n
	return nil
}

// writeTemp stores data as a new temp file named like pattern ("img-*.jpg") and
// returns its script path.
func (s *sandbox) writeTemp(pattern string, data []byte) (string, error) {
	if err := s.charge(int64(len(data))); err != nil {
		return "", err
	}
	_, dir, err := s.writable(false)
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return tempPrefix + filepath.Base(f.Name()), nil
}

// tempDir returns the host directory of temp files, creating it.
func (s *sandbox) tempDir() (string, error) {
	_, dir, err := s.writable(false)
	return dir, err
}

// fsError words an os error the way the file system manager reports it,
// without the host path.
func fsError(err error, p string) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w: %s", errNoSuchFile, clip(p))
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w: %s", errPermission, clip(p))
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("file already exists: %s", clip(p))
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if strings.Contains(pe.Err.Error(), "escapes") || strings.Contains(pe.Err.Error(), "outside") {
			return fmt.Errorf("%w: %s", errPermission, clip(p))
		}
		return fmt.Errorf("%v: %s", pe.Err, clip(p))
	}
	return err
}

// clip shortens a script-supplied string for an error message.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// hostPath returns the host path of a readable regular file, for the libraries
// that open files by name (the video decoders). The path must still lie inside
// its directory once every symbolic link is resolved.
func (s *sandbox) hostPath(p string) (string, error) {
	loc, err := s.resolve(p, false)
	if err != nil {
		return "", err
	}
	dir := loc.root.Name()
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fsError(err, p)
	}
	real, err := filepath.EvalSymlinks(filepath.Join(dir, loc.name))
	if err != nil {
		return "", fsError(err, p)
	}
	if real != realDir && !strings.HasPrefix(real, realDir+string(filepath.Separator)) {
		return "", fmt.Errorf("%w: %s", errPermission, clip(p))
	}
	st, err := os.Stat(real)
	if err != nil {
		return "", fsError(err, p)
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%w: %s is not a regular file", errPermission, clip(p))
	}
	return real, nil
}
