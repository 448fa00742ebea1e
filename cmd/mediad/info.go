package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/seed92233726/mediad/codec"
)

func init() {
	register(command{
		name:    "info",
		summary: "print an image's stored size, type and EXIF orientation as JSON (wx.getImageInfo)",
		run:     runInfo,
	})
}

// imageInfo is the JSON line `mediad info` prints; field names and values follow
// wx.getImageInfo, whose width and height ignore the EXIF rotation.
type imageInfo struct {
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	Type        string `json:"type"`
	Orientation string `json:"orientation"`
}

func runInfo(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("info", "FILE   (- reads standard input)", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"expects exactly one FILE"}
	}
	name := fs.Arg(0)
	var r io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err // *PathError already names the file
		}
		defer f.Close()
		r = f
	}
	// Headers only: no pixel buffer is allocated whatever size the file claims.
	c, err := codec.DecodeConfig(r)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	line, err := json.Marshal(imageInfo{Width: c.Width, Height: c.Height, Type: string(c.Format), Orientation: c.Orientation.String()})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", line)
	return err
}
