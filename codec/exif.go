package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// TIFF tags codec reads from IFD0.
const (
	tagStripOffsets = 0x0111
	tagOrientation  = 0x0112
	tagTileOffsets  = 0x0144
	tagExtraSamples = 0x0152
)

// maxIFDEntries bounds the IFD walk; real IFD0s have a few dozen entries.
const maxIFDEntries = 1024

// ParseEXIFOrientation returns the orientation stored in an EXIF block: TIFF-structured
// data in either byte order, optionally preceded by the "Exif\0\0" marker of a JPEG APP1
// segment. Only IFD0 is read, entry by entry within the buffer, so any input is parsed in
// bounded time. A block without an orientation tag yields 1 (up) and no error; malformed
// data or a value outside 1..8 yields 1 and an ErrCorrupt error.
func ParseEXIFOrientation(exif []byte) (Orientation, error) {
	v, found, err := tiffTag(exif, tagOrientation)
	if err != nil {
		return 1, corrupt(Unknown, errors.New("exif: "+err.Error()))
	}
	if !found {
		return 1, nil
	}
	if v < 1 || v > 8 {
		return 1, newErr(Unknown, ErrCorrupt, "exif: orientation %d out of range", v)
	}
	return Orientation(v), nil
}

// tiffTag finds tag in IFD0 of TIFF-structured data and returns its first value when
// that value is an inline BYTE, SHORT or LONG.
func tiffTag(b []byte, tag uint16) (uint32, bool, error) {
	v, _, found, err := tiffEntry(b, tag)
	return v, found, err
}

// tiffEntry is tiffTag that also returns the entry's value count.
func tiffEntry(b []byte, tag uint16) (uint32, uint32, bool, error) {
	b = bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
	if len(b) < 8 {
		return 0, 0, false, errors.New("header too short")
	}
	var bo binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 0, 0, false, errors.New("no TIFF header")
	}
	off := int64(bo.Uint32(b[4:8]))
	if off < 8 || off > int64(len(b))-2 {
		return 0, 0, false, errors.New("IFD0 offset out of range")
	}
	n := int(bo.Uint16(b[off:]))
	if n > maxIFDEntries {
		return 0, 0, false, errors.New("too many IFD entries")
	}
	p := int(off) + 2
	for i := 0; i < n; i++ {
		if p+12 > len(b) {
			return 0, 0, false, errors.New("IFD0 truncated")
		}
		e := b[p : p+12]
		p += 12
		if bo.Uint16(e[0:2]) != tag {
			continue
		}
		count := bo.Uint32(e[4:8])
		if count == 0 {
			return 0, 0, false, errors.New("tag has no value")
		}
		switch bo.Uint16(e[2:4]) {
		case 1: // BYTE
			return uint32(e[8]), count, true, nil
		case 3: // SHORT
			return uint32(bo.Uint16(e[8:10])), count, true, nil
		case 4: // LONG
			return bo.Uint32(e[8:12]), count, true, nil
		}
		return 0, 0, false, errors.New("tag has an unexpected type")
	}
	return 0, 0, false, nil
}
