package codec

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"sync"
	"testing"

	"github.com/seed92233726/mediad/codec/internal/testimg"
)

// Benchmark sizes: 1 MP (1152×864) and 12 MP (4000×3000, a phone photo).
var benchSizes = []struct {
	name string
	w, h int
}{{"1MP", 1152, 864}, {"12MP", 4000, 3000}}

var (
	benchMu     sync.Mutex
	benchPhotos = map[string]*image.RGBA{}
	benchFiles  = map[string][]byte{}
)

func benchPhoto(w, h int) *image.RGBA {
	benchMu.Lock()
	defer benchMu.Unlock()
	k := fmt.Sprint(w, h)
	if m, ok := benchPhotos[k]; ok {
		return m
	}
	m := testimg.Photo(w, h)
	benchPhotos[k] = m
	return m
}

func benchFile(b testing.TB, f Format, opts EncodeOptions, w, h int) []byte {
	src := benchPhoto(w, h)
	benchMu.Lock()
	defer benchMu.Unlock()
	k := fmt.Sprint(f, opts, w, h)
	if d, ok := benchFiles[k]; ok {
		return d
	}
	var buf bytes.Buffer
	if err := Encode(&buf, src, f, opts); err != nil {
		b.Fatal(err)
	}
	benchFiles[k] = buf.Bytes()
	return buf.Bytes()
}

func reportMPix(b *testing.B, w, h int) {
	b.ReportMetric(float64(w)*float64(h)*float64(b.N)/b.Elapsed().Seconds()/1e6, "MPix/s")
}

// benchCodecs lists one entry per decoder/encoder path.
var benchCodecs = []struct {
	name string
	f    Format
	opts EncodeOptions
}{
	{"jpeg", JPEG, EncodeOptions{}},
	{"jpeg-progressive", JPEG, EncodeOptions{Progressive: true}},
	{"jpeg-444", JPEG, EncodeOptions{Subsampling: Subsampling444, Quality: 92}},
	{"png", PNG, EncodeOptions{}},
	{"gif", GIF, EncodeOptions{}},
	{"webp", WebP, EncodeOptions{}},
	{"webp-lossless", WebP, EncodeOptions{Lossless: true}},
	{"bmp", BMP, EncodeOptions{}},
	{"tiff", TIFF, EncodeOptions{}},
}

func BenchmarkDecode(b *testing.B) {
	for _, c := range benchCodecs {
		for _, s := range benchSizes {
			b.Run(c.name+"/"+s.name, func(b *testing.B) {
				if c.opts.Lossless && s.w > 2000 && testing.Short() {
					b.Skip("lossless WebP encoding of the 12 MP input is slow")
				}
				data := benchFile(b, c.f, c.opts, s.w, s.h)
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if _, _, err := Decode(bytes.NewReader(data), DecodeOptions{}); err != nil {
						b.Fatal(err)
					}
				}
				reportMPix(b, s.w, s.h)
			})
		}
	}
}

// BenchmarkDecodeJPEGHint decodes the 12 MP JPEG for a 500 px wide thumbnail: the
// DCT-domain 1/4 scale skips most of the IDCT and colour conversion.
func BenchmarkDecodeJPEGHint(b *testing.B) {
	data := benchFile(b, JPEG, EncodeOptions{}, 4000, 3000)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Decode(bytes.NewReader(data), DecodeOptions{TargetWidth: 500}); err != nil {
			b.Fatal(err)
		}
	}
	reportMPix(b, 4000, 3000)
}

func BenchmarkEncode(b *testing.B) {
	for _, c := range benchCodecs {
		for _, s := range benchSizes {
			b.Run(c.name+"/"+s.name, func(b *testing.B) {
				src := benchPhoto(s.w, s.h)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if err := Encode(io.Discard, src, c.f, c.opts); err != nil {
						b.Fatal(err)
					}
				}
				reportMPix(b, s.w, s.h)
			})
		}
	}
}

// BenchmarkJPEGStdlib is the pure-Go baseline the TurboJPEG paths are measured against.
func BenchmarkJPEGStdlib(b *testing.B) {
	for _, s := range benchSizes {
		data := benchFile(b, JPEG, EncodeOptions{}, s.w, s.h)
		src := benchPhoto(s.w, s.h)
		b.Run("decode/"+s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			reportMPix(b, s.w, s.h)
		})
		b.Run("encode/"+s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := jpeg.Encode(io.Discard, src, &jpeg.Options{Quality: 80}); err != nil {
					b.Fatal(err)
				}
			}
			reportMPix(b, s.w, s.h)
		})
	}
}
