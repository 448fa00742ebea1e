package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/seed92233726/mediad/video"
)

func init() {
	register(command{
		name:    "decode",
		summary: "decode every frame of a video to RGBA and report counts (timing check)",
		run:     runDecode,
	})
}

// decodeResult is what `mediad decode` prints.
type decodeResult struct {
	Frames     int     `json:"frames"`
	Width      int     `json:"width"`
	Height     int     `json:"height"`
	DurationMs int64   `json:"durationMs"` // media time the frames span (see decodeAll)
	ElapsedMs  int64   `json:"elapsedMs"`  // wall time spent decoding
	FPS        float64 `json:"fps"`        // frames decoded per wall-clock second
}

func runDecode(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("decode", "[-threads N] VIDEO", stderr)
	threads := fs.Int("threads", 0, "decoder threads (0: one per core)")
	input, err := oneVideoInput(fs, args)
	if err != nil {
		return err
	}
	res, err := decodeAll(context.Background(), input, *threads)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	return enc.Encode(res)
}

func decodeAll(ctx context.Context, path string, threads int) (decodeResult, error) {
	var res decodeResult
	d := video.NewVideoDecoder()
	defer d.Remove()
	begin := time.Now()
	if err := d.Start(ctx, video.StartOptions{Source: path, Mode: video.ModeFast, AbortAudio: true, Threads: threads}); err != nil {
		return res, err
	}
	var first, last int64
	for {
		f, err := d.NextFrame(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return res, err
		}
		if res.Frames == 0 {
			first, res.Width, res.Height = f.PkPts, f.Width, f.Height
		}
		last = f.PkPts
		res.Frames++
		f.Release()
	}
	elapsed := time.Since(begin)
	res.ElapsedMs = elapsed.Milliseconds()
	if res.Frames > 0 {
		// The span of the timestamps plus one average frame interval; averaging keeps
		// the per-frame millisecond rounding from showing (30 frames at 30 fps: 1000).
		if res.Frames > 1 {
			span := float64(last - first)
			res.DurationMs = int64(math.Round(span * float64(res.Frames) / float64(res.Frames-1)))
		}
		res.FPS = float64(res.Frames) / elapsed.Seconds()
	}
	return res, nil
}

// oneVideoInput parses flags placed before or after the single VIDEO argument.
func oneVideoInput(fs *flag.FlagSet, args []string) (string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return "", err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	switch len(pos) {
	case 0:
		return "", usageError{"missing VIDEO"}
	case 1:
		return pos[0], nil
	}
	return "", usageError{fmt.Sprintf("expected one VIDEO, got %d: %s", len(pos), strings.Join(pos, " "))}
}
