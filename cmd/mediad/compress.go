package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/seed92233726/mediad/codec"
	mimage "github.com/seed92233726/mediad/image"
)

func init() {
	register(command{
		name:    "compress",
		summary: "re-encode an image smaller (wx.compressImage)",
		run:     runCompress,
	})
}

func runCompress(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compress", "[-quality 80] [-width W] [-height H] [-format jpeg|png|webp] -o OUT INPUT", stderr)
	quality := fs.Int("quality", mimage.DefaultQuality, "JPEG/WebP quality 1..100")
	width := fs.Int("width", 0, "output width in pixels (0: follow the height's aspect ratio)")
	height := fs.Int("height", 0, "output height in pixels (0: follow the width's aspect ratio)")
	format := fs.String("format", "", "output format jpeg|png|webp (default: jpeg, or png/webp for images with transparency)")
	out := fs.String("o", "", "output file (- for standard output)")
	input, err := parseOneInput(fs, args)
	if err != nil {
		return err
	}
	if err := checkOutputFlags(*out, *format, *quality); err != nil {
		return err
	}
	src, err := openInput(input)
	if err != nil {
		return err
	}
	defer src.Close()
	res, err := mimage.Compress(src, mimage.CompressOptions{
		Output:          mimage.Output{Quality: *quality, Format: formatFlag(*format)},
		CompressedWidth: *width, CompressedHeight: *height,
	})
	if err != nil {
		return err
	}
	return writeResult(*out, res, stdout)
}

// parseOneInput parses flags that may appear before or after the single INPUT argument.
func parseOneInput(fs *flag.FlagSet, args []string) (string, error) {
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
		return "", usageError{"missing INPUT"}
	case 1:
		return pos[0], nil
	}
	return "", usageError{fmt.Sprintf("expected one INPUT, got %d: %s", len(pos), strings.Join(pos, " "))}
}

func checkOutputFlags(out, format string, quality int) error {
	if out == "" {
		return usageError{"missing -o OUT"}
	}
	switch strings.ToLower(format) {
	case "", "jpeg", "jpg", "png", "webp":
	default:
		return usageError{fmt.Sprintf("-format %q: must be jpeg, png or webp", format)}
	}
	if quality < 1 || quality > 100 {
		return usageError{"-quality " + strconv.Itoa(quality) + ": must be between 1 and 100"}
	}
	return nil
}

func openInput(name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), nil
	}
	return os.Open(name)
}

// writeResult writes the encoded image, via a temporary file renamed into place so a
// failed run never leaves a half-written OUT, and prints a one-line summary.
func writeResult(out string, res mimage.Result, stdout io.Writer) error {
	if out == "-" {
		_, err := io.Copy(stdout, bytes.NewReader(res.Data))
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, res.Data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return err
	}
	fmt.Fprintf(stdout, "%s: %s %dx%d, %d bytes\n", out, res.Format, res.Width, res.Height, len(res.Data))
	return nil
}

func formatFlag(s string) codec.Format {
	s = strings.ToLower(s)
	if s == "jpg" {
		s = "jpeg"
	}
	return codec.Format(s)
}
