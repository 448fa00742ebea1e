package audio

import "math"

// fastExp and fastLog trade the last few bits of float64 precision (relative error below 1e-9,
// far under float32 resolution, which is all the output keeps) for speed in per-sample loops such
// as the compressor's, where Chromium works in float32 anyway.

const (
	ln2Hi      = 6.93147180369123816490e-01
	ln2Lo      = 1.90821492927058770002e-10
	roundMagic = 6755399441055744.0 // 1.5·2^52
)

// expTable holds 2^(j/64).
var expTable = func() (t [64]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / 64)
	}
	return t
}()

// fastExp returns e^x for |x| < 700: e^x = 2^(k/64) · e^r with |r| ≤ ln2/128, the power of two
// from a table and e^r from a short polynomial.
func fastExp(x float64) float64 {
	if !(x > -700 && x < 700) {
		return math.Exp(x)
	}
	// Adding and removing 1.5·2^52 rounds to the nearest integer without a branch.
	kf := (x*(64*math.Log2E) + roundMagic) - roundMagic
	k := int64(kf)
	r := x - kf*(ln2Hi/64) - kf*(ln2Lo/64)
	p := 1 + r*(1+r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120)))))
	return p * expTable[k&63] * math.Float64frombits(uint64((k>>6)+1023)<<52)
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

// expSlice replaces every x[i] by e^x[i], four at a time with AVX2 (within a few ulp of
// math.Exp), else or for the arguments the vector kernel leaves (|x| ≥ 700, NaN) as fastExp does.
func expSlice(x []float64) {
	if haveAVX2 {
		for len(x) >= 4 {
			x = x[expAVX2(&x[0], len(x)&^3):]
			if len(x) < 4 {
				break
			}
			expScalar(x[:4])
			x = x[4:]
		}
	}
	expScalar(x)
}

// expScalar is fastExp with the loop around it, so the compiler keeps it in one function and the
// CPU can overlap the independent evaluations.
func expScalar(x []float64) {
	for i, v := range x {
		if !(v > -700 && v < 700) {
			x[i] = math.Exp(v)
			continue
		}
		kf := (v*(64*math.Log2E) + roundMagic) - roundMagic
		k := int64(kf)
		r := v - kf*(ln2Hi/64) - kf*(ln2Lo/64)
		p := 1 + r*(1+r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120)))))
		x[i] = p * expTable[k&63] * math.Float64frombits(uint64((k>>6)+1023)<<52)
	}
}

// logSlice replaces every x[i] by ln x[i], four at a time with AVX2 (within a few ulp of
// math.Log), else or for the arguments the vector kernel leaves (zero, subnormal, negative, Inf,
// NaN) as fastLog does.
func logSlice(x []float64) {
	if haveAVX2 {
		for len(x) >= 4 {
			x = x[logAVX2(&x[0], len(x)&^3):]
			if len(x) < 4 {
				break
			}
			logScalar(x[:4])
			x = x[4:]
		}
	}
	logScalar(x)
}

// logScalar is fastLog with the loop around it.
func logScalar(x []float64) {
	for i, v := range x {
		bits := math.Float64bits(v)
		e := int64(bits>>52) - 1023
		if e <= -1023 || e >= 1024 {
			x[i] = math.Log(v)
			continue
		}
		frac := bits & (1<<52 - 1)
		j := frac >> 44
		m := math.Float64frombits(frac | 1023<<52)
		d := (m - (1 + float64(j)/256)) * logTable[j][1]
		l := d * (1 - d*(0.5-d*(1.0/3-d*(0.25-d*0.2))))
		x[i] = logTable[j][0] + l + float64(e)*math.Ln2
	}
}
