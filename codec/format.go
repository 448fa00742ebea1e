package codec

import (
	"bytes"
	"encoding/binary"
)

// Format names a file format the way wx.getImageInfo's type field does, extended to
// every format mediad recognises. The empty Format means unknown.
type Format string

// Formats recognised by Sniff. Only the image formats in the first group decode.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
	BMP  Format = "bmp"
	TIFF Format = "tiff"

	HEIC Format = "heic"
	AVIF Format = "avif"
	JXL  Format = "jxl"
	ICO  Format = "ico"
	SVG  Format = "svg"
	PDF  Format = "pdf"
	MP4  Format = "mp4"
	MOV  Format = "mov"
	WebM Format = "webm"
	MKV  Format = "mkv"
	AVI  Format = "avi"
	WAV  Format = "wav"
	MP3  Format = "mp3"
	AAC  Format = "aac"
	FLAC Format = "flac"
	OGG  Format = "ogg"

	Unknown Format = ""
)

// SniffLen is the number of leading bytes Sniff needs to recognise every format.
const SniffLen = 64

// Sniff recognises a format from the first bytes of a file (SniffLen are enough; fewer
// may still be recognised). It never looks at file names.
func Sniff(head []byte) Format {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	has := func(off int, s string) bool {
		return len(head) >= off+len(s) && string(head[off:off+len(s)]) == s
	}
	switch {
	case has(0, "\xff\xd8\xff"):
		return JPEG
	case has(0, "\x89PNG\r\n\x1a\n"):
		return PNG
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return GIF
	case has(0, "RIFF") && has(8, "WEBP"):
		return WebP
	case has(0, "RIFF") && has(8, "WAVE"), has(0, "RIFX") && has(8, "WAVE"):
		return WAV
	case has(0, "RIFF") && has(8, "AVI "):
		return AVI
	case has(0, "II*\x00"), has(0, "MM\x00*"), has(0, "II+\x00"), has(0, "MM\x00+"):
		return TIFF
	case has(0, "BM") && isBMPHeader(head):
		return BMP
	case has(0, "%PDF-"):
		return PDF
	case has(4, "ftyp"):
		return sniffFtyp(head)
	case has(0, "\xff\x0a"), has(0, "\x00\x00\x00\x0cJXL \r\n\x87\n"):
		return JXL
	case has(0, "\x1a\x45\xdf\xa3"):
		if bytes.Contains(head, []byte("webm")) {
			return WebM
		}
		return MKV
	case has(0, "fLaC"):
		return FLAC
	case has(0, "OggS"):
		return OGG
	case has(0, "ID3"):
		return MP3
	case has(0, "\x00\x00\x01\x00") && len(head) >= 6 && head[4]|head[5] != 0:
		return ICO
	}
	if f := sniffMPEGAudio(head); f != Unknown {
		return f
	}
	if isSVG(head) {
		return SVG
	}
	return Unknown
}

// isBMPHeader checks the DIB header size, since "BM" alone is common in text.
func isBMPHeader(head []byte) bool {
	if len(head) < 18 {
		return false
	}
	switch binary.LittleEndian.Uint32(head[14:18]) {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// sniffFtyp tells the ISO-BMFF family apart by its major and compatible brands.
func sniffFtyp(head []byte) Format {
	size := int(binary.BigEndian.Uint32(head[0:4]))
	end := min(len(head), max(size, 16))
	if len(head) < 12 {
		return MP4
	}
	brands := []string{string(head[8:12])}
	for off := 16; off+4 <= end; off += 4 {
		brands = append(brands, string(head[off:off+4]))
	}
	isAny := func(set ...string) bool {
		for _, b := range brands {
			for _, s := range set {
				if b == s {
					return true
				}
			}
		}
		return false
	}
	// The major brand decides first: mif1 files list both heic and avif brands.
	switch major := brands[0]; {
	case major == "avif" || major == "avis":
		return AVIF
	case major == "heic" || major == "heix" || major == "heim" || major == "heis" || major == "hevc" || major == "hevx":
		return HEIC
	case major == "qt  ":
		return MOV
	case major == "mif1" || major == "msf1":
		if isAny("avif", "avis") {
			return AVIF
		}
		return HEIC
	}
	if isAny("avif", "avis") {
		return AVIF
	}
	if isAny("heic", "heix", "mif1") {
		return HEIC
	}
	return MP4
}

// sniffMPEGAudio recognises a bare MPEG audio frame header (MP3 without ID3) or an
// ADTS AAC header by its sync word and valid field values.
func sniffMPEGAudio(head []byte) Format {
	if len(head) < 4 || head[0] != 0xff || head[1]&0xe0 != 0xe0 {
		return Unknown
	}
	layer := (head[1] >> 1) & 3
	version := (head[1] >> 3) & 3
	if layer == 0 && head[1]&0xf6 == 0xf0 { // ADTS: MPEG-4/2 AAC, layer bits 00
		if (head[2]>>2)&0xf < 13 {
			return AAC
		}
		return Unknown
	}
	bitrate := head[2] >> 4
	rate := (head[2] >> 2) & 3
	if version == 1 || layer == 0 || bitrate == 0 || bitrate == 15 || rate == 3 {
		return Unknown
	}
	return MP3
}

func isSVG(head []byte) bool {
	h := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	if bytes.HasPrefix(h, []byte("<svg")) {
		return true
	}
	return bytes.HasPrefix(h, []byte("<?xml")) && bytes.Contains(h, []byte("<svg"))
}

// decodable reports whether Decode can produce pixels for f.
func decodable(f Format) bool {
	switch f {
	case JPEG, PNG, GIF, WebP, BMP, TIFF:
		return true
	}
	return false
}
