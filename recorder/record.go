package recorder

import (
	"context"
	"errors"

	"github.com/seed92233726/mediad/canvas"
)

// Record is the whole MediaRecorder cycle for Go callers: it records frames frames of
// c, calling draw(i) before capturing frame i, with src (may be nil) as soundtrack,
// and returns the finished file. Cancelling ctx between frames abandons the file.
// Recording stops early, with the frames so far, if Duration is reached first.
func Record(ctx context.Context, c *canvas.Canvas, opt Options, frames int, draw func(i int) error, src PCMSource) (Result, error) {
	if frames < 1 {
		return Result{}, invalid("frames %d must be at least 1", frames)
	}
	m, err := NewMediaRecorder(c, opt)
	if err != nil {
		return Result{}, err
	}
	defer m.Destroy()
	if err := m.AttachAudio(src); err != nil {
		return Result{}, err
	}
	if err := m.Start(); err != nil {
		return Result{}, err
	}
	for i := 0; i < frames && m.state == stateRecording; i++ {
		if err := ctx.Err(); err != nil {
			return Result{}, err // Destroy removes the unfinished file
		}
		var derr error
		if err := m.RequestFrame(func() {
			if draw != nil {
				derr = draw(i)
			}
		}); err != nil {
			return Result{}, err
		}
		if derr != nil {
			return Result{}, errors.Join(errors.New("recorder: draw failed"), derr)
		}
	}
	return m.Stop()
}
