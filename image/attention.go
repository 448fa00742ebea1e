package image

import (
	stdimage "image"
	"math"

	"github.com/seed92233726/mediad/image/internal/resample"
)

// attentionSide is the long side of the thumbnail saliency is measured on: large
// enough to see objects, small enough that the whole search costs about a millisecond.
const attentionSide = 256

// attentionRect finds the cw×ch window of img (bounds starting at 0,0) with the most
// salient content. Saliency, measured on a small copy, is the sum of three cues, each
// scaled to 0..255: luma edges (Laplacian magnitude: detail draws the eye), colour
// saturation (subjects are more colourful than backgrounds) and closeness to skin tone
// (people). The best window is found exactly with a summed-area table; ties go to the
// window nearest the centre, so a featureless image crops like GravityCentre.
func attentionRect(img stdimage.Image, cw, ch int) Rect {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	s := math.Min(1, float64(attentionSide)/float64(max(w, h)))
	tw, th := max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))
	small := resample.Resize(img, tw, th, resample.Linear)
	lum := make([]int32, tw*th)
	score := make([]int64, tw*th)
	pixel := func(x, y int) (r, g, bb int32) {
		switch m := small.(type) {
		case *stdimage.Gray:
			v := int32(m.Pix[y*m.Stride+x])
			return v, v, v
		case *stdimage.RGBA:
			p := m.Pix[y*m.Stride+x*4:]
			return int32(p[0]), int32(p[1]), int32(p[2])
		}
		return 0, 0, 0
	}
	for y := 0; y < th; y++ {
		for x := 0; x < tw; x++ {
			r, g, bb := pixel(x, y)
			lum[y*tw+x] = (r*77 + g*150 + bb*29) >> 8
			sat := max(r, g, bb) - min(r, g, bb)
			score[y*tw+x] = int64(sat)/2 + int64(skin(r, g, bb))
		}
	}
	for y := 0; y < th; y++ {
		for x := 0; x < tw; x++ {
			c := lum[y*tw+x]
			lap := 4 * c
			lap -= lum[y*tw+max(x-1, 0)] + lum[y*tw+min(x+1, tw-1)]
			lap -= lum[max(y-1, 0)*tw+x] + lum[min(y+1, th-1)*tw+x]
			score[y*tw+x] += int64(min(abs32(lap)*2, 255))
		}
	}
	// Summed-area table with a zero row and column in front.
	sat := make([]int64, (tw+1)*(th+1))
	for y := 0; y < th; y++ {
		row := int64(0)
		for x := 0; x < tw; x++ {
			row += score[y*tw+x]
			sat[(y+1)*(tw+1)+x+1] = sat[y*(tw+1)+x+1] + row
		}
	}
	ww := min(tw, max(1, int(math.Round(float64(cw)*s))))
	wh := min(th, max(1, int(math.Round(float64(ch)*s))))
	cx, cy := float64(tw-ww)/2, float64(th-wh)/2
	bestX, bestY, best, bestD := 0, 0, int64(-1), math.Inf(1)
	for y := 0; y+wh <= th; y++ {
		for x := 0; x+ww <= tw; x++ {
			v := sat[(y+wh)*(tw+1)+x+ww] - sat[y*(tw+1)+x+ww] - sat[(y+wh)*(tw+1)+x] + sat[y*(tw+1)+x]
			d := (float64(x)-cx)*(float64(x)-cx) + (float64(y)-cy)*(float64(y)-cy)
			if v > best || (v == best && d < bestD) {
				bestX, bestY, best, bestD = x, y, v, d
			}
		}
	}
	// Back to full resolution as an offset from the centred position, so that the
	// central window (which may sit half a thumbnail pixel off centre) maps exactly
	// to the centred crop.
	dx, dy := float64(bestX)-cx, float64(bestY)-cy
	if math.Abs(dx) <= 0.5 {
		dx = 0
	}
	if math.Abs(dy) <= 0.5 {
		dy = 0
	}
	x := min(max(int(math.Round(float64(w-cw)/2+dx/s)), 0), w-cw)
	y := min(max(int(math.Round(float64(h-ch)/2+dy/s)), 0), h-ch)
	return Rect{X: x, Y: y, Width: cw, Height: ch}
}

// skin scores how close a colour is to human skin tones (0..255), using the classic
// normalised-rg cluster: r/(r+g+b) ≈ 0.46, g/(r+g+b) ≈ 0.31, and not too dark.
func skin(r, g, b int32) int32 {
	sum := r + g + b
	if sum < 90 {
		return 0
	}
	dr := float64(r)/float64(sum) - 0.46
	dg := float64(g)/float64(sum) - 0.31
	d := math.Sqrt(dr*dr + dg*dg)
	if d >= 0.08 {
		return 0
	}
	return int32(255 * (1 - d/0.08))
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}
