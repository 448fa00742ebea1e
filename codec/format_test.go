package codec

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Format
	}{
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF", JPEG},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", PNG},
		{"gif87a", "GIF87a\x01\x00", GIF},
		{"gif89a", "GIF89a\x01\x00", GIF},
		{"webp", "RIFF\x1a\x00\x00\x00WEBPVP8L", WebP},
		{"bmp", "BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00", BMP},
		{"BM text is not bmp", "BMW is a car maker, says this text", Unknown},
		{"tiff le", "II*\x00\x08\x00\x00\x00", TIFF},
		{"tiff be", "MM\x00*\x00\x00\x00\x08", TIFF},
		{"bigtiff", "II+\x00\x08\x00\x00\x00", TIFF},
		{"heic", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", HEIC},
		{"heic via mif1", "\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic", HEIC},
		{"avif", "\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", AVIF},
		{"avif via mif1", "\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf", AVIF},
		{"mp4", "\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41", MP4},
		{"m4a is mp4 family", "\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00M4A mp42", MP4},
		{"mov", "\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", MOV},
		{"short ftyp", "\x00\x00\x00\x14ftyp", MP4},
		{"pdf", "%PDF-1.4\n", PDF},
		{"wav", "RIFF\x24\x00\x00\x00WAVEfmt ", WAV},
		{"avi", "RIFF\x24\x00\x00\x00AVI LIST", AVI},
		{"mp3 id3", "ID3\x03\x00\x00\x00\x00\x00\x00", MP3},
		{"mp3 frame", "\xff\xfb\x90\x64\x00", MP3},
		{"mpeg2 layer3 frame", "\xff\xf3\x64\xc4", MP3},
		{"not mp3: bad bitrate", "\xff\xfb\xf0\x64", Unknown},
		{"aac adts", "\xff\xf1\x50\x80\x02\x1f\xfc", AAC},
		{"flac", "fLaC\x00\x00\x00\x22", FLAC},
		{"ogg", "OggS\x00\x02", OGG},
		{"webm", "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm", WebM},
		{"mkv", "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska", MKV},
		{"jxl codestream", "\xff\x0a\xfa", JXL},
		{"jxl container", "\x00\x00\x00\x0cJXL \r\n\x87\n", JXL},
		{"ico", "\x00\x00\x01\x00\x01\x00\x10\x10", ICO},
		{"svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">", SVG},
		{"svg with xml prolog", "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg>", SVG},
		{"html", "<!doctype html><html>", Unknown},
		{"empty", "", Unknown},
		{"one byte", "\xff", Unknown},
		{"jpeg needs three bytes", "\xff\xd8", Unknown},
	}
	for _, tc := range tests {
		if got := Sniff([]byte(tc.head)); got != tc.want {
			t.Errorf("%s: Sniff = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestSniffNeedsOnlyHead checks that every fixture is recognised from SniffLen bytes.
func TestSniffNeedsOnlyHead(t *testing.T) {
	for _, f := range loadFixtures(t) {
		if got := Sniff(f.Data[:min(len(f.Data), SniffLen)]); got != Format(f.Format) {
			t.Errorf("%s: Sniff = %q", f.Name, got)
		}
	}
}

func FuzzSniff(f *testing.F) {
	addFixtureSeeds(f)
	f.Add([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"))
	f.Add([]byte("\x00\x00\x00\x04ftyp"))
	f.Add([]byte("\xff\xfb\x90\x64"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := Sniff(b)
		// Only the head matters: anything after SniffLen bytes cannot change the answer.
		if len(b) > SniffLen {
			if again := Sniff(append(b[:SniffLen:SniffLen], 0xff)); again != got {
				t.Fatalf("Sniff depends on bytes past SniffLen: %q vs %q", got, again)
			}
		}
	})
}

// addFixtureSeeds seeds a fuzz target with every committed fixture file.
func addFixtureSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	if len(paths) == 0 {
		f.Fatal("no fixtures in testdata")
	}
}

func FuzzDecodeConfig(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := DecodeConfig(bytesReader(b))
		checkErr(t, err)
		if err == nil && (c.Width <= 0 || c.Height <= 0 || c.Frames < 1 || c.Orientation < 1 || c.Orientation > 8) {
			t.Fatalf("invalid config without error: %+v", c)
		}
	})
}

// fuzzMaxPixels keeps fuzzing fast and proves the limit holds for every decoder.
const fuzzMaxPixels = 1 << 16

func FuzzDecode(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		opts := DecodeOptions{MaxPixels: fuzzMaxPixels}
		img, c, err := Decode(bytesReader(b), opts)
		checkErr(t, err)
		if err == nil {
			if img == nil {
				t.Fatal("nil image without error")
			}
			if px := int64(img.Bounds().Dx()) * int64(img.Bounds().Dy()); px > fuzzMaxPixels || c.Pixels() > fuzzMaxPixels {
				t.Fatalf("decoded %v (config %dx%d) beyond the limit", img.Bounds(), c.Width, c.Height)
			}
		}
		a, err := DecodeAll(bytesReader(b), opts)
		checkErr(t, err)
		if err == nil {
			total := int64(0)
			for _, fr := range a.Frames {
				total += int64(fr.Image.Bounds().Dx()) * int64(fr.Image.Bounds().Dy())
			}
			if total > fuzzMaxPixels {
				t.Fatalf("DecodeAll decoded %d pixels beyond the limit", total)
			}
		}
	})
}

func checkErr(t *testing.T, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupportedFormat) && !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v wraps none of the sentinel errors", err)
	}
}
