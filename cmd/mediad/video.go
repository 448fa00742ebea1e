package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/seed92233726/mediad/video"
)

func init() {
	register(command{
		name:    "video",
		summary: "video tools: info, frame (cover image)",
		run:     runVideo,
	})
}

var videoSubcommands = []struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}{
	{"info", "print wx.getVideoInfo fields as JSON", runVideoInfo},
	{"frame", "write the frame shown at -at MS as JPEG or PNG", runVideoFrame},
	{"compress", "transcode smaller to H.264/AAC MP4 (wx.compressVideo)", runVideoCompress},
	{"merge", "mux tracks of several files into one MP4 (MediaContainer)", runVideoMerge},
}

func runVideo(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, "Usage: mediad video <info|frame|compress|merge> [flags] VIDEO...")
		for _, s := range videoSubcommands {
			fmt.Fprintf(stderr, "  %-6s %s\n", s.name, s.summary)
		}
		if len(args) == 0 {
			return usageError{"missing subcommand"}
		}
		return nil
	}
	for _, s := range videoSubcommands {
		if s.name == args[0] {
			return s.run(args[1:], stdout, stderr)
		}
	}
	return usageError{fmt.Sprintf("unknown subcommand %q (info, frame, compress, merge)", args[0])}
}

func runVideoInfo(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("video info", "VIDEO", stderr)
	input, err := oneVideoInput(fs, args)
	if err != nil {
		return err
	}
	info, err := video.Info(input)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(info)
}

func runVideoFrame(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("video frame", "[-at MS] [-quality Q] [-format jpeg|png] -o OUT VIDEO", stderr)
	at := fs.Int64("at", 0, "time of the frame in milliseconds")
	out := fs.String("o", "", "output file (- for standard output)")
	format := fs.String("format", "", "jpeg or png (default: from the -o extension, else jpeg)")
	quality := fs.Int("quality", 90, "JPEG quality 1..100")
	input, err := oneVideoInput(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageError{"missing -o OUT"}
	}
	if *at < 0 {
		return usageError{"-at must be >= 0"}
	}
	if *quality < 1 || *quality > 100 {
		return usageError{"-quality must be 1..100"}
	}
	f := strings.ToLower(*format)
	if f == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".png":
			f = "png"
		default:
			f = "jpeg"
		}
	}
	if f == "jpg" {
		f = "jpeg"
	}
	if f != "jpeg" && f != "png" {
		return usageError{fmt.Sprintf("unknown -format %q (jpeg, png)", *format)}
	}
	img, err := video.FrameAt(input, *at)
	if err != nil {
		return err
	}
	return writeImage(*out, stdout, img, f, *quality)
}

func writeImage(out string, stdout io.Writer, img image.Image, format string, quality int) error {
	var w io.Writer = stdout
	var file *os.File
	if out != "-" {
		var err error
		if file, err = os.Create(out); err != nil {
			return err
		}
		w = file
	}
	bw := bufio.NewWriter(w)
	var err error
	if format == "png" {
		err = png.Encode(bw, img)
	} else {
		err = jpeg.Encode(bw, img, &jpeg.Options{Quality: quality})
	}
	if err == nil {
		err = bw.Flush()
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}
	return err
}

func runVideoCompress(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("video compress", "(-quality low|medium|high | -bitrate KBPS -fps N -resolution R) -o OUT.mp4 VIDEO", stderr)
	quality := fs.String("quality", "", "preset low|medium|high (overrides the three flags below)")
	bitrate := fs.Float64("bitrate", 0, "target video bitrate in kbps")
	fps := fs.Float64("fps", 0, "target frame rate")
	resolution := fs.Float64("resolution", 0, "scale of the source size, in (0, 1]")
	out := fs.String("o", "", "output MP4 file")
	input, err := oneVideoInput(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageError{"missing -o OUT"}
	}
	opt := video.CompressOptions{Quality: *quality, Bitrate: *bitrate, Fps: *fps, Resolution: *resolution}
	bar := progressBar(stderr, "compress")
	opt.Progress = bar
	if *quality == "" && (*bitrate <= 0 || *fps <= 0 || *resolution <= 0 || *resolution > 1) {
		return usageError{"give -quality, or -bitrate > 0, -fps > 0 and -resolution in (0, 1]"}
	}
	size, err := video.CompressTo(context.Background(), input, *out, opt)
	endProgress(stderr, bar)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(video.CompressResult{TempFilePath: *out, Size: size})
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runVideoMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("video merge", "[-video SRC] [-audio SRC]... [-volumes V,V...] -o OUT.mp4", stderr)
	videoSrc := fs.String("video", "", "file whose video track goes into the output")
	var audio stringList
	fs.Var(&audio, "audio", "file whose audio track goes into the output (repeatable)")
	volumes := fs.String("volumes", "", "comma-separated volume per -audio, in order (default 1 each)")
	out := fs.String("o", "", "output MP4 file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected arguments: %s (name inputs with -video and -audio)", strings.Join(fs.Args(), " "))}
	}
	if *out == "" {
		return usageError{"missing -o OUT"}
	}
	if *videoSrc == "" && len(audio) == 0 {
		return usageError{"nothing to merge: give -video and/or -audio"}
	}
	vols := make([]float64, len(audio))
	for i := range vols {
		vols[i] = 1
	}
	if *volumes != "" {
		parts := strings.Split(*volumes, ",")
		if len(parts) != len(audio) {
			return usageError{fmt.Sprintf("-volumes has %d values for %d -audio inputs", len(parts), len(audio))}
		}
		for i, p := range parts {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return usageError{fmt.Sprintf("bad volume %q", p)}
			}
			vols[i] = v
		}
	}
	c := video.NewMediaContainer()
	defer c.Destroy()
	add := func(src, kind string, volume float64) error {
		tracks, err := c.ExtractDataSource(src)
		if err != nil {
			return err
		}
		for _, t := range tracks {
			if t.Kind == kind {
				t.Volume = volume
				return c.AddTrack(t)
			}
		}
		return fmt.Errorf("%s has no %s track", src, kind)
	}
	if *videoSrc != "" {
		if err := add(*videoSrc, video.KindVideo, 1); err != nil {
			return err
		}
	}
	for i, a := range audio {
		if err := add(a, video.KindAudio, vols[i]); err != nil {
			return err
		}
	}
	bar := progressBar(stderr, "merge")
	c.OnProgress(bar)
	err := c.ExportTo(context.Background(), *out)
	endProgress(stderr, bar)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(map[string]string{"tempFilePath": *out})
}

// progressBar returns a callback drawing a one-line bar on w when w is a terminal, and
// nil otherwise (pipes and logs get no carriage-return noise).
func progressBar(w io.Writer, label string) func(float64) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	const width = 30
	return func(frac float64) {
		n := int(frac * width)
		fmt.Fprintf(w, "\r%s [%s%s] %3.0f%%", label, strings.Repeat("#", n), strings.Repeat(".", width-n), frac*100)
	}
}

func endProgress(w io.Writer, bar func(float64)) {
	if bar != nil {
		fmt.Fprintln(w)
	}
}
