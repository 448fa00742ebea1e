package codec

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/adler32"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"strings"
)

// Chromium decodes PNGs progressively, so damage found after the image data is
// complete does not stop it from showing the whole picture: checksum errors in
// ancillary chunks and in the last IDAT chunk, a wrong zlib Adler-32, a missing IEND.
// image/png rejects all of those; decodePNG repairs exactly them (the damaged fixtures
// and TestChromiumReference pin the behaviour). Damage earlier than that (IHDR, PLTE
// or a non-final IDAT checksum) leaves Chromium with part of the image or nothing,
// and stays an ErrCorrupt error here.

// pngRepairCRC fixes the CRC of ancillary chunks and of the last IDAT, and supplies a
// missing IEND after the last complete chunk. It returns data itself when nothing
// needs fixing.
func pngRepairCRC(data []byte) ([]byte, error) {
	const sigLen = 8
	var bad []int // offsets of chunks whose CRC must be rewritten
	badIDAT := -1 // offset of the first IDAT with a bad CRC
	lastIDAT := -1
	off, iend := sigLen, false
	for off+12 <= len(data) && !iend {
		n := int(binary.BigEndian.Uint32(data[off:]))
		if n > len(data)-off-12 {
			break // cut inside this chunk: a truncation, which stays an error
		}
		typ := string(data[off+4 : off+8])
		if typ == "IDAT" {
			lastIDAT = off
		}
		want := binary.BigEndian.Uint32(data[off+8+n:])
		if crc32.ChecksumIEEE(data[off+4:off+8+n]) != want {
			switch {
			case typ == "IHDR" || typ == "PLTE":
				return nil, errors.New("png: bad " + typ + " checksum")
			case typ == "IDAT" && badIDAT < 0:
				badIDAT = off
			}
			bad = append(bad, off)
		}
		iend = typ == "IEND"
		off += 12 + n
	}
	if badIDAT >= 0 && badIDAT != lastIDAT {
		return nil, errors.New("png: bad IDAT checksum before the end of the image data")
	}
	addIEND := !iend && off == len(data) && off > sigLen
	if len(bad) == 0 && !addIEND {
		return data, nil
	}
	fixed := make([]byte, len(data), len(data)+12)
	copy(fixed, data)
	for _, o := range bad {
		n := int(binary.BigEndian.Uint32(fixed[o:]))
		binary.BigEndian.PutUint32(fixed[o+8+n:], crc32.ChecksumIEEE(fixed[o+4:o+8+n]))
	}
	if addIEND {
		fixed = append(fixed, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82)
	}
	return fixed, nil
}

// pngRepairAdler rebuilds a PNG whose image data has a wrong Adler-32: the IDAT chunks
// are joined into one whose trailer holds the checksum of what the stream inflates to.
// Inflating stops at maxRaw bytes, the most the header allows, so a bomb costs nothing.
func pngRepairAdler(data []byte, maxRaw int64) ([]byte, error) {
	var before, stream, after []byte
	off := 8
	for off+12 <= len(data) {
		n := int(binary.BigEndian.Uint32(data[off:]))
		if n > len(data)-off-12 {
			return nil, io.ErrUnexpectedEOF
		}
		chunk := data[off : off+12+n]
		switch {
		case string(chunk[4:8]) == "IDAT":
			stream = append(stream, chunk[8:8+n]...)
		case stream == nil:
			before = append(before, chunk...)
		default:
			after = append(after, chunk...)
		}
		off += 12 + n
	}
	if len(stream) < 6 {
		return nil, errors.New("png: no image data")
	}
	h := adler32.New()
	if _, err := io.Copy(h, io.LimitReader(flate.NewReader(bytes.NewReader(stream[2:])), maxRaw)); err != nil {
		return nil, err
	}
	binary.BigEndian.PutUint32(stream[len(stream)-4:], h.Sum32())
	out := append([]byte{}, data[:8]...)
	out = append(out, before...)
	idat := binary.BigEndian.AppendUint32(nil, uint32(len(stream)))
	idat = append(idat, "IDAT"...)
	idat = append(idat, stream...)
	idat = binary.BigEndian.AppendUint32(idat, crc32.ChecksumIEEE(idat[4:]))
	out = append(out, idat...)
	return append(out, after...), nil
}

func decodePNG(data []byte, cfg Config) (image.Image, error) {
	fixed, err := pngRepairCRC(data)
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(fixed))
	if err == nil || !strings.Contains(err.Error(), "zlib: invalid checksum") {
		return img, err
	}
	// 16-bit RGBA with a filter byte per row is the most a row can hold.
	maxRaw := cfg.Pixels()*8 + int64(cfg.Height)*2 + 1024
	if fixed, err = pngRepairAdler(fixed, maxRaw); err != nil {
		return nil, err
	}
	return png.Decode(bytes.NewReader(fixed))
}
