package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInfo(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fixture := func(name string) string { return filepath.Join("..", "..", "codec", "testdata", name) }
	jpeg, err := os.ReadFile(fixture("jpeg_exif6_be.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderrRE string // substring of the single stderr line
	}{
		{"jpeg rotated: stored size, orientation named", []string{fixture("jpeg_exif6_be.jpg")}, 0,
			`{"width":37,"height":23,"type":"jpeg","orientation":"right"}` + "\n", ""},
		{"png", []string{fixture("png_exif3.png")}, 0, `{"width":37,"height":23,"type":"png","orientation":"down"}` + "\n", ""},
		{"gif", []string{fixture("gif_anim.gif")}, 0, `{"width":8,"height":6,"type":"gif","orientation":"up"}` + "\n", ""},
		{"webp", []string{fixture("webp_exif5.webp")}, 0, `{"width":37,"height":23,"type":"webp","orientation":"left-mirrored"}` + "\n", ""},
		{"bmp", []string{fixture("bmp_24.bmp")}, 0, `{"width":37,"height":23,"type":"bmp","orientation":"up"}` + "\n", ""},
		{"tiff", []string{fixture("tiff_gray_exif7.tiff")}, 0, `{"width":37,"height":23,"type":"tiff","orientation":"right-mirrored"}` + "\n", ""},
		{"file name does not matter", []string{write("photo.png", jpeg)}, 0,
			`{"width":37,"height":23,"type":"jpeg","orientation":"right"}` + "\n", ""},
		{"heic names the format", []string{write("a.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"))}, 1, "",
			"a.heic: codec: heic: unsupported format"},
		{"text", []string{write("a.jpg", []byte("not an image at all"))}, 1, "", "codec: unsupported format: unrecognised data"},
		{"truncated", []string{write("cut.jpg", jpeg[:40])}, 1, "", "codec: jpeg: corrupt image data"},
		{"missing file", []string{filepath.Join(dir, "nope.jpg")}, 1, "", "no such file or directory"},
		{"no argument", nil, 2, "", "expects exactly one FILE"},
		{"two arguments", []string{"a", "b"}, 2, "", "expects exactly one FILE"},
		{"unknown flag", []string{"-x", "a"}, 2, "", "flag provided but not defined"},
		{"help", []string{"-h"}, 0, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := dispatch(append([]string{"info"}, tc.args...), &out, &errb)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errb.String())
			}
			if out.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", out.String(), tc.stdout)
			}
			if tc.stderrRE == "" {
				return
			}
			lines := strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n")
			last := lines[len(lines)-1]
			if !strings.Contains(last, tc.stderrRE) || !strings.HasPrefix(last, "mediad info: ") {
				t.Errorf("stderr %q, want one line containing %q", errb.String(), tc.stderrRE)
			}
			if tc.code == 1 && len(lines) != 1 {
				t.Errorf("stderr has %d lines, want 1: %q", len(lines), errb.String())
			}
		})
	}
}
