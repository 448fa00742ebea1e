package video

import (
	"errors"
	"image"
	"io"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// FrameAt returns the picture shown at atMs (from the start of the stream), upright,
// as a cover image. A time past the end yields the last frame.
func FrameAt(path string, atMs int64) (image.Image, error) {
	src, err := openSource(path, sourceOptions{video: true})
	if err != nil {
		return nil, err
	}
	return frameAt(src, atMs)
}

// FrameAtReader is FrameAt for a video read from r (e.g. an upload held in memory).
func FrameAtReader(r io.ReadSeeker, atMs int64) (image.Image, error) {
	src, err := openSourceReader(r, sourceOptions{video: true})
	if err != nil {
		return nil, err
	}
	return frameAt(src, atMs)
}

func frameAt(src *source, atMs int64) (image.Image, error) {
	defer src.close()
	if err := src.seek(max(atMs, 0)); err != nil {
		return nil, err
	}
	for {
		kind, err := src.nextOut()
		if err == io.EOF {
			return nil, errors.New("video: no frame decoded")
		}
		if err != nil {
			return nil, err
		}
		if kind != ffmpeg.MediaVideo {
			continue
		}
		w, h := src.outputSize()
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		if err := src.rgba(img.Pix); err != nil {
			return nil, err
		}
		return img, nil
	}
}
