package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

func TestEditCommand(t *testing.T) {
	runCLICases(t, []cliCase{
		{name: "rotate", args: []string{"edit", "-ops", `[{"op":"rotate","degrees":90}]`, "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 300, h: 400},
		{name: "resize and crop", args: []string{"edit", "-ops", `[{"op":"resize","width":200},{"op":"crop","scale":"1:1"}]`, "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 150, h: 150},
		{name: "no ops re-encodes", args: []string{"edit", "-format", "png", "-o", "OUT", "IN"}, wantFmt: codec.PNG, w: 400, h: 300},
		{name: "format alias and quality", args: []string{"edit", "-format", "jpg", "-quality", "60", "-ops", `[{"op":"blur","sigma":1}]`, "-o", "OUT", "IN"}, wantFmt: codec.JPEG, w: 400, h: 300},
		{name: "flags after input", args: []string{"edit", "IN", "-ops=[{\"op\":\"flip\",\"direction\":\"horizontal\"}]", "-format", "webp", "-o", "OUT"}, wantFmt: codec.WebP, w: 400, h: 300},
		{name: "missing output", args: []string{"edit", "IN"}, code: 2, stderrHas: "-o"},
		{name: "bad quality", args: []string{"edit", "-quality", "0", "-o", "OUT", "IN"}, code: 2, stderrHas: "-quality"},
		{name: "bad format", args: []string{"edit", "-format", "bmp", "-o", "OUT", "IN"}, code: 2, stderrHas: "-format"},
		{name: "ops not an array", args: []string{"edit", "-ops", `{"op":"rotate"}`, "-o", "OUT", "IN"}, code: 2, stderrHas: "-ops"},
		{name: "misspelt op member", args: []string{"edit", "-ops", `[{"op":"rotate","degree":90}]`, "-o", "OUT", "IN"}, code: 2, stderrHas: "degree"},
		{name: "unknown op", args: []string{"edit", "-ops", `[{"op":"twirl"}]`, "-o", "OUT", "IN"}, code: 1, stderrHas: "ops[0].op"},
		{name: "bad rotation", args: []string{"edit", "-ops", `[{"op":"rotate","degrees":45}]`, "-o", "OUT", "IN"}, code: 1, stderrHas: "degrees"},
		{name: "no such file", args: []string{"edit", "-o", "OUT", "IN.missing"}, code: 1, stderrHas: "no such file"},
	})
}

func TestEditOpsFile(t *testing.T) {
	dir := t.TempDir()
	in := testJPEG(t, dir, 120, 80)
	opsFile := filepath.Join(dir, "ops.json")
	if err := os.WriteFile(opsFile, []byte(`[{"op":"rotate","degrees":270},{"op":"brightness","value":1.2}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, form := range [][]string{{"-ops", "@" + opsFile}, {"-ops=@" + opsFile}, {"--ops", "@" + opsFile}} {
		out := filepath.Join(t.TempDir(), "out.jpg")
		var so, se bytes.Buffer
		args := append(append([]string{"edit"}, form...), "-o", out, in)
		if code := dispatch(args, &so, &se); code != 0 {
			t.Fatalf("%v: exit %d: %s", form, code, se.String())
		}
		if !strings.Contains(so.String(), "80x120") {
			t.Errorf("%v: %q", form, so.String())
		}
	}
	var so, se bytes.Buffer
	if code := dispatch([]string{"edit", "-ops", "@" + filepath.Join(dir, "missing.json"), "-o", filepath.Join(dir, "x"), in}, &so, &se); code == 0 {
		t.Error("a missing ops file was accepted")
	}
}

func TestExpandOpsFile(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"plain value untouched", []string{"-ops", "[]", "x"}, []string{"-ops", "[]", "x"}},
		{"equals form split", []string{"-ops=[]"}, []string{"-ops", "[]"}},
		{"after --", []string{"--", "-ops=@nofile"}, []string{"--", "-ops=@nofile"}},
		{"other flags", []string{"-o", "@x", "in"}, []string{"-o", "@x", "in"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := expandOpsFile(tc.in)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
