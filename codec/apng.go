package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/draw"
	"image/png"
	"time"
)

// APNG frames are decoded by rewriting each one as a standalone PNG (the file's IHDR
// with the frame's size, its PLTE and tRNS, the frame's fdAT data as IDAT) for
// image/png, then compositing them with the blend and dispose operations, as browsers
// display them.

type apngFrame struct {
	rect           image.Rectangle
	delay          time.Duration
	dispose, blend byte
	data           [][]byte // IDAT payloads (fdAT without their sequence numbers)
	fromIDAT       bool     // the default image is this frame
}

// apngChunks splits a PNG into its chunks, checking only that they fit the data.
func apngChunks(data []byte) ([][]byte, error) {
	var cs [][]byte
	for off := 8; off+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[off:]))
		if n < 0 || n > len(data)-off-12 {
			return nil, errors.New("chunk runs past the end of the data")
		}
		cs = append(cs, data[off:off+12+n])
		off += 12 + n
		if string(cs[len(cs)-1][4:8]) == "IEND" {
			break
		}
	}
	return cs, nil
}

func decodeAPNG(data []byte, cfg Config) (*Animation, error) {
	chunks, err := apngChunks(data)
	if err != nil {
		return nil, err
	}
	var ihdr []byte
	var shared [][]byte // PLTE, tRNS
	var frames []*apngFrame
	plays := 0
	var cur *apngFrame
	canvas := image.Rect(0, 0, cfg.Width, cfg.Height)
	for _, c := range chunks {
		body := c[8 : len(c)-4]
		switch string(c[4:8]) {
		case "IHDR":
			ihdr = body
		case "PLTE", "tRNS":
			if len(frames) == 0 && cur == nil {
				shared = append(shared, c)
			}
		case "acTL":
			if len(body) == 8 {
				plays = int(binary.BigEndian.Uint32(body[4:8]))
			}
		case "fcTL":
			if len(body) != 26 {
				return nil, errors.New("bad fcTL chunk")
			}
			if len(frames) == cfg.Frames {
				cur = nil // more frames than acTL announced: the limit covers acTL's count
				break
			}
			w, h := binary.BigEndian.Uint32(body[4:8]), binary.BigEndian.Uint32(body[8:12])
			x, y := binary.BigEndian.Uint32(body[12:16]), binary.BigEndian.Uint32(body[16:20])
			if w == 0 || h == 0 || uint64(x)+uint64(w) > uint64(cfg.Width) || uint64(y)+uint64(h) > uint64(cfg.Height) {
				return nil, fmt.Errorf("frame %d lies outside the %dx%d canvas", len(frames), cfg.Width, cfg.Height)
			}
			num, den := binary.BigEndian.Uint16(body[20:22]), binary.BigEndian.Uint16(body[22:24])
			if den == 0 {
				den = 100
			}
			cur = &apngFrame{
				rect:    image.Rect(int(x), int(y), int(x+w), int(y+h)),
				delay:   time.Duration(num) * time.Second / time.Duration(den),
				dispose: body[24], blend: body[25],
			}
			frames = append(frames, cur)
		case "IDAT":
			if cur != nil && len(frames) == 1 {
				cur.data = append(cur.data, body) // the default image is the first frame
				cur.fromIDAT = true
			}
		case "fdAT":
			if len(body) < 4 {
				return nil, errors.New("bad fdAT chunk")
			}
			if cur != nil && !cur.fromIDAT {
				cur.data = append(cur.data, body[4:])
			}
		}
	}
	if len(frames) == 0 {
		return nil, errors.New("no animation frames")
	}
	a := &Animation{LoopCount: plays}
	out := image.NewRGBA(canvas)
	var saved *image.RGBA
	for i, f := range frames {
		if len(f.data) == 0 {
			return nil, fmt.Errorf("frame %d has no image data", i)
		}
		img, err := png.Decode(bytes.NewReader(apngFramePNG(ihdr, shared, f)))
		if err != nil {
			return nil, fmt.Errorf("frame %d: %w", i, err)
		}
		dispose := f.dispose
		if i == 0 && dispose == 2 {
			dispose = 1 // nothing to go back to: the spec says treat it as background
		}
		if dispose == 2 {
			if saved == nil {
				saved = image.NewRGBA(canvas)
			}
			copy(saved.Pix, out.Pix)
		}
		op := draw.Src
		if f.blend == 1 {
			op = draw.Over
		}
		draw.Draw(out, f.rect, img, img.Bounds().Min, op)
		frame := image.NewRGBA(canvas)
		copy(frame.Pix, out.Pix)
		a.Frames = append(a.Frames, Frame{Image: frame, Delay: f.delay})
		switch dispose {
		case 1:
			draw.Draw(out, f.rect, image.Transparent, image.Point{}, draw.Src)
		case 2:
			copy(out.Pix, saved.Pix)
		}
	}
	return a, nil
}

// apngFramePNG writes one frame as a standalone PNG.
func apngFramePNG(ihdr []byte, shared [][]byte, f *apngFrame) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	h := append([]byte{}, ihdr...)
	binary.BigEndian.PutUint32(h[0:4], uint32(f.rect.Dx()))
	binary.BigEndian.PutUint32(h[4:8], uint32(f.rect.Dy()))
	writeRawChunk(&b, "IHDR", h)
	for _, c := range shared {
		b.Write(c)
	}
	for _, d := range f.data {
		writeRawChunk(&b, "IDAT", d)
	}
	writeRawChunk(&b, "IEND", nil)
	return b.Bytes()
}

func writeRawChunk(b *bytes.Buffer, typ string, data []byte) {
	var h [8]byte
	binary.BigEndian.PutUint32(h[:4], uint32(len(data)))
	copy(h[4:], typ)
	b.Write(h[:])
	b.Write(data)
	var c [4]byte
	binary.BigEndian.PutUint32(c[:], crc32.Update(crc32.ChecksumIEEE(h[4:]), crc32.IEEETable, data))
	b.Write(c[:])
}
