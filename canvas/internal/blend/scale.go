package blend

import "encoding/binary"

// Scale multiplies every channel of the premultiplied pixels in px by f/255,
// rounding to nearest. The canvas uses it to fold globalAlpha into a shaded span
// before compositing (the operators expect it in the source).
func Scale(px []uint8, f uint8) {
	if f == 255 {
		return
	}
	if f == 0 {
		clear(px)
		return
	}
	ff := uint64(f)
	j := 0
	for ; j+8 <= len(px); j += 8 {
		binary.LittleEndian.PutUint64(px[j:], mulDiv255Lanes64(binary.LittleEndian.Uint64(px[j:]), ff))
	}
	for ; j < len(px); j++ {
		px[j] = uint8(div255(uint32(px[j]) * uint32(f)))
	}
}

// ScaleByCoverage multiplies each pixel of px by its coverage value/255. For the
// operators that ClearsOutsideShape, the canvas folds the shape's coverage into
// the source this way and composites the whole clip region with the clip as
// coverage, which is how Chromium's layer-based drawing treats shape edges.
func ScaleByCoverage(px, cov []uint8) {
	n := min(len(px)/4, len(cov))
	for i := 0; i < n; i++ {
		c := cov[i]
		if c == 255 {
			continue
		}
		j := 4 * i
		if c == 0 {
			binary.LittleEndian.PutUint32(px[j:], 0)
			continue
		}
		binary.LittleEndian.PutUint32(px[j:], mulDiv255Lanes(binary.LittleEndian.Uint32(px[j:]), uint32(c)))
	}
}
