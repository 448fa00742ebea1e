package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
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
}

func runVideo(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, "Usage: mediad video <info|frame> [flags] VIDEO")
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
	return usageError{fmt.Sprintf("unknown subcommand %q (info, frame)", args[0])}
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
