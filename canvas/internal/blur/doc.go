// Package blur blurs 8-bit alpha planes with a Gaussian, for canvas shadows
// (the canvas spec's standard deviation is shadowBlur/2).
//
// GaussianAlpha reproduces Skia's mask blur, which Chromium applies to the
// shadow of any path, to the level: Lindeberg's discrete Gaussian kernel below
// sigma 2 and, from 2 up, the three successive box filters of SVG's
// feGaussianBlur (whose spread is about 0.9σ). GaussianAlphaRect matches the spread to σ exactly, as
// Chromium's analytic shadows of plain rectangles do. Boxes are computed with
// prefix sums, so the cost per pixel does not grow with sigma, in 64-bit
// integers with a single rounding at the end: the blur neither drifts nor loses
// energy beyond that rounding. Pixels outside the plane count as transparent:
// callers pad the plane by about 3σ so nothing is cut off.
package blur
