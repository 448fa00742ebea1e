package image

import (
	"bytes"
	"os"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

// The fixtures in testdata are one real photograph (ColorfulCups from Debian's
// plasma-workspace-wallpapers, 160×100): srgb_reference.png in sRGB (with the lcms sRGB
// profile the photo carries), and the same pixels converted by LittleCMS (libvips
// icc_transform) to Adobe RGB (adobergb.jpg and adobergb.webp, q95) and ProPhoto RGB
// (prophoto.png),
// each with its profile embedded and all other metadata removed.

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestICCConvertsToSRGB(t *testing.T) {
	ref, _, err := codec.Decode(bytes.NewReader(readFixture(t, "srgb_reference.png")), codec.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	refMeans := channelMeans(ref)
	// The floor is what the fixture's own lossy encoding leaves (WebP at q95 still
	// subsamples chroma); the gain over ignoring the profile is what is tested.
	for _, c := range []struct {
		name    string
		minPSNR float64
	}{{"adobergb.jpg", 36}, {"adobergb.webp", 33}, {"prophoto.png", 45}} {
		name := c.name
		t.Run(name, func(t *testing.T) {
			data := readFixture(t, name)
			if extractICC(data, codec.Sniff(data)) == nil {
				t.Fatal("fixture has no profile")
			}
			r, err := Compress(bytes.NewReader(data), CompressOptions{Output: Output{Format: codec.PNG}})
			if err != nil {
				t.Fatal(err)
			}
			got := decodeResult(t, r)
			raw, _, err := codec.Decode(bytes.NewReader(data), codec.DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			pc, pr := psnr(t, got, ref), psnr(t, raw, ref)
			gm := channelMeans(got)
			t.Logf("converted: PSNR %.1f dB, means %.1f/%.1f/%.1f (reference %.1f/%.1f/%.1f); unconverted PSNR %.1f dB",
				pc, gm[0], gm[1], gm[2], refMeans[0], refMeans[1], refMeans[2], pr)
			if pc < c.minPSNR {
				t.Errorf("converted PSNR %.1f dB < %.0f", pc, c.minPSNR)
			}
			if pc < pr+5 {
				t.Errorf("conversion gains only %.1f dB over ignoring the profile", pc-pr)
			}
			for c := 0; c < 3; c++ {
				if d := gm[c] - refMeans[c]; d > 1.5 || d < -1.5 {
					t.Errorf("channel %d mean off by %.2f", c, d)
				}
			}
		})
	}
}

func TestICCProfiles(t *testing.T) {
	srgbPhoto := extractICC(readFixture(t, "srgb_reference.png"), codec.PNG)
	cases := []struct {
		name     string
		profile  []byte
		path     string // system profile, skipped when absent
		identity bool
		bad      bool
	}{
		{name: "photo's lcms sRGB", profile: srgbPhoto, identity: true},
		{name: "ghostscript sRGB", path: "/usr/share/color/icc/ghostscript/srgb.icc", identity: true},
		{name: "ghostscript Adobe RGB", path: "/usr/share/color/icc/ghostscript/a98.icc"},
		{name: "ghostscript ROMM (ProPhoto)", path: "/usr/share/color/icc/ghostscript/rommrgb.icc"},
		{name: "CMYK is not applied", path: "/usr/share/color/icc/ghostscript/default_cmyk.icc", bad: true},
		{name: "truncated", profile: srgbPhoto[:100], bad: true},
		{name: "empty", profile: nil, bad: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.profile
			if c.path != "" {
				b, err := os.ReadFile(c.path)
				if err != nil {
					t.Skipf("%s not installed", c.path)
				}
				p = b
			}
			x, err := parseICC(p)
			switch {
			case c.bad && err == nil:
				t.Fatal("accepted")
			case !c.bad && err != nil:
				t.Fatal(err)
			case !c.bad && c.identity != (x == nil):
				t.Fatalf("identity detection: got transform %v", x != nil)
			}
		})
	}
}

func FuzzICC(f *testing.F) {
	for _, name := range []string{"adobergb.jpg", "adobergb.webp", "prophoto.png", "srgb_reference.png"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := extractICC(data, codec.Sniff(data))
		if len(p) > maxICC {
			t.Fatalf("profile of %d bytes", len(p))
		}
		parseICC(p)
		parseICC(data)
	})
}
