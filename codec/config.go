package codec

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image/color"
	"io"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// Config is what a file's headers say about the image.
type Config struct {
	Format Format
	// Width and Height are the stored size, before Orientation is applied (as
	// wx.getImageInfo reports them).
	Width, Height int
	// Orientation is the EXIF orientation (1 when absent).
	Orientation Orientation
	// HasAlpha reports whether the image may have non-opaque pixels.
	HasAlpha bool
	// Frames is the number of frames: 1 for still images, more for animations.
	Frames int
}

// DisplayOrientation is the orientation browsers apply when they draw the image:
// Config.Orientation, except for WebP, whose EXIF orientation Chromium ignores (checked
// by TestChromiumReference). Canvas drawing uses this one; wx.getImageInfo reports
// Orientation, the value stored in the file.
func (c Config) DisplayOrientation() Orientation {
	if c.Format == WebP || c.Orientation < 1 || c.Orientation > 8 {
		return 1
	}
	return c.Orientation
}

// Pixels returns Width*Height.
func (c Config) Pixels() int64 { return int64(c.Width) * int64(c.Height) }

// maxMetaChunk bounds the metadata chunk (EXIF) codec is willing to read into memory.
const maxMetaChunk = 1 << 20

// DecodeConfig reads the headers of an image without decoding its pixels. For GIF it
// walks the whole block structure (without LZW decoding) to count frames; for WebP and
// PNG it walks chunk headers; TIFF is read whole since its directory can sit anywhere.
func DecodeConfig(r io.Reader) (Config, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(SniffLen)
	f := Sniff(head)
	if f == Unknown {
		if len(head) == 0 {
			return Config{}, newErr(Unknown, ErrUnsupportedFormat, "empty input")
		}
		return Config{}, newErr(Unknown, ErrUnsupportedFormat, "unrecognised data")
	}
	if !decodable(f) {
		return Config{Format: f}, &Error{Format: f, Kind: ErrUnsupportedFormat}
	}
	c, err := readConfig(br, f)
	c.Format = f
	if c.Orientation == 0 {
		c.Orientation = 1
	}
	if err != nil {
		return c, corrupt(f, err)
	}
	if c.Width <= 0 || c.Height <= 0 {
		return c, newErr(f, ErrCorrupt, "invalid size %dx%d", c.Width, c.Height)
	}
	return c, nil
}

func readConfig(br *bufio.Reader, f Format) (Config, error) {
	switch f {
	case JPEG:
		return jpegConfig(br)
	case PNG:
		return pngConfig(br)
	case GIF:
		g, err := scanGIF(br)
		return g.config(), err
	case WebP:
		w, err := scanWebP(br)
		return w.config(), err
	case BMP:
		c, err := bmp.DecodeConfig(br)
		if errors.Is(err, bmp.ErrUnsupported) {
			// Valid but beyond golang.org/x/image/bmp: RLE, 16-bit, custom bit fields.
			return Config{}, newErr(BMP, ErrUnsupportedFormat, "RLE, 16-bit and bit-field BMPs are not decoded")
		}
		if err != nil {
			return Config{}, err
		}
		return Config{Width: c.Width, Height: c.Height, HasAlpha: c.ColorModel == color.NRGBAModel, Frames: 1}, nil
	case TIFF:
		data, err := io.ReadAll(br)
		if err != nil {
			return Config{}, err
		}
		return tiffConfig(data)
	}
	return Config{}, &Error{Format: f, Kind: ErrUnsupportedFormat}
}

// maxTIFFBlocks bounds the strips or tiles of a TIFF: each costs golang.org/x/image/tiff
// a decompressor set-up, so a small file of millions of 1×1 tiles would take minutes.
// Real files have at most a few thousand (one row per strip at 50 MP is 7000).
const maxTIFFBlocks = 1 << 16

func tiffConfig(data []byte) (Config, error) {
	for _, tag := range []uint16{tagStripOffsets, tagTileOffsets} {
		if _, n, ok, _ := tiffEntry(data, tag); ok && n > maxTIFFBlocks {
			return Config{}, fmt.Errorf("%d strips or tiles exceed the limit of %d", n, maxTIFFBlocks)
		}
	}
	c, err := tiff.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		var ue tiff.UnsupportedError
		if errors.As(err, &ue) {
			return Config{}, newErr(TIFF, ErrUnsupportedFormat, "%s", ue.Error())
		}
		return Config{}, err
	}
	cfg := Config{Width: c.Width, Height: c.Height, Frames: 1, Orientation: 1}
	if o, _ := ParseEXIFOrientation(data); o >= 1 {
		cfg.Orientation = o
	}
	if v, ok, _ := tiffTag(data, tagExtraSamples); ok && (v == 1 || v == 2) {
		cfg.HasAlpha = true
	}
	if c.ColorModel == color.NRGBAModel || c.ColorModel == color.NRGBA64Model {
		cfg.HasAlpha = true
	}
	return cfg, nil
}

// jpegConfig walks the markers up to the frame header, picking up the EXIF APP1 on the way.
func jpegConfig(br *bufio.Reader) (Config, error) {
	c := Config{Frames: 1, Orientation: 1}
	var soi [2]byte
	if _, err := io.ReadFull(br, soi[:]); err != nil {
		return c, err
	}
	seenExif := false
	for {
		b, err := br.ReadByte()
		if err != nil {
			return c, errNoFrame(err)
		}
		if b != 0xff {
			continue // junk between segments, which decoders skip
		}
		m, err := br.ReadByte()
		for err == nil && m == 0xff {
			m, err = br.ReadByte()
		}
		if err != nil {
			return c, errNoFrame(err)
		}
		switch {
		case m == 0x00 || m == 0x01 || m == 0xd8 || (m >= 0xd0 && m <= 0xd7):
			continue // no length field
		case m == 0xd9 || m == 0xda:
			return c, errors.New("no frame header before image data")
		}
		var lb [2]byte
		if _, err := io.ReadFull(br, lb[:]); err != nil {
			return c, errNoFrame(err)
		}
		n := int(binary.BigEndian.Uint16(lb[:])) - 2
		if n < 0 {
			return c, errors.New("bad segment length")
		}
		switch {
		case m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc: // SOFn
			var sof [6]byte
			if n < 6 {
				return c, errors.New("short frame header")
			}
			if _, err := io.ReadFull(br, sof[:]); err != nil {
				return c, errNoFrame(err)
			}
			c.Height = int(binary.BigEndian.Uint16(sof[1:3]))
			c.Width = int(binary.BigEndian.Uint16(sof[3:5]))
			if sof[5] != 1 && sof[5] != 3 && sof[5] != 4 {
				return c, fmt.Errorf("%d colour components", sof[5])
			}
			return c, nil
		case m == 0xe1 && !seenExif:
			seg := make([]byte, n) // n < 64 KiB by the length field's width
			if _, err := io.ReadFull(br, seg); err != nil {
				return c, errNoFrame(err)
			}
			if bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
				seenExif = true
				c.Orientation, _ = ParseEXIFOrientation(seg)
			}
		default:
			if _, err := br.Discard(n); err != nil {
				return c, errNoFrame(err)
			}
		}
	}
}

func errNoFrame(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// pngConfig reads IHDR and the chunks before the image data: tRNS (alpha), acTL (APNG
// frame count) and eXIf (orientation).
func pngConfig(br *bufio.Reader) (Config, error) {
	c := Config{Frames: 1, Orientation: 1}
	if _, err := br.Discard(8); err != nil {
		return c, err
	}
	for i := 0; ; i++ {
		var h [8]byte
		if _, err := io.ReadFull(br, h[:]); err != nil {
			return c, errNoFrame(err)
		}
		n := binary.BigEndian.Uint32(h[:4])
		typ := string(h[4:8])
		if n > 0x7fffffff {
			return c, errors.New("chunk length out of range")
		}
		if i == 0 && (typ != "IHDR" || n != 13) {
			return c, errors.New("missing IHDR")
		}
		switch {
		case typ == "IHDR":
			var d [13]byte
			if _, err := io.ReadFull(br, d[:]); err != nil {
				return c, errNoFrame(err)
			}
			c.Width = int(binary.BigEndian.Uint32(d[0:4]))
			c.Height = int(binary.BigEndian.Uint32(d[4:8]))
			if d[0]&0x80 != 0 || d[4]&0x80 != 0 {
				return c, errors.New("dimension out of range")
			}
			ct := d[9]
			c.HasAlpha = ct == 4 || ct == 6
			if _, err := br.Discard(4); err != nil {
				return c, errNoFrame(err)
			}
			continue
		case typ == "IDAT":
			return c, nil
		case typ == "tRNS":
			c.HasAlpha = true
		case typ == "acTL" && n == 8:
			var d [8]byte
			if _, err := io.ReadFull(br, d[:]); err != nil {
				return c, errNoFrame(err)
			}
			if f := binary.BigEndian.Uint32(d[0:4]); f > 1 && f < 1<<31 {
				c.Frames = int(f)
			}
			n = 0
		case typ == "eXIf" && n <= maxMetaChunk:
			d := make([]byte, n)
			if _, err := io.ReadFull(br, d); err != nil {
				return c, errNoFrame(err)
			}
			c.Orientation, _ = ParseEXIFOrientation(d)
			n = 0
		}
		if _, err := br.Discard(int(n) + 4); err != nil {
			return c, errNoFrame(err)
		}
	}
}
