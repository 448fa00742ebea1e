package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/seed92233726/mediad/codec"
	"github.com/seed92233726/mediad/codec/ffmpeg"
	"github.com/seed92233726/mediad/video"
)

func (s *Server) prepareVideo(op *Operation) func(*http.Request, []byte) (Args, []byte, int64, error) {
	return func(r *http.Request, body []byte) (Args, []byte, int64, error) {
		a, err := op.ParseQuery(r.URL.Query())
		if err != nil {
			return a, nil, 0, err
		}
		if len(body) == 0 {
			return a, nil, 0, paramError("body", "empty; send the video file as the request body")
		}
		return a, body, 0, nil
	}
}

// videoError maps what probing or decoding an upload fails with. FFmpeg reports
// damaged and unknown files with the same kinds of error, and both are the
// upload's fault, so everything but a missing FFmpeg and a size limit is 422.
func videoError(err error) error {
	switch {
	case errors.Is(err, ffmpeg.ErrNoFFmpeg):
		return newAPIError(http.StatusUnsupportedMediaType, codeUnsupported, "this mediad is built without FFmpeg: no video formats")
	case errors.Is(err, ffmpeg.ErrTooLarge), errors.Is(err, codec.ErrTooLarge):
		return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Message: err.Error(), cause: err}
	}
	return &apiError{Status: http.StatusUnprocessableEntity, Code: codeUndecodable, Message: "video: " + err.Error(), cause: err}
}

func (s *Server) probeVideo(body []byte) (video.VideoInfo, error) {
	info, err := video.InfoReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return info, videoError(err)
	}
	return info, nil
}

func (s *Server) videoInfo(ctx context.Context, a Args, body []byte, out *answer) error {
	info, err := s.probeVideo(body)
	if err != nil {
		return err
	}
	out.pixels = noPixels
	return json.NewEncoder(out.open("application/json", 0, 0)).Encode(info)
}

// videoFrame checks the request's context between probing, decoding and
// encoding; FFmpeg's own steps are not interrupted, but each is one seek and the
// frames up to the one asked for.
func (s *Server) videoFrame(ctx context.Context, a Args, body []byte, out *answer) error {
	info, err := s.probeVideo(body)
	if err != nil {
		return err
	}
	if info.Width == 0 || info.Height == 0 {
		return newAPIError(http.StatusUnprocessableEntity, codeUndecodable, "video: the file has no video stream")
	}
	// The frame buffer is width×height×4 bytes: refuse before decoding.
	if px := int64(info.Width) * int64(info.Height); px > s.cfg.MaxPixels {
		return newAPIError(http.StatusRequestEntityTooLarge, codeTooLarge,
			"video frames are %dx%d (%d pixels); the limit is %d pixels", info.Width, info.Height, px, s.cfg.MaxPixels)
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	img, err := video.FrameAtReader(bytes.NewReader(body), int64(a.Int("at")))
	if err != nil {
		return videoError(err)
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	f := codec.Format(a.String("format"))
	b := img.Bounds()
	out.pixels = int64(b.Dx()) * int64(b.Dy())
	return codec.Encode(out.open("image/"+string(f), b.Dx(), b.Dy()), img, f, codec.EncodeOptions{Quality: a.Int("quality")})
}
