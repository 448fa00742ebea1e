package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	mimage "github.com/seed92233726/mediad/image"
)

func init() {
	register(command{
		name:    "crop",
		summary: "crop an image to an aspect ratio or a rectangle (wx.cropImage)",
		run:     runCrop,
	})
}

func runCrop(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("crop", "(-scale 16:9 | -rect x,y,w,h) [-quality 80] -o OUT INPUT", stderr)
	scale := fs.String("scale", "", "aspect ratio W:H of the largest crop (16:9, 9:16, 4:3, 3:4, 5:4, 4:5, 1:1, any W:H)")
	rect := fs.String("rect", "", "explicit rectangle x,y,w,h of the upright image")
	gravity := fs.String("gravity", "centre", "where a -scale crop sits: centre, north, south, east, west, northeast, northwest, southeast, southwest, attention")
	quality := fs.Int("quality", mimage.DefaultQuality, "JPEG/WebP quality 1..100")
	format := fs.String("format", "", "output format jpeg|png|webp (default: jpeg, or png/webp for images with transparency)")
	out := fs.String("o", "", "output file (- for standard output)")
	input, err := parseOneInput(fs, args)
	if err != nil {
		return err
	}
	if err := checkOutputFlags(*out, *format, *quality); err != nil {
		return err
	}
	opts := mimage.CropOptions{
		Output:  mimage.Output{Quality: *quality, Format: formatFlag(*format)},
		Scale:   *scale,
		Gravity: mimage.Gravity(*gravity),
	}
	if *rect != "" {
		r, err := parseRect(*rect)
		if err != nil {
			return err
		}
		opts.Rect = &r
	}
	if opts.Scale == "" && opts.Rect == nil {
		return usageError{"give -scale W:H or -rect x,y,w,h"}
	}
	src, err := openInput(input)
	if err != nil {
		return err
	}
	defer src.Close()
	res, err := mimage.Crop(src, opts)
	if err != nil {
		return err
	}
	return writeResult(*out, res, stdout)
}

func parseRect(s string) (mimage.Rect, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return mimage.Rect{}, usageError{fmt.Sprintf("-rect %q: want x,y,w,h", s)}
	}
	var v [4]int
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return mimage.Rect{}, usageError{fmt.Sprintf("-rect %q: %q is not an integer", s, p)}
		}
		v[i] = n
	}
	return mimage.Rect{X: v[0], Y: v[1], Width: v[2], Height: v[3]}, nil
}
