// Package blur blurs 8-bit alpha planes with a Gaussian, for canvas shadows
// (the canvas spec's standard deviation is shadowBlur/2).
//
// Small sigmas (below 4) use an exact, normalised Gaussian kernel and larger
// ones three successive box filters whose combined variance matches σ²,
// computed with prefix sums so the cost per pixel does not grow with sigma.
// Edge profiles agree with Chromium's canvas shadows (see blur_test.go). The three boxes of each direction are applied in 64-bit integer
// arithmetic with a single rounding at the end, so the blur neither drifts nor
// loses energy beyond that one rounding. Pixels outside the plane count as
// transparent: callers pad the plane by about 3σ so nothing is cut off.
package blur
