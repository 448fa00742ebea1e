package audio

import (
	"bytes"
	"encoding/binary"
	"io"

	mp3 "github.com/hajimehoshi/go-mp3"
)

// mp3 frame header fields needed to trim the decoded stream the way Chromium (FFmpeg) does.
type mp3Info struct {
	mono          bool
	samples       int // per frame
	hasInfoFrame  bool
	delay, pad    int
	haveDelayInfo bool
}

// skipID3 returns the offset of the first byte after an ID3v2 tag.
func skipID3(data []byte) int {
	if len(data) >= 10 && string(data[:3]) == "ID3" {
		size := int(data[6]&0x7f)<<21 | int(data[7]&0x7f)<<14 | int(data[8]&0x7f)<<7 | int(data[9]&0x7f)
		n := 10 + size
		if data[5]&0x10 != 0 {
			n += 10
		}
		return min(n, len(data))
	}
	return 0
}

var mp3Rates = [3][3]int{{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}}

// parseMP3Header reads a layer III frame header at p.
func parseMP3Header(p []byte) (info mp3Info, ok bool) {
	if len(p) < 4 || p[0] != 0xff || p[1]&0xe0 != 0xe0 {
		return info, false
	}
	ver := (p[1] >> 3) & 3 // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
	layer := (p[1] >> 1) & 3
	if ver == 1 || layer != 1 || (p[2]>>4) == 15 || (p[2]>>2)&3 == 3 {
		return info, false
	}
	info.mono = p[3]>>6 == 3
	info.samples = 1152
	if ver != 3 {
		info.samples = 576
	}
	// Xing/Info tag position after the side information.
	side := 32
	switch {
	case ver == 3 && info.mono:
		side = 17
	case ver != 3 && !info.mono:
		side = 17
	case ver != 3 && info.mono:
		side = 9
	}
	off := 4 + side
	if len(p) >= off+8 && (string(p[off:off+4]) == "Xing" || string(p[off:off+4]) == "Info") {
		info.hasInfoFrame = true
		flags := binary.BigEndian.Uint32(p[off+4:])
		q := off + 8
		if flags&1 != 0 {
			q += 4
		}
		if flags&2 != 0 {
			q += 4
		}
		if flags&4 != 0 {
			q += 100
		}
		if flags&8 != 0 {
			q += 4
		}
		// LAME extension: delay and padding as two 12-bit numbers at byte 21.
		if len(p) >= q+24 && (string(p[q:q+4]) == "LAME" || string(p[q:q+4]) == "Lavc" || string(p[q:q+4]) == "Lavf") {
			d := p[q+21:]
			info.delay = int(d[0])<<4 | int(d[1])>>4
			info.pad = int(d[1]&0x0f)<<8 | int(d[2])
			info.haveDelayInfo = true
		}
	}
	return info, true
}

func isMP3(data []byte) bool {
	p := data[skipID3(data):]
	// Allow some junk before the first frame, but demand that the candidate frame is
	// followed by another one (or ends the file): a lone sync-like byte pair occurs in
	// other containers (M4A, WebM) often enough to misroute them.
	for i := 0; i+4 <= len(p) && i < 4096; i++ {
		if _, ok := parseMP3Header(p[i:]); !ok {
			continue
		}
		n := mp3FrameLen(p[i:])
		if n <= 0 {
			continue
		}
		next := i + n
		if next == len(p) {
			return true
		}
		if next+4 <= len(p) {
			if _, ok := parseMP3Header(p[next:]); ok {
				return true
			}
		}
	}
	return false
}

// Layer III bitrates in kbit/s by bitrate index, for MPEG-1 and for MPEG-2/2.5.
var (
	mp3Bitrates1 = [15]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
	mp3Bitrates2 = [15]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}
)

// mp3FrameLen is the byte length of the Layer III frame whose header starts p (already
// validated by parseMP3Header), or 0 for free-format frames, whose length the header
// does not give.
func mp3FrameLen(p []byte) int {
	ver := (p[1] >> 3) & 3
	bi := int(p[2] >> 4)
	si := int(p[2]>>2) & 3
	pad := int(p[2]>>1) & 1
	rates := [3]int{44100, 48000, 32000}
	kbps, coef := mp3Bitrates1[bi], 144000
	switch ver {
	case 2: // MPEG-2
		rates = [3]int{22050, 24000, 16000}
		kbps, coef = mp3Bitrates2[bi], 72000
	case 0: // MPEG-2.5
		rates = [3]int{11025, 12000, 8000}
		kbps, coef = mp3Bitrates2[bi], 72000
	}
	if kbps == 0 {
		return 0
	}
	return coef*kbps/rates[si] + pad
}

// mp3DecoderDelay is the synthesis filterbank's delay, which FFmpeg (and so Chromium) removes.
const mp3DecoderDelay = 529

func decodeMP3(data []byte) (*AudioBuffer, error) {
	start := skipID3(data)
	var info mp3Info
	for i := start; i+4 <= len(data); i++ {
		if h, ok := parseMP3Header(data[i:]); ok {
			info = h
			break
		}
	}
	d, err := mp3.NewDecoder(bytes.NewReader(data))
	if err != nil {
		return nil, errorf(ErrDecode, "mp3: %v", err)
	}
	lw := &limitWriter{limit: MaxBufferSamples * 2} // 16-bit stereo: 4 bytes per frame, 2 samples
	if _, err := io.Copy(lw, d); err != nil {
		if lw.buf.Len() == 0 {
			return nil, errorf(ErrDecode, "mp3: %v", err)
		}
		// A damaged tail still yields the frames before it, as browsers do.
	}
	pcm := lw.buf.Bytes()
	frames := len(pcm) / 4
	// go-mp3 decodes the Xing/Info frame as a frame of silence; FFmpeg skips it.
	skip := mp3DecoderDelay
	if info.hasInfoFrame {
		skip += info.samples
	}
	end := frames
	if info.haveDelayInfo {
		skip += info.delay
		end -= max(0, info.pad-mp3DecoderDelay)
	}
	if end-skip < 1 {
		return nil, errorf(ErrDecode, "mp3: no audio frames")
	}
	chans := 2
	if info.mono {
		chans = 1
	}
	n := end - skip
	out := make([][]float32, chans)
	for c := range out {
		out[c] = make([]float32, n)
		for i := 0; i < n; i++ {
			v := int16(binary.LittleEndian.Uint16(pcm[4*(skip+i)+2*c:]))
			out[c][i] = float32(v) / 32768
		}
	}
	return newDecoded(out, float64(d.SampleRate()))
}
