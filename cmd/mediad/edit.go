package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/seed92233726/mediad/codec"
	mimage "github.com/seed92233726/mediad/image"
	"github.com/seed92233726/mediad/server"
)

func init() {
	register(command{
		name:    "edit",
		summary: "apply a list of edits to an image: rotate, flip, resize, crop, brightness, blur … (wx.editImage)",
		run:     runEdit,
	})
}

// runEdit's flags come from the edit operation's declaration in package server, so
// the CLI accepts exactly what POST /v1/image/edit accepts, with the same checks.
func runEdit(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("edit", `-ops '[{"op":"rotate","degrees":90}, …]' [-quality 80] [-format jpeg|png|webp] -o OUT INPUT`+
		"\n\n-ops @FILE reads the list from a file. Operations: rotate {degrees}, flip {direction}, resize {width,height},\n"+
		"crop {rect:{x,y,width,height} | scale, gravity}, brightness|contrast|saturation {value}, blur {sigma}, sharpen {sigma,value},\n"+
		"watermark {text, font, color | image (base64), width, height; opacity, gravity, margin}.\n", stderr)
	op := server.Lookup("edit")
	opArgs := op.Flags(fs)
	out := fs.String("o", "", "output file (- for standard output)")
	args, err := expandOpsFile(args)
	if err != nil {
		return err
	}
	input, err := parseOneInput(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageError{"missing -o OUT"}
	}
	a, err := opArgs()
	if err != nil {
		return usageError{"-" + err.Error()}
	}
	var ops []mimage.EditOp
	if raw := a.Raw("ops"); len(raw) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ops); err != nil {
			return usageError{fmt.Sprintf("-ops: %v", err)}
		}
	}
	src, err := openInput(input)
	if err != nil {
		return err
	}
	defer src.Close()
	res, err := mimage.Edit(src, mimage.EditOptions{
		Output: mimage.Output{Quality: a.Int("quality"), Format: codec.Format(a.String("format")), Filter: a.String("filter")},
		Ops:    ops,
	})
	if err != nil {
		return err
	}
	return writeResult(*out, res, stdout)
}

// expandOpsFile replaces "-ops @FILE" (and -ops=@FILE) with the file's contents.
func expandOpsFile(args []string) ([]string, error) {
	out := append([]string(nil), args...)
	for i := 0; i < len(out); i++ {
		a := out[i]
		if a == "--" {
			break
		}
		name := strings.TrimLeft(a, "-")
		if len(a) == len(name) {
			continue
		}
		var val *string
		switch {
		case name == "ops" && i+1 < len(out):
			val = &out[i+1]
			i++
		case strings.HasPrefix(name, "ops="):
			v := strings.TrimPrefix(name, "ops=")
			out[i] = "-ops"
			out = append(out[:i+1], append([]string{v}, out[i+1:]...)...)
			val = &out[i+1]
			i++
		}
		if val != nil && strings.HasPrefix(*val, "@") {
			b, err := os.ReadFile((*val)[1:])
			if err != nil {
				return nil, err
			}
			*val = string(b)
		}
	}
	return out, nil
}
