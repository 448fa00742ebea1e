package audio

import "math"

// fastExp and fastLog trade the last few bits of float64 precision (relative error below 1e-9,
// far under float32 resolution, which is all the output keeps) for speed in per-sample loops such
// as the compressor's, where Chromium works in float32 anyway.

const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// fastExp returns e^x for |x| < 700.
func fastExp(x float64) float64 {
	if x < -700 {
		return 0
	}
	if x > 700 {
		return math.Inf(1)
	}
	n := math.Floor(x*math.Log2E + 0.5)
	r := x - n*ln2Hi - n*ln2Lo // |r| ≤ ln2/2
	// Taylor to r^10: error below 1e-12 relative on |r| ≤ 0.347.
	p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720+r*(1.0/5040+r*(1.0/40320+r*(1.0/362880+r/3628800)))))))))
	return p * math.Float64frombits(uint64(int64(n)+1023)<<52)
}

// logTable holds ln(1 + i/256) and 1/(1 + i/256) for the mantissa's leading 8 bits, so that
// fastLog needs no division.
var logTable = func() (t [257][2]float64) {
	for i := range t {
		c := 1 + float64(i)/256
		t[i] = [2]float64{math.Log(c), 1 / c}
	}
	return t
}()

// fastLog returns ln x for finite x > 0 (and what math.Log gives otherwise).
func fastLog(x float64) float64 {
	bits := math.Float64bits(x)
	e := int64(bits>>52) - 1023 // sign bit set (x < 0) makes e large: handled below
	if e <= -1023 || e >= 1024 {
		return math.Log(x) // zero, subnormal, negative, Inf, NaN
	}
	frac := bits & (1<<52 - 1)
	i := frac >> 44                                  // leading 8 bits of the mantissa
	m := math.Float64frombits(frac | 1023<<52)       // [1, 2)
	d := (m - (1 + float64(i)/256)) * logTable[i][1] // m/c − 1, in [0, 1/256)
	// ln(1+d) to d^5: error below 1e-13.
	l := d * (1 - d*(0.5-d*(1.0/3-d*(0.25-d*0.2))))
	return logTable[i][0] + l + float64(e)*math.Ln2
}
