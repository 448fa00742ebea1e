// Package blur blurs 8-bit alpha planes for canvas shadows, reproducing
// Chromium (the canvas spec's standard deviation is shadowBlur/2).
//
// GaussianAlpha is Skia's mask blur, which Chromium applies to the shadow of a
// path: Lindeberg's discrete Gaussian kernel below sigma 2 and, from 2 up, the
// three successive box filters of SVG's feGaussianBlur (whose spread is about
// 0.9σ), computed with prefix sums so the cost per pixel does not grow with
// sigma, in 64-bit integers with one rounding per pass. GaussianAlphaImage is
// Skia's blur image filter, which Chromium uses for shadows of pattern fills:
// the same boxes at every sigma. Large axis-aligned rectangles Chromium shades
// analytically instead; RectUsesProfile says when, and RectMask draws that mask
// directly from the integral of three boxes of width 2σ. All three match
// Chromium to the level (chromium_test.go). Pixels outside a plane count as
// transparent: callers pad it by about 3σ so nothing is cut off.
package blur
