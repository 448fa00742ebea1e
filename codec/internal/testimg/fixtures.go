package testimg

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/png"
	"os"

	"github.com/seed92233726/mediad/codec/internal/turbo"
	"github.com/seed92233726/mediad/codec/internal/webp"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// Fixture is one test file together with what decoding it must give.
type Fixture struct {
	Name string // file name under codec/testdata
	Data []byte
	// Header facts DecodeConfig must report.
	Format        string
	Width, Height int
	Orientation   int
	HasAlpha      bool
	Frames        int
	// Want is the first frame as it must decode (stored orientation), or nil when only
	// the headers are checked. MinPSNR is the fidelity lossy formats must reach against
	// it; 0 means lossless: every channel within MaxDiff.
	Want    image.Image
	MinPSNR float64
	MaxDiff int
	// DecodeErr marks damaged files whose headers parse but which must not decode:
	// Chromium refuses them or shows only part of Intact, the file they were made from.
	DecodeErr bool
	Intact    string
}

// Fixture sizes are small and odd on purpose: odd sizes exercise chroma edges.
const fw, fh = 37, 23

// Fixtures builds every fixture file from code.
func Fixtures() ([]Fixture, error) {
	photo := Photo(fw, fh)
	alpha := Alpha(fw, fh)
	var fx []Fixture
	add := func(f Fixture) { fx = append(fx, f) }

	jpg := func(m *image.RGBA, sub int, q int, prog bool) []byte {
		var b bytes.Buffer
		if err := turbo.Encode(&b, m.Pix, m.Rect.Dx(), m.Rect.Dy(), m.Stride, turbo.PixelRGBX, sub, q, prog); err != nil {
			panic(err)
		}
		return b.Bytes()
	}
	base := jpg(photo, turbo.Samp420, 90, false)
	add(Fixture{Name: "jpeg_baseline.jpg", Data: base, Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: photo, MinPSNR: 30})
	add(Fixture{Name: "jpeg_progressive.jpg", Data: jpg(photo, turbo.Samp420, 90, true), Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: photo, MinPSNR: 30})
	add(Fixture{Name: "jpeg_444.jpg", Data: jpg(photo, turbo.Samp444, 95, false), Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: photo, MinPSNR: 35})
	gray := image.NewGray(photo.Rect)
	draw.Draw(gray, gray.Rect, photo, image.Point{}, draw.Src)
	var gb bytes.Buffer
	if err := turbo.Encode(&gb, gray.Pix, fw, fh, gray.Stride, turbo.PixelGray, turbo.SampGray, 90, false); err != nil {
		return nil, err
	}
	add(Fixture{Name: "jpeg_gray.jpg", Data: gb.Bytes(), Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: gray, MinPSNR: 30})
	// TurboJPEG takes the restart interval only from the environment.
	os.Setenv("TJ_RESTART", "1")
	restart := jpg(photo, turbo.Samp420, 90, false)
	os.Unsetenv("TJ_RESTART")
	add(Fixture{Name: "jpeg_restart.jpg", Data: restart, Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: photo, MinPSNR: 30})
	// An Adobe YCCK JPEG as Photoshop writes it: the CMYK values are stored inverted
	// (255 = no ink), which TurboJPEG passes through untouched.
	cmyk := image.NewCMYK(photo.Rect)
	draw.Draw(cmyk, cmyk.Rect, photo, image.Point{}, draw.Src)
	for i := range cmyk.Pix {
		cmyk.Pix[i] = 255 - cmyk.Pix[i]
	}
	var cb bytes.Buffer
	if err := turbo.Encode(&cb, cmyk.Pix, fw, fh, cmyk.Stride, turbo.PixelCMYK, turbo.Samp444, 95, false); err != nil {
		return nil, err
	}
	add(Fixture{Name: "jpeg_ycck.jpg", Data: cb.Bytes(), Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: photo, MinPSNR: 28})
	cmykData, cmykWant := CMYKJPEG(fw, fh, func(bx, by int) color.CMYK {
		return color.CMYK{uint8(bx * 50), uint8(by * 80), uint8(200 - bx*40), uint8((bx + by) * 30)}
	})
	add(Fixture{Name: "jpeg_cmyk.jpg", Data: cmykData, Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: cmykWant, MaxDiff: 2})
	// Damage browsers shrug off: junk after EOI, junk between segments.
	noEOI := base[:len(base)-2]
	prog := jpg(photo, turbo.Samp420, 90, true)
	add(Fixture{Name: "jpeg_trailing_junk.jpg", Data: append(append([]byte{}, base...), "\x00\x00trailing junk\xff\xd8"...),
		Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: photo, MinPSNR: 30})
	sof := bytes.Index(base, []byte{0xff, 0xc0})
	junk := append(append(append([]byte{}, base[:sof]...), 0x00, 0x13, 0x37), base[sof:]...)
	add(Fixture{Name: "jpeg_junk_before_marker.jpg", Data: junk, Format: "jpeg", Width: fw, Height: fh, Frames: 1, Want: photo, MinPSNR: 30})
	// Damage that leaves Chromium with part of the image: a cut inside the scan
	// followed by EOI, and a missing EOI (Chromium holds back the last MCU row, or the
	// last progressive scan, waiting for it).
	cutEOI := append(append([]byte{}, base[:len(base)*2/3]...), 0xff, 0xd9)
	add(Fixture{Name: "jpeg_cut_with_eoi.jpg", Data: cutEOI, Format: "jpeg", Width: fw, Height: fh, Frames: 1, DecodeErr: true, Intact: "jpeg_baseline.jpg"})
	add(Fixture{Name: "jpeg_no_eoi.jpg", Data: noEOI, Format: "jpeg", Width: fw, Height: fh, Frames: 1, DecodeErr: true, Intact: "jpeg_baseline.jpg"})
	add(Fixture{Name: "jpeg_progressive_no_eoi.jpg", Data: prog[:len(prog)-2], Format: "jpeg", Width: fw, Height: fh, Frames: 1,
		DecodeErr: true, Intact: "jpeg_progressive.jpg"})
	add(Fixture{Name: "jpeg_exif6_be.jpg", Data: InsertJPEGAPP1(base, EXIF(6, true, true)), Format: "jpeg", Width: fw, Height: fh, Orientation: 6, Frames: 1, Want: photo, MinPSNR: 30})
	add(Fixture{Name: "jpeg_exif8_le.jpg", Data: InsertJPEGAPP1(base, EXIF(8, false, true)), Format: "jpeg", Width: fw, Height: fh, Orientation: 8, Frames: 1, Want: photo, MinPSNR: 30})

	for _, p := range pngFixtures() {
		add(p)
	}
	var pb bytes.Buffer
	png.Encode(&pb, photo)
	add(Fixture{Name: "png_exif3.png", Data: InsertPNGChunk(pb.Bytes(), "eXIf", EXIF(3, true, false)), Format: "png", Width: fw, Height: fh, Orientation: 3, Frames: 1, Want: photo})

	g, want := gifAnimation()
	var gifb bytes.Buffer
	if err := gif.EncodeAll(&gifb, g); err != nil {
		return nil, err
	}
	add(Fixture{Name: "gif_anim.gif", Data: gifb.Bytes(), Format: "gif", Width: 8, Height: 6, HasAlpha: true, Frames: 3, Want: want[0]})
	for _, v := range []struct {
		name   string
		loop   int
		delays []int
	}{{"gif_loop2_fast.gif", 2, []int{0, 2, 5}}, {"gif_once.gif", -1, []int{10, 20, 30}}} {
		g2 := *g
		g2.LoopCount, g2.Delay = v.loop, v.delays
		var b bytes.Buffer
		if err := gif.EncodeAll(&b, &g2); err != nil {
			return nil, err
		}
		add(Fixture{Name: v.name, Data: b.Bytes(), Format: "gif", Width: 8, Height: 6, HasAlpha: true, Frames: 3, Want: want[0]})
	}
	apng, apngWant := APNG()
	add(Fixture{Name: "png_apng.png", Data: apng, Format: "png", Width: 8, Height: 6, HasAlpha: true, Frames: 3, Want: apngWant[0]})
	for _, v := range overflowGIFs() {
		add(v)
	}
	cut := gifb.Bytes()[:len(gifb.Bytes())-8] // inside the third frame's data
	add(Fixture{Name: "gif_truncated.gif", Data: cut, Format: "gif", Width: 8, Height: 6, HasAlpha: true, Frames: 2, Want: want[0]})

	wp := func(m *image.NRGBA, q float32, lossless bool) []byte {
		var b bytes.Buffer
		if err := webp.Encode(&b, m.Pix, m.Rect.Dx(), m.Rect.Dy(), m.Stride, q, lossless); err != nil {
			panic(err)
		}
		return b.Bytes()
	}
	photoN := image.NewNRGBA(photo.Rect)
	draw.Draw(photoN, photoN.Rect, photo, image.Point{}, draw.Src)
	lossy := wp(photoN, 90, false)
	add(Fixture{Name: "webp_lossy.webp", Data: lossy, Format: "webp", Width: fw, Height: fh, Frames: 1, Want: photo, MinPSNR: 30})
	add(Fixture{Name: "webp_lossless.webp", Data: wp(alpha, 0, true), Format: "webp", Width: fw, Height: fh, HasAlpha: true, Frames: 1, Want: Premultiplied(alpha), MaxDiff: 1})
	add(Fixture{Name: "webp_alpha.webp", Data: wp(alpha, 90, false), Format: "webp", Width: fw, Height: fh, HasAlpha: true, Frames: 1, Want: Premultiplied(alpha), MinPSNR: 28})
	add(Fixture{Name: "webp_exif5.webp", Data: WebPWithEXIF(lossy, fw, fh, false, EXIF(5, false, false)), Format: "webp", Width: fw, Height: fh, Orientation: 5, Frames: 1, Want: photo, MinPSNR: 30})
	anim, animWant := webpAnimation(wp)
	add(Fixture{Name: "webp_anim.webp", Data: anim, Format: "webp", Width: 8, Height: 6, HasAlpha: true, Frames: 3, Want: animWant[0]})

	var bb bytes.Buffer
	if err := bmp.Encode(&bb, photo); err != nil {
		return nil, err
	}
	add(Fixture{Name: "bmp_24.bmp", Data: bb.Bytes(), Format: "bmp", Width: fw, Height: fh, Frames: 1, Want: photo})
	var tb bytes.Buffer
	if err := tiff.Encode(&tb, alpha, &tiff.Options{Compression: tiff.Deflate, Predictor: true}); err != nil {
		return nil, err
	}
	add(Fixture{Name: "tiff_rgba.tiff", Data: tb.Bytes(), Format: "tiff", Width: fw, Height: fh, HasAlpha: true, Frames: 1, Want: alpha})
	var tg bytes.Buffer
	if err := tiff.Encode(&tg, gray, nil); err != nil {
		return nil, err
	}
	add(Fixture{Name: "tiff_gray_exif7.tiff", Data: TIFFWithOrientation(tg.Bytes(), 7), Format: "tiff", Width: fw, Height: fh, Orientation: 7, Frames: 1, Want: gray})
	return fx, nil
}

// Premultiplied converts a non-premultiplied image to *image.RGBA.
func Premultiplied(m image.Image) *image.RGBA {
	out := image.NewRGBA(m.Bounds())
	draw.Draw(out, out.Rect, m, m.Bounds().Min, draw.Src)
	return out
}

// pngFixtures covers every colour type and bit depth, interlaced and not, with tRNS.
func pngFixtures() []Fixture {
	w, h := 13, 9 // not a multiple of the Adam7 block, so every pass is partial
	var fx []Fixture
	type spec struct {
		ct, depth byte
		alpha     bool
	}
	specs := []spec{{0, 1, false}, {0, 2, false}, {0, 4, false}, {0, 8, false}, {0, 16, false},
		{2, 8, false}, {2, 16, false}, {3, 1, false}, {3, 2, false}, {3, 4, true}, {3, 8, true},
		{4, 8, true}, {4, 16, true}, {6, 8, true}, {6, 16, true}}
	names := map[byte]string{0: "gray", 2: "rgb", 3: "pal", 4: "graya", 6: "rgba"}
	for _, s := range specs {
		for _, inter := range []bool{false, true} {
			p := RawPNG{Width: w, Height: h, ColorType: s.ct, Depth: s.depth, Interlaced: inter}
			maxv := uint16(1)<<s.depth - 1
			p.Sample = func(x, y int) []uint16 {
				v := uint16((x*7 + y*13) % (int(maxv) + 1))
				return []uint16{v, maxv - v, uint16((x * y) % (int(maxv) + 1)), uint16((x*int(maxv) + 1) / w)}
			}
			if s.ct == 3 {
				n := 1 << s.depth
				for i := 0; i < n; i++ {
					a := uint8(255)
					if s.alpha {
						a = uint8(i * 255 / (n - 1))
					}
					p.Palette = append(p.Palette, color.NRGBA{uint8(i * 37), uint8(255 - i*11), uint8(i * 5), a})
				}
			}
			name := "png_" + names[s.ct] + itoa(int(s.depth))
			if inter {
				name += "_interlaced"
			}
			fx = append(fx, Fixture{Name: name + ".png", Data: p.Encode(), Format: "png", Width: w, Height: h,
				HasAlpha: s.alpha, Frames: 1, Want: p.Image()})
		}
	}
	for _, f := range fx {
		if f.Name == "png_pal8.png" { // has a PLTE to damage
			fx = append(fx, damagedPNGs(f)...)
			break
		}
	}
	// tRNS on truecolour: one colour is transparent.
	p := RawPNG{Width: w, Height: h, ColorType: 2, Depth: 8, TRNS: []byte{0, 10, 0, 20, 0, 30}}
	p.Sample = func(x, y int) []uint16 {
		if (x+y)%3 == 0 {
			return []uint16{10, 20, 30}
		}
		return []uint16{uint16(x * 19), uint16(y * 27), 200}
	}
	fx = append(fx, Fixture{Name: "png_rgb8_trns.png", Data: p.Encode(), Format: "png", Width: w, Height: h,
		HasAlpha: true, Frames: 1, Want: p.Image()})
	return fx
}

// Image returns the pixels the PNG describes, as *image.NRGBA64.
func (p RawPNG) Image() image.Image {
	m := image.NewNRGBA64(image.Rect(0, 0, p.Width, p.Height))
	maxv := uint32(1)<<p.Depth - 1
	scale := func(v uint16) uint16 { return uint16(uint32(v) * 0xffff / maxv) }
	for y := 0; y < p.Height; y++ {
		for x := 0; x < p.Width; x++ {
			s := p.Sample(x, y)
			var c color.NRGBA64
			switch p.ColorType {
			case 0:
				g := scale(s[0])
				c = color.NRGBA64{g, g, g, 0xffff}
				if p.TRNS != nil && uint16(p.TRNS[0])<<8|uint16(p.TRNS[1]) == s[0] {
					c.A = 0
				}
			case 2:
				c = color.NRGBA64{scale(s[0]), scale(s[1]), scale(s[2]), 0xffff}
				if p.TRNS != nil && uint16(p.TRNS[0])<<8|uint16(p.TRNS[1]) == s[0] &&
					uint16(p.TRNS[2])<<8|uint16(p.TRNS[3]) == s[1] && uint16(p.TRNS[4])<<8|uint16(p.TRNS[5]) == s[2] {
					c.A = 0
				}
			case 3:
				pc := p.Palette[s[0]]
				c = color.NRGBA64{uint16(pc.R) * 0x101, uint16(pc.G) * 0x101, uint16(pc.B) * 0x101, uint16(pc.A) * 0x101}
			case 4:
				g := scale(s[0])
				c = color.NRGBA64{g, g, g, scale(s[1])}
			case 6:
				c = color.NRGBA64{scale(s[0]), scale(s[1]), scale(s[2]), scale(s[3])}
			}
			m.SetNRGBA64(x, y, c)
		}
	}
	return m
}

// gifAnimation is an 8×6 three-frame GIF exercising every disposal method, and the
// composited frames a browser shows.
func gifAnimation() (*gif.GIF, []*image.RGBA) {
	pal := color.Palette{color.RGBA{}, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}, color.RGBA{0, 255, 0, 255}}
	screen := image.Rect(0, 0, 8, 6)
	f1 := image.NewPaletted(screen, pal) // red everywhere, kept (DisposalNone)
	for i := range f1.Pix {
		f1.Pix[i] = 1
	}
	f2 := image.NewPaletted(image.Rect(2, 2, 6, 5), pal) // blue box, then cleared to background
	for i := range f2.Pix {
		f2.Pix[i] = 2
	}
	f2.Pix[0] = 0                                        // one transparent pixel shows red through
	f3 := image.NewPaletted(image.Rect(0, 0, 3, 3), pal) // green box, then restored to previous
	for i := range f3.Pix {
		f3.Pix[i] = 3
	}
	g := &gif.GIF{
		Image:     []*image.Paletted{f1, f2, f3},
		Delay:     []int{10, 20, 30},
		Disposal:  []byte{gif.DisposalNone, gif.DisposalBackground, gif.DisposalPrevious},
		LoopCount: 0,
		Config:    image.Config{Width: 8, Height: 6, ColorModel: pal},
	}
	red, blue, green := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}, color.RGBA{0, 255, 0, 255}
	w1 := image.NewRGBA(screen)
	draw.Draw(w1, screen, image.NewUniform(red), image.Point{}, draw.Src)
	w2 := image.NewRGBA(screen)
	copy(w2.Pix, w1.Pix)
	draw.Draw(w2, f2.Rect, image.NewUniform(blue), image.Point{}, draw.Src)
	w2.SetRGBA(2, 2, red)
	// After frame 2 its rectangle is cleared to transparent; frame 3 draws green on that.
	w3 := image.NewRGBA(screen)
	copy(w3.Pix, w1.Pix)
	draw.Draw(w3, f2.Rect, image.Transparent, image.Point{}, draw.Src)
	draw.Draw(w3, f3.Rect, image.NewUniform(green), image.Point{}, draw.Src)
	return g, []*image.RGBA{w1, w2, w3}
}

// GIFFrames returns the animated GIF fixture's expected composited frames and delays (ms).
func GIFFrames() ([]*image.RGBA, []int) {
	_, w := gifAnimation()
	return w, []int{100, 200, 300}
}

// webpAnimation is an 8×6 three-frame lossless animated WebP with blending and disposal,
// and the composited frames libwebp (and browsers) produce.
func webpAnimation(enc func(*image.NRGBA, float32, bool) []byte) ([]byte, []*image.RGBA) {
	solid := func(w, h int, c color.NRGBA) *image.NRGBA {
		m := image.NewNRGBA(image.Rect(0, 0, w, h))
		draw.Draw(m, m.Rect, image.NewUniform(c), image.Point{}, draw.Src)
		return m
	}
	red, half, green := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 128}, color.NRGBA{0, 255, 0, 255}
	frames := []AnimFrame{
		{WebP: enc(solid(8, 6, red), 0, true), W: 8, H: 6, DurationMs: 100},
		{WebP: enc(solid(4, 2, half), 0, true), X: 2, Y: 2, W: 4, H: 2, DurationMs: 200, Blend: true, Dispose: true},
		{WebP: enc(solid(2, 2, green), 0, true), X: 0, Y: 0, W: 2, H: 2, DurationMs: 300},
	}
	return AnimatedWebP(8, 6, 0, frames), webpAnimWant()
}

func webpAnimWant() []*image.RGBA {
	red, half, green := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 128}, color.NRGBA{0, 255, 0, 255}
	screen := image.Rect(0, 0, 8, 6)
	w1 := image.NewRGBA(screen)
	draw.Draw(w1, screen, image.NewUniform(red), image.Point{}, draw.Src)
	w2 := image.NewRGBA(screen)
	copy(w2.Pix, w1.Pix)
	draw.Draw(w2, image.Rect(2, 2, 6, 4), image.NewUniform(half), image.Point{}, draw.Over)
	w3 := image.NewRGBA(screen)
	copy(w3.Pix, w1.Pix)
	draw.Draw(w3, image.Rect(2, 2, 6, 4), image.Transparent, image.Point{}, draw.Src)
	draw.Draw(w3, image.Rect(0, 0, 2, 2), image.NewUniform(green), image.Point{}, draw.Src)
	return []*image.RGBA{w1, w2, w3}
}

// WebPFrames returns the animated WebP fixture's expected composited frames and delays (ms).
func WebPFrames() ([]*image.RGBA, []int) {
	return webpAnimWant(), []int{100, 200, 300}
}

func itoa(i int) string {
	if i >= 10 {
		return string(rune('0'+i/10)) + string(rune('0'+i%10))
	}
	return string(rune('0' + i))
}

// overflowGIFs are GIFs whose frames reach past the logical screen, as some encoders
// write them. Chromium grows the screen to the first frame's bottom-right corner and
// clips later frames; Want is the first frame as displayed.
func overflowGIFs() []Fixture {
	pal := color.Palette{color.RGBA{}, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	fill := func(r image.Rectangle, idx uint8) *image.Paletted {
		p := image.NewPaletted(r, pal)
		for i := range p.Pix {
			p.Pix[i] = idx
		}
		return p
	}
	var fx []Fixture
	for _, v := range []struct {
		name          string
		f1, f2        image.Rectangle
		screenW, scrH int
		wantW, wantH  int
	}{
		{"gif_screen_grown.gif", image.Rect(2, 1, 10, 7), image.Rect(3, 3, 20, 18), 4, 4, 10, 7},
		{"gif_frame_clipped.gif", image.Rect(0, 0, 4, 4), image.Rect(2, 2, 10, 10), 6, 6, 6, 6},
		{"gif_screen_zero.gif", image.Rect(1, 0, 9, 2), image.Rect(0, 0, 2, 2), 0, 0, 9, 2},
	} {
		g := &gif.GIF{Image: []*image.Paletted{fill(v.f1, 1), fill(v.f2, 2)}, Delay: []int{10, 10},
			Disposal: []byte{gif.DisposalNone, gif.DisposalNone}, Config: image.Config{Width: 40, Height: 40, ColorModel: pal}}
		var b bytes.Buffer
		if err := gif.EncodeAll(&b, g); err != nil {
			panic(err)
		}
		d := b.Bytes()
		d[6], d[7], d[8], d[9] = byte(v.screenW), byte(v.screenW>>8), byte(v.scrH), byte(v.scrH>>8)
		want := image.NewRGBA(image.Rect(0, 0, v.wantW, v.wantH))
		draw.Draw(want, v.f1, image.NewUniform(color.RGBA{255, 0, 0, 255}), image.Point{}, draw.Src)
		fx = append(fx, Fixture{Name: v.name, Data: d, Format: "gif", Width: v.wantW, Height: v.wantH,
			HasAlpha: true, Frames: 2, Want: want})
	}
	return fx
}

// damagedPNGs corrupts a good PNG (two IDAT chunks are made from its one) the ways
// real files are damaged. Chromium shows the whole image when the damage comes after
// the image data is complete (ancillary checksums, the last IDAT's checksum, Adler-32,
// IEND); damage before that shows part of the image or nothing.
func damagedPNGs(good Fixture) []Fixture {
	chunks := splitPNG(good.Data)
	// Split the image data in two, so repairs must work across IDAT chunks.
	var idat []byte
	var rebuilt [][]byte
	for _, c := range chunks {
		if string(c[4:8]) == "IDAT" {
			idat = c[8 : len(c)-4]
			half := len(idat) / 2
			rebuilt = append(rebuilt, PNGChunk("IDAT", idat[:half]), PNGChunk("IDAT", idat[half:]))
			continue
		}
		if string(c[4:8]) == "IEND" {
			rebuilt = append(rebuilt, PNGChunk("tEXt", []byte("Comment\x00damaged on purpose")))
		}
		rebuilt = append(rebuilt, c)
	}
	join := func(cs [][]byte) []byte {
		out := []byte("\x89PNG\r\n\x1a\n")
		for _, c := range cs {
			out = append(out, c...)
		}
		return out
	}
	// flipCRC damages the CRC of the nth chunk of type typ (-1: the last one).
	flipCRC := func(typ string, nth int) []byte {
		cs := make([][]byte, len(rebuilt))
		var idx []int
		for i, c := range rebuilt {
			cs[i] = append([]byte{}, c...)
			if string(c[4:8]) == typ {
				idx = append(idx, i)
			}
		}
		if nth < 0 {
			nth = len(idx) - 1
		}
		c := cs[idx[nth]]
		c[len(c)-1] ^= 0x5a
		return join(cs)
	}
	badAdler := func(fixCRC bool) []byte {
		cs := make([][]byte, len(rebuilt))
		for i, c := range rebuilt {
			cs[i] = append([]byte{}, c...)
		}
		for i := len(cs) - 1; i >= 0; i-- {
			if string(cs[i][4:8]) == "IDAT" {
				c := cs[i]
				c[len(c)-5] ^= 0xff // last byte of the zlib trailer
				if fixCRC {
					cs[i] = PNGChunk("IDAT", c[8:len(c)-4])
				}
				break
			}
		}
		return join(cs)
	}
	noIEND := join(rebuilt[:len(rebuilt)-1])
	mk := func(name string, data []byte, fails bool) Fixture {
		f := good
		f.Name, f.Data, f.DecodeErr, f.Intact = name, data, fails, good.Name
		if fails {
			f.Want = nil
		}
		return f
	}
	return []Fixture{
		mk("png_damaged_text_crc.png", flipCRC("tEXt", 0), false),
		mk("png_damaged_last_idat_crc.png", flipCRC("IDAT", -1), false),
		mk("png_damaged_no_iend.png", noIEND, false),
		mk("png_damaged_adler.png", badAdler(true), false),
		mk("png_damaged_adler_crc.png", badAdler(false), false),
		// Chromium stops at a bad IDAT checksum and shows only the rows before it.
		mk("png_damaged_first_idat_crc.png", flipCRC("IDAT", 0), true),
		mk("png_damaged_ihdr_crc.png", flipCRC("IHDR", 0), true),
		mk("png_damaged_plte_crc.png", flipCRC("PLTE", 0), true),
	}
}

// splitPNG returns the chunks of a well-formed PNG.
func splitPNG(p []byte) [][]byte {
	var cs [][]byte
	for off := 8; off+12 <= len(p); {
		n := int(p[off])<<24 | int(p[off+1])<<16 | int(p[off+2])<<8 | int(p[off+3])
		cs = append(cs, p[off:off+12+n])
		off += 12 + n
	}
	return cs
}

// APNG is an 8×6 three-frame animated PNG: the default image is frame 0 (red, kept),
// frame 1 blends translucent blue at (2,2) and is cleared to background, frame 2
// replaces (0,0)-(2,2) with green and is restored to the previous canvas. It returns
// the composited frames a browser shows.
func APNG() ([]byte, []*image.RGBA) {
	rgba := func(w, h int, c color.NRGBA) []byte {
		p := RawPNG{Width: w, Height: h, ColorType: 6, Depth: 8,
			Sample: func(x, y int) []uint16 { return []uint16{uint16(c.R), uint16(c.G), uint16(c.B), uint16(c.A)} }}
		for _, ch := range splitPNG(p.Encode()) {
			if string(ch[4:8]) == "IDAT" {
				return ch[8 : len(ch)-4]
			}
		}
		panic("no IDAT")
	}
	be32 := func(v int) []byte { return []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)} }
	seq := 0
	fctl := func(w, h, x, y, delayMs int, dispose, blend byte) []byte {
		d := append(be32(seq), be32(w)...)
		d = append(d, be32(h)...)
		d = append(d, be32(x)...)
		d = append(d, be32(y)...)
		d = append(d, byte(delayMs>>8), byte(delayMs), 0x03, 0xe8, dispose, blend) // delay in ms / 1000
		seq++
		return PNGChunk("fcTL", d)
	}
	fdat := func(data []byte) []byte {
		c := PNGChunk("fdAT", append(be32(seq), data...))
		seq++
		return c
	}
	var ihdr [13]byte
	copy(ihdr[:], append(be32(8), be32(6)...))
	ihdr[8], ihdr[9] = 8, 6
	red, half, green := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 128}, color.NRGBA{0, 255, 0, 255}
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, PNGChunk("IHDR", ihdr[:])...)
	out = append(out, PNGChunk("acTL", append(be32(3), be32(0)...))...)
	out = append(out, fctl(8, 6, 0, 0, 100, 0, 0)...)
	out = append(out, PNGChunk("IDAT", rgba(8, 6, red))...)
	out = append(out, fctl(4, 2, 2, 2, 200, 1, 1)...)
	out = append(out, fdat(rgba(4, 2, half))...)
	out = append(out, fctl(2, 2, 0, 0, 300, 2, 0)...)
	out = append(out, fdat(rgba(2, 2, green))...)
	out = append(out, PNGChunk("IEND", nil)...)

	screen := image.Rect(0, 0, 8, 6)
	w1 := image.NewRGBA(screen)
	draw.Draw(w1, screen, image.NewUniform(red), image.Point{}, draw.Src)
	w2 := image.NewRGBA(screen)
	copy(w2.Pix, w1.Pix)
	draw.Draw(w2, image.Rect(2, 2, 6, 4), image.NewUniform(half), image.Point{}, draw.Over)
	w3 := image.NewRGBA(screen)
	copy(w3.Pix, w1.Pix)
	draw.Draw(w3, image.Rect(2, 2, 6, 4), image.Transparent, image.Point{}, draw.Src)
	draw.Draw(w3, image.Rect(0, 0, 2, 2), image.NewUniform(green), image.Point{}, draw.Src)
	return out, []*image.RGBA{w1, w2, w3}
}
