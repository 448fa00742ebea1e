package recorder

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
)

// FuzzReaderSource feeds arbitrary bytes, in arbitrary read sizes, through the
// raw-PCM parser: it must return exactly the whole frames, then io.EOF or the
// stray-bytes error, and never panic.
func FuzzReaderSource(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8}, uint8(2), false, uint8(3))
	f.Add([]byte{0xff, 0x7f, 0x00, 0x80, 0x01}, uint8(1), true, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, channels uint8, float bool, dstFrames uint8) {
		ch := int(channels%8) + 1
		enc, width := S16LE, 2
		if float {
			enc, width = F32LE, 4
		}
		var r io.Reader = bytes.NewReader(data)
		if len(data)%2 == 1 {
			r = iotest.HalfReader(r)
		}
		src, err := NewReaderSource(r, 8000, ch, enc)
		if err != nil {
			t.Fatal(err)
		}
		dst := make([]float32, (int(dstFrames)%64+1)*ch)
		total := 0
		for i := 0; ; i++ {
			n, err := src.ReadPCM(dst)
			if n%ch != 0 || n > len(dst) {
				t.Fatalf("read %d samples into %d with %d channels", n, len(dst), ch)
			}
			total += n
			if err == io.EOF {
				break
			}
			if err != nil {
				if len(data)%(width*ch) == 0 {
					t.Fatalf("error %v on whole frames", err)
				}
				break
			}
			if i > len(data)+2 {
				t.Fatal("no progress")
			}
		}
		if want := len(data) / (width * ch) * ch; total != want {
			t.Fatalf("%d samples from %d bytes, want %d", total, len(data), want)
		}
	})
}
