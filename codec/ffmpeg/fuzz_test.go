//go:build cgo && !noffmpeg

package ffmpeg

import (
	"bytes"
	"os"
	"runtime"
	"testing"
	"time"
)

// FuzzOpenReader drives the demux entry point (and the decoders behind it) with
// arbitrary bytes: it must return errors, never crash, hang or leak C objects.
func FuzzOpenReader(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"))
	f.Add([]byte("\x1aE\xdf\xa3\x9fB\x86\x81\x01")) // EBML (webm) header
	f.Add([]byte("RIFF\x24\x00\x00\x00WAVEfmt "))
	for _, name := range []string{"h264", "vp9", "audio"} {
		if _, err := os.Stat("/usr/bin/ffmpeg"); err != nil {
			break
		}
		path := testMedium(f, name)
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := LiveObjects()
		// A hang is a failure too: crash the worker (which saves the input) with the
		// stacks of every goroutine.
		tm := time.AfterFunc(10*time.Second, func() {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic("input took over 10s:\n" + string(buf[:n]))
		})
		defer tm.Stop()
		d, err := OpenReader(bytes.NewReader(data))
		if err == nil {
			decodeLenient(d)
			d.Close()
		}
		if n := LiveObjects() - before; n != 0 {
			t.Fatalf("leaked %d C objects", n)
		}
	})
}
