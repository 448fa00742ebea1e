package image

import (
	"bytes"
	stdimage "image"
	"image/color"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"github.com/disintegration/imaging"
	"github.com/seed92233726/mediad/codec"
)

// reference1080 is the high-quality reference resize: full-size decode, then imaging's
// floating-point Lanczos (an independent implementation) to the same size.
func reference1080(t testing.TB, data []byte, w, h int) stdimage.Image {
	full, _, err := codec.Decode(bytes.NewReader(data), codec.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return imaging.Resize(full, w, h, imaging.Lanczos)
}

func channelMeans(img stdimage.Image) [3]float64 {
	m := toRGBA(img)
	var s [3]float64
	for i := 0; i < len(m.Pix); i += 4 {
		s[0] += float64(m.Pix[i])
		s[1] += float64(m.Pix[i+1])
		s[2] += float64(m.Pix[i+2])
	}
	n := float64(len(m.Pix) / 4)
	return [3]float64{s[0] / n, s[1] / n, s[2] / n}
}

// TestDownscaleQuality: Compress to 1080 px (shrink-on-load at 1/2 in the DCT domain,
// then Lanczos3) must stay within 35 dB PSNR of the reference resize on real photos,
// with no colour shift. PNG output keeps JPEG's own loss out of the comparison. When
// vipsthumbnail is installed its output is measured the same way, for the record.
func TestDownscaleQuality(t *testing.T) {
	inputs := map[string][]byte{"generated": encode(t, photo(2560, 1600), codec.JPEG)}
	if !testing.Short() {
		for n, b := range realPhotosOptional() {
			inputs[n] = b
		}
	}
	names := make([]string, 0, len(inputs))
	for n := range inputs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		data := inputs[name]
		t.Run(name, func(t *testing.T) {
			r, err := Compress(bytes.NewReader(data), CompressOptions{CompressedWidth: 1080, Output: Output{Format: codec.PNG}})
			if err != nil {
				t.Fatal(err)
			}
			got := decodeResult(t, r)
			ref := reference1080(t, data, r.Width, r.Height)
			p := psnr(t, got, ref)
			gm, rm := channelMeans(got), channelMeans(ref)
			t.Logf("%dx%d: PSNR %.1f dB vs reference; channel means %.2f/%.2f/%.2f vs %.2f/%.2f/%.2f",
				r.Width, r.Height, p, gm[0], gm[1], gm[2], rm[0], rm[1], rm[2])
			if p < 35 {
				t.Errorf("PSNR %.1f dB < 35 dB", p)
			}
			for c := 0; c < 3; c++ {
				if d := gm[c] - rm[c]; d > 0.5 || d < -0.5 {
					t.Errorf("channel %d mean shifted by %.2f", c, d)
				}
			}
			rp, err := Compress(bytes.NewReader(data), CompressOptions{CompressedWidth: 1080, Output: Output{Format: codec.PNG, Precise: true}})
			if err != nil {
				t.Fatal(err)
			}
			pp := psnr(t, decodeResult(t, rp), ref)
			t.Logf("Precise: PSNR %.1f dB", pp)
			if pp < 50 || pp < p {
				t.Errorf("Precise: PSNR %.1f dB, want ≥ 50 dB and ≥ the default's %.1f", pp, p)
			}
			if vp := vipsPSNR(t, data, ref); vp > 0 {
				t.Logf("vipsthumbnail: PSNR %.1f dB vs the same reference", vp)
			}
		})
	}
}

func realPhotosOptional() map[string][]byte {
	out := map[string][]byte{}
	for _, n := range photoNames {
		if b, err := os.ReadFile(photoPath(n)); err == nil {
			out[n] = b
		}
	}
	return out
}

// vipsPSNR runs vipsthumbnail to the reference's size and returns its PSNR, or 0 when
// vipsthumbnail is not installed.
func vipsPSNR(t *testing.T, data []byte, ref stdimage.Image) float64 {
	vt, err := exec.LookPath("vipsthumbnail")
	if err != nil {
		return 0
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.jpg"), filepath.Join(dir, "out.png")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b := ref.Bounds()
	size := itoa(b.Dx()) + "x" + itoa(b.Dy())
	if msg, err := exec.Command(vt, in, "--size", size+"!", "-o", out).CombinedOutput(); err != nil {
		t.Logf("vipsthumbnail: %v %s", err, msg)
		return 0
	}
	f, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := codec.Decode(bytes.NewReader(f), codec.DecodeOptions{})
	if err != nil || img.Bounds().Dx() != b.Dx() || img.Bounds().Dy() != b.Dy() {
		return 0
	}
	return psnr(t, img, ref)
}

// TestGammaNeutral documents how the resampler treats brightness: flat colours are
// kept exactly, and a one-pixel black/white checkerboard averages to the sRGB midpoint
// (128), not to the linear-light average (188) — the same convention as libvips and
// imaging by default.
func TestGammaNeutral(t *testing.T) {
	flat := stdimage.NewRGBA(stdimage.Rect(0, 0, 300, 200))
	c := color.RGBA{201, 87, 33, 255}
	draw.Draw(flat, flat.Rect, stdimage.NewUniform(c), stdimage.Point{}, draw.Src)
	r, err := Compress(bytes.NewReader(encode(t, flat, codec.PNG)), CompressOptions{CompressedWidth: 77, Output: Output{Format: codec.PNG}})
	if err != nil {
		t.Fatal(err)
	}
	img := decodeResult(t, r)
	for y := 0; y < r.Height; y++ {
		for x := 0; x < r.Width; x++ {
			if got := rgbaAt(img, x, y); got != c {
				t.Fatalf("flat colour changed at (%d,%d): %v", x, y, got)
			}
		}
	}
	check := stdimage.NewGray(stdimage.Rect(0, 0, 256, 256))
	for y := 0; y < 256; y++ {
		for x := 0; x < 256; x++ {
			if (x+y)%2 == 0 {
				check.Pix[y*256+x] = 255
			}
		}
	}
	r, err = Compress(bytes.NewReader(encode(t, check, codec.PNG)), CompressOptions{CompressedWidth: 64, Output: Output{Format: codec.PNG}})
	if err != nil {
		t.Fatal(err)
	}
	img = decodeResult(t, r)
	if v := rgbaAt(img, 30, 30).R; v < 126 || v > 129 {
		t.Errorf("checkerboard averages to %d, want the sRGB midpoint 127/128", v)
	}
}

// TestCompress24MPMemory: a 24 MP JPEG compressed to 1080 px must not allocate even one
// full-size RGBA buffer (96 MB): shrink-on-load decodes it at 1/4 size.
func TestCompress24MPMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 24 MP image")
	}
	data := generated24MP(t)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r, err := Compress(bytes.NewReader(data), CompressOptions{CompressedWidth: 1080})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	full := uint64(6000 * 4000 * 4)
	t.Logf("24 MP (%d KB JPEG) → %dx%d: %.1f MB allocated in total (full-size RGBA is %.0f MB)",
		len(data)>>10, r.Width, r.Height, float64(alloc)/1e6, float64(full)/1e6)
	if alloc > full/2 {
		t.Errorf("allocated %.1f MB, more than half a full-size buffer", float64(alloc)/1e6)
	}
}
