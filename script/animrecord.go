package script

import (
	"errors"
	"fmt"

	"github.com/seed92233726/mediad/recorder"
)

// animRecording records the first canvas as requestAnimationFrame draws it (what
// `mediad run -o out.mp4` saves): after each animation frame, one video frame
// for every 1/FPS of the virtual clock that has passed, so the video plays at
// the speed a 60 Hz display would have shown.
type animRecording struct {
	opt   recorder.Options
	audio recorder.PCMSource // the soundtrack, or nil
	m     *recorder.MediaRecorder
	next  float64 // virtual time (ms) of the next video frame
	done  bool    // Duration reached: the recorder stopped itself
	res   recorder.Result
}

// RecordAnimation makes the following runs record the first canvas the script
// creates, sampled on the animation clock at opt.FPS (default 24) until
// opt.Duration (default 600 s, at least 5 s), when the run ends. FinishRecording
// then returns the file, in opt.TempDir.
func (r *Runtime) RecordAnimation(opt recorder.Options) error {
	if r.anim != nil {
		return errors.New("script: already recording")
	}
	if opt.FPS == 0 {
		opt.FPS = recorder.DefaultFPS
	}
	r.anim = &animRecording{opt: opt}
	return nil
}

// RecordAnimationAudio sets the soundtrack of the animation recording (nil
// removes it); the recording must be mp4. The caller keeps src open until
// FinishRecording returns, and closes it.
func (r *Runtime) RecordAnimationAudio(src recorder.PCMSource) error {
	if r.anim == nil {
		return errors.New("script: not recording")
	}
	if r.anim.m != nil {
		return errors.New("script: the animation recording has started")
	}
	if src != nil && r.anim.opt.Format != "" && r.anim.opt.Format != "mp4" {
		return fmt.Errorf("script: format %q cannot carry audio; use mp4", r.anim.opt.Format)
	}
	r.anim.audio = src
	return nil
}

// RecordedFrames is how many frames the animation recording holds so far.
func (r *Runtime) RecordedFrames() int64 {
	if r.anim == nil || r.anim.m == nil {
		return 0
	}
	if r.anim.done {
		return r.anim.res.Frames
	}
	return r.anim.m.Stats().Frames
}

// FinishRecording stops the animation recording and returns its file. It fails
// when no animation frame was drawn on a canvas.
func (r *Runtime) FinishRecording() (recorder.Result, error) {
	a := r.anim
	if a == nil {
		return recorder.Result{}, errors.New("script: not recording")
	}
	r.anim = nil
	if a.m == nil {
		return recorder.Result{}, errors.New("script: no animation frame was drawn on a canvas")
	}
	if a.done {
		return a.res, nil
	}
	res, err := a.m.Stop()
	if err != nil {
		a.m.Destroy()
		return recorder.Result{}, err
	}
	return res, nil
}

// captureAnimation runs after each animation frame.
func (r *Runtime) captureAnimation() error {
	a := r.anim
	if a == nil || a.done {
		return nil
	}
	clock := r.loop.frameClock
	if a.m == nil {
		if r.firstCanvas == nil {
			return nil
		}
		m, err := recorder.NewMediaRecorder(&r.firstCanvas.c.Canvas, a.opt)
		if err != nil {
			return err
		}
		// At Duration the recorder stops itself, within RequestFrame.
		if _, err := m.On(recorder.EventStop, func(e recorder.Event) { a.done, a.res = true, e.Result }); err != nil {
			return err
		}
		if err := m.AttachAudio(a.audio); err != nil {
			m.Destroy()
			return err
		}
		if err := m.Start(); err != nil {
			m.Destroy()
			return err
		}
		a.m = m
		a.next = clock
	}
	step := 1000 / float64(a.m.Options().FPS)
	for !a.done && a.next <= clock {
		if err := a.m.RequestFrame(nil); err != nil {
			return fmt.Errorf("recording the animation: %w", err)
		}
		a.next += step
	}
	return nil
}
