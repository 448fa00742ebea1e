package resample

import "math"

// prec is the number of fractional bits of a fixed-point weight. With 12-bit samples and
// kernels whose absolute weights sum to less than 2, sums stay inside 31 bits.
const (
	prec = 14
	one  = 1 << prec
)

// weights is the table for one axis: output pixel i reads input pixels
// start[i] .. start[i]+count[i]-1 with coefficients w[i*stride:].
type weights struct {
	start  []int32
	count  []int32
	w      []int32
	stride int
}

// makeWeights builds the table mapping inLen input pixels to outLen output pixels. The
// centre of output pixel i lies at input coordinate offset + (i+0.5)*scale, in a space
// where input pixel k covers [k, k+1). scale is input pixels per output pixel; passing
// it separately from the lengths lets subsampled chroma planes share the luma geometry.
func makeWeights(inLen, outLen int, scale, offset float64, f Filter) weights {
	fscale := math.Max(scale, 1)
	support := f.Support * fscale
	stride := int(math.Ceil(support))*2 + 1
	if stride > inLen {
		stride = inLen
	}
	wt := weights{
		start:  make([]int32, outLen),
		count:  make([]int32, outLen),
		w:      make([]int32, outLen*stride),
		stride: stride,
	}
	fw := make([]float64, stride)
	for i := 0; i < outLen; i++ {
		c := offset + (float64(i)+0.5)*scale
		// Every pixel whose centre k+0.5 lies within [c-support, c+support].
		lo := int(math.Ceil(c - support - 0.5))
		hi := int(math.Floor(c+support-0.5)) + 1
		lo = max(lo, 0)
		hi = min(hi, inLen)
		if hi-lo > stride {
			hi = lo + stride
		}
		if hi <= lo {
			// The centre lies outside the input (only possible at the very edge of
			// a subsampled plane): use the nearest pixel.
			lo = min(max(int(c), 0), inLen-1)
			hi = lo + 1
		}
		sum := 0.0
		for k := lo; k < hi; k++ {
			v := f.Kernel((float64(k) + 0.5 - c) / fscale)
			fw[k-lo] = v
			sum += v
		}
		n := hi - lo
		row := wt.w[i*stride : i*stride+n]
		if sum == 0 {
			// A kernel that is zero everywhere here (box between pixel centres):
			// fall back to the nearest pixel.
			for k := range row {
				row[k] = 0
			}
			row[min(max(int(c)-lo, 0), n-1)] = one
		} else {
			// Normalise so the fixed-point weights sum to exactly one: a flat image
			// must stay exactly flat. The rounding remainder goes to the largest tap.
			total, big := int32(0), 0
			for k := range row {
				row[k] = int32(math.Round(fw[k] / sum * one))
				total += row[k]
				if row[k] > row[big] {
					big = k
				}
			}
			row[big] += one - total
		}
		// Trim zero taps at both ends so the inner loops skip them.
		for n > 1 && row[n-1] == 0 {
			n--
		}
		skip := 0
		for skip < n-1 && row[skip] == 0 {
			skip++
		}
		if skip > 0 {
			copy(row, row[skip:n])
			lo += skip
			n -= skip
		}
		wt.start[i] = int32(lo)
		wt.count[i] = int32(n)
	}
	return wt
}
