package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/codec/internal/testimg"
)

func loadFixtures(t testing.TB) []testimg.Fixture {
	t.Helper()
	fx, err := testimg.Fixtures()
	if err != nil {
		t.Fatal(err)
	}
	// The committed files are what the tests read; the in-memory build gives the
	// expectations. They differ only where an encoder version changed its output.
	for i := range fx {
		data, err := os.ReadFile(filepath.Join("testdata", fx[i].Name))
		if err != nil {
			t.Fatalf("%v (run go generate ./codec)", err)
		}
		fx[i].Data = data
	}
	return fx
}

func TestDecodeConfigFixtures(t *testing.T) {
	for _, f := range loadFixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			c, err := DecodeConfig(bytes.NewReader(f.Data))
			if err != nil {
				t.Fatal(err)
			}
			want := Config{Format: Format(f.Format), Width: f.Width, Height: f.Height,
				Orientation: Orientation(max(f.Orientation, 1)), HasAlpha: f.HasAlpha, Frames: f.Frames}
			if c != want {
				t.Errorf("DecodeConfig = %+v, want %+v", c, want)
			}
		})
	}
}

// TestDecodeFixturesGolden decodes every fixture and checks it twice: against the source
// pixels it was made from (exact for lossless formats, a PSNR floor for lossy ones) and
// against a golden decode (tolerance 2 per channel, for libjpeg-turbo / libwebp versions).
// With MAKE_REF=1 (make golden) it first rewrites the fixture files themselves.
func TestDecodeFixturesGolden(t *testing.T) {
	if os.Getenv("MAKE_REF") == "1" {
		fx, err := testimg.Fixtures()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fx {
			if err := os.WriteFile(filepath.Join("testdata", f.Name), f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range loadFixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			img, c, err := Decode(bytes.NewReader(f.Data), DecodeOptions{})
			if f.DecodeErr {
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("err = %v, want ErrCorrupt", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Width != f.Width || c.Height != f.Height {
				t.Fatalf("config %dx%d, want %dx%d", c.Width, c.Height, f.Width, f.Height)
			}
			d, psnr, err := compareImages(img, f.Want)
			if err != nil {
				t.Fatal(err)
			}
			if f.MinPSNR > 0 && psnr < f.MinPSNR {
				t.Errorf("PSNR %.1f dB < %.1f", psnr, f.MinPSNR)
			}
			if f.MinPSNR == 0 && d > f.MaxDiff {
				t.Errorf("max channel diff %d > %d", d, f.MaxDiff)
			}
			checkGolden(t, strings.TrimSuffix(f.Name, filepath.Ext(f.Name)), img, 2)
		})
	}
}

func TestDecodeAllAnimations(t *testing.T) {
	gifWant, gifDelays := testimg.GIFFrames()
	webpWant, webpDelays := testimg.WebPFrames()
	_, apngWant := testimg.APNG()
	tests := []struct {
		name   string
		file   string
		want   []*image.RGBA
		delays []int
		loops  int
		tol    int
	}{
		{"gif disposal none/background/previous", "gif_anim.gif", gifWant, gifDelays, 0, 0},
		{"gif cut inside frame 3 keeps frames 1-2", "gif_truncated.gif", gifWant[:2], gifDelays[:2], 0, 0},
		{"webp blend and dispose", "webp_anim.webp", webpWant, webpDelays, 0, 1},
		{"apng blend and dispose", "png_apng.png", apngWant, []int{100, 200, 300}, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := DecodeAll(bytes.NewReader(data), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Frames) != len(tc.want) || a.Config.Frames != len(tc.want) {
				t.Fatalf("%d frames (config %d), want %d", len(a.Frames), a.Config.Frames, len(tc.want))
			}
			if a.LoopCount != tc.loops {
				t.Errorf("LoopCount %d, want %d", a.LoopCount, tc.loops)
			}
			for i, fr := range a.Frames {
				if d, _, err := compareImages(fr.Image, tc.want[i]); err != nil || d > tc.tol {
					t.Errorf("frame %d: max diff %d (%v)", i, d, err)
				}
				if fr.Delay != time.Duration(tc.delays[i])*time.Millisecond {
					t.Errorf("frame %d: delay %v, want %dms", i, fr.Delay, tc.delays[i])
				}
			}
		})
	}
}

func TestDecodeAllStill(t *testing.T) {
	data, _ := os.ReadFile("testdata/png_rgb8.png")
	a, err := DecodeAll(bytes.NewReader(data), DecodeOptions{})
	if err != nil || len(a.Frames) != 1 || a.Config.Format != PNG {
		t.Fatalf("DecodeAll(png) = %+v, %v", a, err)
	}
}

func TestSizeHint(t *testing.T) {
	src := testimg.Photo(400, 300)
	var jb, wb bytes.Buffer
	if err := Encode(&jb, src, JPEG, EncodeOptions{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&wb, src, WebP, EncodeOptions{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		data   []byte
		tw, th int
		w, h   int
	}{
		{jb.Bytes(), 0, 0, 400, 300},
		{jb.Bytes(), 400, 300, 400, 300},
		{jb.Bytes(), 200, 0, 200, 150},
		{jb.Bytes(), 199, 149, 200, 150},
		{jb.Bytes(), 201, 0, 400, 300},
		{jb.Bytes(), 100, 75, 100, 75},
		{jb.Bytes(), 0, 37, 50, 38},
		{jb.Bytes(), 1, 1, 50, 38}, // 1/8 is the smallest DCT scale
		{jb.Bytes(), 1000, 1000, 400, 300},
		{wb.Bytes(), 100, 0, 100, 75},
		{wb.Bytes(), 100, 100, 134, 100},
		{wb.Bytes(), 1000, 0, 400, 300},
	}
	for _, tc := range tests {
		img, c, err := Decode(bytes.NewReader(tc.data), DecodeOptions{TargetWidth: tc.tw, TargetHeight: tc.th})
		if err != nil {
			t.Fatal(err)
		}
		if c.Width != 400 || c.Height != 300 {
			t.Errorf("config reports %dx%d, want the stored 400x300", c.Width, c.Height)
		}
		if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
			t.Errorf("%s hint %dx%d: decoded %v, want %dx%d", c.Format, tc.tw, tc.th, got, tc.w, tc.h)
		}
	}
}

// TestTooLarge checks that a header claiming a huge image is refused before a pixel
// buffer exists: the test measures the bytes allocated while refusing it.
func TestTooLarge(t *testing.T) {
	fx := map[string]testimg.Fixture{}
	for _, f := range loadFixtures(t) {
		fx[f.Name] = f
	}
	huge := map[string][]byte{
		"jpeg": patchJPEGSize(fx["jpeg_baseline.jpg"].Data, 60000, 60000),
		"png":  patchPNGSize(fx["png_rgba8.png"].Data, 100000, 100000),
		"gif":  patchLE16(fx["gif_anim.gif"].Data, 6, 65535, 65535),
		"webp": testimg.WebPWithEXIF(fx["webp_lossy.webp"].Data, 16000, 16000, false, testimg.EXIF(1, false, false)),
		"bmp":  patchLE32(fx["bmp_24.bmp"].Data, 18, 100000, 100000),
	}
	for name, data := range huge {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, _, err := Decode(bytes.NewReader(data), DecodeOptions{})
			runtime.ReadMemStats(&after)
			allocs := int64(after.TotalAlloc - before.TotalAlloc)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if !strings.Contains(err.Error(), "codec: "+name+": image too large") {
				t.Errorf("message %q does not name the format", err)
			}
			if limit := int64(len(data))*4 + 64<<10; allocs > limit {
				t.Errorf("allocated %d bytes refusing it, want < %d", allocs, limit)
			}
		})
	}
	// The limit is configurable both ways.
	data := fx["jpeg_baseline.jpg"].Data
	if _, _, err := Decode(bytes.NewReader(data), DecodeOptions{MaxPixels: int64(fw*fh - 1)}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxPixels one below the size: err = %v", err)
	}
	if _, _, err := Decode(bytes.NewReader(data), DecodeOptions{MaxPixels: int64(fw * fh)}); err != nil {
		t.Errorf("MaxPixels equal to the size: err = %v", err)
	}
	// DecodeAll counts every frame: the 8x6 three-frame GIF needs 144 pixels.
	g := fx["gif_anim.gif"].Data
	if _, err := DecodeAll(bytes.NewReader(g), DecodeOptions{MaxPixels: 143}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("DecodeAll over the frame total: err = %v", err)
	}
	if _, err := DecodeAll(bytes.NewReader(g), DecodeOptions{MaxPixels: 144}); err != nil {
		t.Errorf("DecodeAll at the frame total: err = %v", err)
	}
}

const fw, fh = 37, 23

func patchJPEGSize(d []byte, w, h int) []byte {
	d = append([]byte{}, d...)
	for i := 2; i+9 < len(d); i++ {
		if d[i] == 0xff && (d[i+1] == 0xc0 || d[i+1] == 0xc2) {
			d[i+5], d[i+6], d[i+7], d[i+8] = byte(h>>8), byte(h), byte(w>>8), byte(w)
			return d
		}
	}
	panic("no SOF")
}

func patchPNGSize(d []byte, w, h int) []byte {
	d = append([]byte{}, d...)
	p := d[16:24]
	p[0], p[1], p[2], p[3] = byte(w>>24), byte(w>>16), byte(w>>8), byte(w)
	p[4], p[5], p[6], p[7] = byte(h>>24), byte(h>>16), byte(h>>8), byte(h)
	return d
}

func patchLE16(d []byte, off, w, h int) []byte {
	d = append([]byte{}, d...)
	d[off], d[off+1], d[off+2], d[off+3] = byte(w), byte(w>>8), byte(h), byte(h>>8)
	return d
}

func patchLE32(d []byte, off, w, h int) []byte {
	d = append([]byte{}, d...)
	for i, v := range []int{w, h} {
		d[off+4*i], d[off+4*i+1], d[off+4*i+2], d[off+4*i+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
	return d
}

// TestTruncated cuts every fixture at several points: each cut must give an ErrCorrupt
// error or, for GIFs cut after a complete frame, the complete frames.
func TestTruncated(t *testing.T) {
	for _, f := range loadFixtures(t) {
		for _, frac := range []float64{0, 0.05, 0.3, 0.6, 0.95} {
			// Below 24 bytes not even the signature is complete: ErrUnsupportedFormat
			// is the right answer there and is checked by TestUnsupportedFormats.
			n := max(24, int(float64(len(f.Data))*frac))
			img, _, err := Decode(bytes.NewReader(f.Data[:n]), DecodeOptions{})
			switch {
			case err == nil && f.Format == "png" && n == len(f.Data)-12:
				// Only IEND is missing, which Chromium does not mind either.
			case err == nil && f.Format == "gif":
				if img == nil {
					t.Errorf("%s cut at %d: nil image without error", f.Name, n)
				}
			case err == nil:
				t.Errorf("%s cut at %d of %d: decoded without error", f.Name, n, len(f.Data))
			case !errors.Is(err, ErrCorrupt):
				t.Errorf("%s cut at %d: %v, want ErrCorrupt", f.Name, n, err)
			}
		}
	}
}

func TestUnsupportedFormats(t *testing.T) {
	tests := []struct {
		head string
		want string
	}{
		{"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "codec: heic: unsupported format"},
		{"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", "codec: avif: unsupported format"},
		{"%PDF-1.7\n", "codec: pdf: unsupported format"},
		{"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41", "codec: mp4: unsupported format"},
		{"RIFF\x24\x00\x00\x00WAVEfmt ", "codec: wav: unsupported format"},
		{"ID3\x04\x00\x00\x00\x00\x00\x00", "codec: mp3: unsupported format"},
		{"hello, world", "codec: unsupported format: unrecognised data"},
		{"", "codec: unsupported format: empty input"},
	}
	for _, tc := range tests {
		for name, call := range map[string]func() error{
			"DecodeConfig": func() error { _, err := DecodeConfig(strings.NewReader(tc.head)); return err },
			"Decode":       func() error { _, _, err := Decode(strings.NewReader(tc.head), DecodeOptions{}); return err },
			"DecodeAll":    func() error { _, err := DecodeAll(strings.NewReader(tc.head), DecodeOptions{}); return err },
		} {
			err := call()
			if !errors.Is(err, ErrUnsupportedFormat) || err.Error() != tc.want {
				t.Errorf("%s(%q) = %v, want %q", name, tc.head, err, tc.want)
			}
		}
	}
}

// TestDecodeTypes pins the pixel types Decode documents.
func TestDecodeTypes(t *testing.T) {
	want := map[string]string{
		"jpeg_baseline.jpg": "*image.RGBA", "jpeg_gray.jpg": "*image.Gray", "jpeg_ycck.jpg": "*image.RGBA",
		"webp_alpha.webp": "*image.RGBA", "webp_anim.webp": "*image.RGBA", "gif_anim.gif": "*image.RGBA",
	}
	for name, typ := range want {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		img, _, err := Decode(bytes.NewReader(data), DecodeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%T", img); got != typ {
			t.Errorf("%s decodes to %s, want %s", name, got, typ)
		}
	}
}

func TestTooManyScans(t *testing.T) {
	data, err := os.ReadFile("testdata/jpeg_progressive.jpg")
	if err != nil {
		t.Fatal(err)
	}
	// Repeat the last scan until the count passes the limit.
	i := bytes.LastIndex(data, []byte{0xff, 0xda})
	scan := data[i : len(data)-2]
	bomb := append([]byte{}, data[:i]...)
	for range 600 {
		bomb = append(bomb, scan...)
	}
	bomb = append(bomb, 0xff, 0xd9)
	if _, _, err := Decode(bytes.NewReader(bomb), DecodeOptions{}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "scans") {
		t.Errorf("err = %v, want ErrCorrupt about scans", err)
	}
}

// TestWebPSingleFrameAnimation: an animation of one frame still needs the animation
// decoder (the still-image decoder refuses ANMF).
func TestWebPSingleFrameAnimation(t *testing.T) {
	var one bytes.Buffer
	if err := Encode(&one, testimg.Marker(6, 4), WebP, EncodeOptions{Lossless: true}); err != nil {
		t.Fatal(err)
	}
	data := testimg.AnimatedWebP(6, 4, 0, []testimg.AnimFrame{{WebP: one.Bytes(), W: 6, H: 4, DurationMs: 50}})
	img, c, err := Decode(bytes.NewReader(data), DecodeOptions{})
	if err != nil || c.Frames != 1 {
		t.Fatalf("Decode: %v, frames %d", err, c.Frames)
	}
	if d, _, err := compareImages(img, testimg.Marker(6, 4)); err != nil || d != 0 {
		t.Errorf("differs by %d (%v)", d, err)
	}
	a, err := DecodeAll(bytes.NewReader(data), DecodeOptions{})
	if err != nil || len(a.Frames) != 1 || a.Frames[0].Delay != 50*time.Millisecond {
		t.Fatalf("DecodeAll: %v, %+v", err, a)
	}
}

func TestTIFFTooManyStrips(t *testing.T) {
	data, err := os.ReadFile("testdata/tiff_rgba.tiff")
	if err != nil {
		t.Fatal(err)
	}
	data = append([]byte{}, data...)
	// Find IFD0's StripOffsets entry (little-endian file) and claim 70000 strips.
	off := int(binary.LittleEndian.Uint32(data[4:8]))
	n := int(binary.LittleEndian.Uint16(data[off:]))
	patched := false
	for i := 0; i < n; i++ {
		e := data[off+2+12*i:]
		if binary.LittleEndian.Uint16(e) == 0x0111 {
			binary.LittleEndian.PutUint32(e[4:8], 70000)
			patched = true
		}
	}
	if !patched {
		t.Fatal("no StripOffsets entry")
	}
	_, _, err = Decode(bytes.NewReader(data), DecodeOptions{})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "strips or tiles") {
		t.Errorf("err = %v, want ErrCorrupt about strips", err)
	}
}

func TestJPEGReachesEOI(t *testing.T) {
	seg := func(m byte, payload string) string {
		return string([]byte{0xff, m, 0, byte(len(payload) + 2)}) + payload
	}
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"minimal", "\xff\xd8\xff\xd9", true},
		{"segment then EOI", "\xff\xd8" + seg(0xe0, "JFIF\x00") + "\xff\xd9", true},
		{"scan with stuffing and restarts", "\xff\xd8" + seg(0xda, "abc") + "\x12\xff\x00\x34\xff\xd0\x56\xff\xff\xd9", true},
		{"scan without EOI", "\xff\xd8" + seg(0xda, "abc") + "\x12\xff\x00\x34", false},
		{"scan ending in 0xFF", "\xff\xd8" + seg(0xda, "abc") + "\x12\xff", false},
		{"junk between segments", "\xff\xd8junk" + seg(0xdb, "q") + "\xff\xd9", true},
		{"segment length past the end", "\xff\xd8\xff\xe1\x40\x00abc\xff\xd9", false},
		{"cut in a length field", "\xff\xd8\xff\xe1\x00", false},
		{"only SOI", "\xff\xd8", false},
	}
	for _, tc := range tests {
		if got := jpegReachesEOI([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestBMPUnsupportedVariant(t *testing.T) {
	data, err := os.ReadFile("testdata/bmp_24.bmp")
	if err != nil {
		t.Fatal(err)
	}
	rle := append([]byte{}, data...)
	rle[30] = 1 // BI_RLE8
	_, err = DecodeConfig(bytes.NewReader(rle))
	if !errors.Is(err, ErrUnsupportedFormat) || !strings.HasPrefix(err.Error(), "codec: bmp: unsupported format") {
		t.Errorf("err = %v, want ErrUnsupportedFormat naming bmp", err)
	}
}

// TestAPNGFrameCount: the pixel limit counts the frames the file holds, not the count
// acTL promises, and a frame outside the canvas is an error.
func TestAPNGFrameCount(t *testing.T) {
	data, _ := testimg.APNG()
	i := bytes.Index(data, []byte("acTL"))
	lying := append([]byte{}, data...)
	binary.BigEndian.PutUint32(lying[i+4:], 1_000_000)
	binary.BigEndian.PutUint32(lying[i+12:], crc32.ChecksumIEEE(lying[i:i+12]))
	a, err := DecodeAll(bytes.NewReader(lying), DecodeOptions{MaxPixels: 8 * 6 * 3})
	if err != nil || len(a.Frames) != 3 {
		t.Fatalf("acTL claiming 1e6 frames: %v", err)
	}
	j := bytes.LastIndex(data, []byte("fcTL"))
	outside := append([]byte{}, data...)
	binary.BigEndian.PutUint32(outside[j+4+12:], 7) // x offset 7 + width 2 > 8
	binary.BigEndian.PutUint32(outside[j+4+26:], crc32.ChecksumIEEE(outside[j:j+4+26]))
	if _, err := DecodeAll(bytes.NewReader(outside), DecodeOptions{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("frame outside the canvas: %v, want ErrCorrupt", err)
	}
}
