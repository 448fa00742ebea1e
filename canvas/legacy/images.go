package legacy

import (
	"errors"
	"fmt"
	"image"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/seed92233726/mediad/codec"
)

// ImageLoader resolves the image paths of drawImage and createPattern.
// Implementations decide which paths exist; DirLoader confines them to
// configured directories.
type ImageLoader interface {
	LoadImage(path string) (image.Image, error)
}

// ErrNoImageLoader is returned when an action needs an image and the
// renderer has no ImageLoader.
var ErrNoImageLoader = errors.New("no image loader configured")

// DirLoader loads images from a list of directories, the server's version of
// a mini program's code package. A path is looked up relative to each
// directory in turn ("/img/a.png" and "img/a.png" are the same); nothing
// outside them can be reached, whether through "..", absolute paths or
// symbolic links, because every open goes through an os.Root.
type DirLoader struct {
	roots []*os.Root
	// MaxBytes bounds the size of one image file; 0 means 64 MiB.
	MaxBytes int64
	// MaxPixels bounds width×height of one decoded image; 0 means
	// codec.DefaultMaxPixels.
	MaxPixels int64
}

// NewDirLoader opens the directories. Close releases them.
func NewDirLoader(dirs ...string) (*DirLoader, error) {
	l := &DirLoader{}
	for _, d := range dirs {
		r, err := os.OpenRoot(d)
		if err != nil {
			l.Close()
			return nil, err
		}
		l.roots = append(l.roots, r)
	}
	return l, nil
}

// Close releases the directories.
func (l *DirLoader) Close() error {
	var errs []error
	for _, r := range l.roots {
		errs = append(errs, r.Close())
	}
	l.roots = nil
	return errors.Join(errs...)
}

// LoadImage decodes the image at p with its EXIF orientation applied, as
// browsers draw it.
func (l *DirLoader) LoadImage(p string) (image.Image, error) {
	rel := strings.TrimLeft(path.Clean("/"+p), "/")
	if p == "" || rel == "" || strings.ContainsRune(p, 0) {
		return nil, fmt.Errorf("image %q: %w", p, fs.ErrInvalid)
	}
	for _, r := range l.roots {
		f, err := r.Open(rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("image %q: %w", p, err)
		}
		img, err := l.decode(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("image %q: %w", p, err)
		}
		return img, nil
	}
	return nil, fmt.Errorf("image %q: %w", p, fs.ErrNotExist)
}

func (l *DirLoader) decode(f *os.File) (image.Image, error) {
	max := l.MaxBytes
	if max <= 0 {
		max = 64 << 20
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if st.Size() > max {
		return nil, fmt.Errorf("file larger than %d bytes", max)
	}
	// The limit also holds if the file grows while it is read.
	img, cfg, err := codec.Decode(io.LimitReader(f, max), codec.DecodeOptions{MaxPixels: l.MaxPixels})
	if err != nil {
		return nil, err
	}
	return codec.ApplyOrientation(img, cfg.DisplayOrientation()), nil
}
