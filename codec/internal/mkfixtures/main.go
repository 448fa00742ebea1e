// Command mkfixtures writes codec's test fixture files (built by package testimg) into a
// directory: go generate ./codec (or make golden) runs it for codec/testdata.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/seed92233726/mediad/codec/internal/testimg"
)

func main() {
	out := flag.String("out", "testdata", "directory to write the fixtures to")
	flag.Parse()
	fx, err := testimg.Fixtures()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkfixtures:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixtures:", err)
		os.Exit(1)
	}
	for _, f := range fx {
		if err := os.WriteFile(filepath.Join(*out, f.Name), f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "mkfixtures:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("mkfixtures: wrote %d files to %s\n", len(fx), *out)
}
