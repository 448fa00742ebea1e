package codec

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/draw"
	"image/gif"
	"io"
	"time"
)

// gifScan is the block structure of a GIF, read without LZW-decoding any frame.
type gifScan struct {
	// width and height are the displayed size. Like Chromium, a first frame reaching
	// past the logical screen grows it to the frame's bottom-right corner; later frames
	// are clipped to it.
	width, height int
	// screenW, screenH are the stored logical screen; extentW, extentH also cover
	// every frame, the canvas image/gif needs to accept them all.
	screenW, screenH int
	extentW, extentH int
	loopCount        int // NETSCAPE2.0 repeat count; -1 when absent
	frames           int
	transparent      bool // some frame uses a transparent index
	partial          bool // first frame does not cover the screen
	lastFrameEnd     int64
	trailer          bool
}

func (g gifScan) config() Config {
	return Config{Width: g.width, Height: g.height, Frames: g.frames, HasAlpha: g.transparent || g.partial, Orientation: 1}
}

// scanGIF walks the blocks of a GIF. A file that stops after at least one complete frame
// is not an error (browsers show such files): trailer is then false and lastFrameEnd
// marks where the complete frames end.
func scanGIF(br *bufio.Reader) (gifScan, error) {
	g := gifScan{loopCount: -1}
	var off int64
	read := func(p []byte) error {
		n, err := io.ReadFull(br, p)
		off += int64(n)
		return errNoFrame(err)
	}
	skip := func(n int) error {
		d, err := br.Discard(n)
		off += int64(d)
		return errNoFrame(err)
	}
	skipSubBlocks := func() error {
		for {
			n, err := br.ReadByte()
			if err != nil {
				return errNoFrame(err)
			}
			off++
			if n == 0 {
				return nil
			}
			if err := skip(int(n)); err != nil {
				return err
			}
		}
	}
	var h [13]byte
	if err := read(h[:]); err != nil {
		return g, err
	}
	g.screenW = int(binary.LittleEndian.Uint16(h[6:8]))
	g.screenH = int(binary.LittleEndian.Uint16(h[8:10]))
	g.width, g.height = g.screenW, g.screenH
	g.extentW, g.extentH = g.screenW, g.screenH
	if h[10]&0x80 != 0 {
		if err := skip(3 << (h[10]&7 + 1)); err != nil {
			return g, err
		}
	}
	ended := func(err error) (gifScan, error) {
		if g.frames > 0 {
			return g, nil
		}
		return g, err
	}
	for {
		b, err := br.ReadByte()
		if err != nil {
			return ended(errNoFrame(err))
		}
		off++
		switch b {
		case 0x3b:
			g.trailer = true
			if g.frames == 0 {
				return g, errors.New("no image frames")
			}
			return g, nil
		case 0x21:
			var label [1]byte
			if err := read(label[:]); err != nil {
				return ended(err)
			}
			switch label[0] {
			case 0xf9: // graphic control
				var gce [6]byte
				if err := read(gce[:]); err != nil {
					return ended(err)
				}
				if gce[0] == 4 && gce[1]&1 != 0 {
					g.transparent = true
				}
				if gce[0] != 4 || gce[5] != 0 {
					return ended(errors.New("bad graphic control extension"))
				}
			case 0xff: // application: NETSCAPE2.0 carries the loop count
				var app [12]byte
				if err := read(app[:]); err != nil {
					return ended(err)
				}
				if app[0] == 11 && (string(app[1:12]) == "NETSCAPE2.0" || string(app[1:12]) == "ANIMEXTS1.0") {
					var sub [4]byte
					if err := read(sub[:]); err != nil {
						return ended(err)
					}
					if sub[0] == 3 && sub[1] == 1 {
						g.loopCount = int(binary.LittleEndian.Uint16(sub[2:4]))
					}
					if sub[0] == 0 {
						continue
					}
					if err := skip(int(sub[0]) - 3); err != nil {
						return ended(err)
					}
				} else if err := skip(int(app[0]) - 11); err != nil {
					return ended(err)
				}
				if err := skipSubBlocks(); err != nil {
					return ended(err)
				}
			default:
				if err := skipSubBlocks(); err != nil {
					return ended(err)
				}
			}
		case 0x2c:
			var d [9]byte
			if err := read(d[:]); err != nil {
				return ended(err)
			}
			left, top := int(binary.LittleEndian.Uint16(d[0:2])), int(binary.LittleEndian.Uint16(d[2:4]))
			w, hh := int(binary.LittleEndian.Uint16(d[4:6])), int(binary.LittleEndian.Uint16(d[6:8]))
			if g.frames == 0 {
				g.width, g.height = max(g.width, left+w), max(g.height, top+hh)
				g.partial = left != 0 || top != 0 || w != g.width || hh != g.height
			}
			g.extentW, g.extentH = max(g.extentW, g.width, left+w), max(g.extentH, g.height, top+hh)
			if g.extentW > 0xffff || g.extentH > 0xffff {
				return g, errors.New("frame reaches past the 65535×65535 GIF canvas")
			}
			if d[8]&0x80 != 0 {
				if err := skip(3 << (d[8]&7 + 1)); err != nil {
					return ended(err)
				}
			}
			if err := skip(1); err != nil { // LZW minimum code size
				return ended(err)
			}
			if err := skipSubBlocks(); err != nil {
				return ended(err)
			}
			g.frames++
			g.lastFrameEnd = off
		default:
			return ended(errors.New("unknown block type"))
		}
	}
}

// gifData returns data ready for image/gif: a file cut short after complete frames is
// cut back to them and given its trailer, the way browsers display what arrived, and a
// logical screen that some frame overflows is widened to hold every frame (image/gif
// rejects such frames; browsers grow or clip, which decodeGIF does afterwards).
func gifData(data []byte, g gifScan) []byte {
	truncated := !g.trailer && g.lastFrameEnd > 0 && g.lastFrameEnd <= int64(len(data))
	grown := g.extentW != g.screenW || g.extentH != g.screenH
	if !truncated && !grown {
		return data
	}
	end := int64(len(data))
	if truncated {
		end = g.lastFrameEnd
	}
	fixed := make([]byte, end, end+1)
	copy(fixed, data[:end])
	if truncated {
		fixed = append(fixed, 0x3b)
	}
	if grown {
		binary.LittleEndian.PutUint16(fixed[6:8], uint16(g.extentW))
		binary.LittleEndian.PutUint16(fixed[8:10], uint16(g.extentH))
	}
	return fixed
}

// extentPixels is the area of the canvas decoding needs, which the pixel limit covers.
func (g gifScan) extentPixels() int64 { return int64(g.extentW) * int64(g.extentH) }

// decodeGIF decodes the first frame (all=false) or every frame, composited onto the full
// logical screen with the disposal methods applied, as browsers display them.
func decodeGIF(data []byte, g gifScan, all bool) (*Animation, error) {
	data = gifData(data, g)
	var gg *gif.GIF
	if all {
		var err error
		if gg, err = gif.DecodeAll(bytes.NewReader(data)); err != nil {
			return nil, err
		}
	} else {
		m, err := gif.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		p, ok := m.(*image.Paletted)
		if !ok {
			return nil, errors.New("unexpected frame type")
		}
		gg = &gif.GIF{Image: []*image.Paletted{p}, Delay: []int{0}, Disposal: []byte{0}, LoopCount: g.loopCount}
	}
	screen := image.Rect(0, 0, g.extentW, g.extentH)
	display := image.Rect(0, 0, g.width, g.height)
	a := &Animation{LoopCount: gifPlays(g.loopCount)}
	canvas := image.NewRGBA(screen)
	var saved *image.RGBA
	for i, fr := range gg.Image {
		disposal := byte(0)
		if i < len(gg.Disposal) {
			disposal = gg.Disposal[i]
		}
		r := fr.Rect.Intersect(screen)
		if disposal == gif.DisposalPrevious {
			if saved == nil {
				saved = image.NewRGBA(screen)
			}
			copy(saved.Pix, canvas.Pix)
		}
		draw.Draw(canvas, r, fr, r.Min, draw.Over)
		out := canvas
		if all || display != screen {
			out = image.NewRGBA(display)
			draw.Draw(out, display, canvas, image.Point{}, draw.Src)
		}
		delay := 0
		if i < len(gg.Delay) {
			delay = gg.Delay[i]
		}
		a.Frames = append(a.Frames, Frame{Image: out, Delay: time.Duration(delay) * 10 * time.Millisecond})
		switch disposal {
		case gif.DisposalBackground: // browsers clear to transparent, not to the background colour
			draw.Draw(canvas, r, image.Transparent, image.Point{}, draw.Src)
		case gif.DisposalPrevious:
			copy(canvas.Pix, saved.Pix)
		}
	}
	return a, nil
}

// gifPlays converts the NETSCAPE repeat count (absent = play once, 0 = forever, n =
// repeat n more times) to Animation.LoopCount (0 = forever, n = play n times).
func gifPlays(loop int) int {
	switch {
	case loop < 0:
		return 1
	case loop == 0:
		return 0
	}
	return loop + 1
}
