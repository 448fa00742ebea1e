// Package difftest is the differential suite of the canvas front: small JavaScript
// cases in testdata/canvas/*.js, each run in headless Chromium (the reference,
// stored in testdata/canvas/ref/) and in mediad, and compared with an edge-aware
// tolerance.
//
// A case file is the body of a function of (canvas, ctx) for a 2D canvas. Its
// header comments give the canvas size and what it checks, and may loosen the
// tolerance:
//
//	// size 120x80
//	// check: what the case covers
//	// tolerance: interior=6 edge=96 fail=20
//
// The body may return a JSON-able value (getter results, error names); it is
// compared too, numbers to within 1e-9 relative.
//
// # Pixel tolerance
//
// Pixels are compared premultiplied (colour × alpha), so the precision a canvas
// cannot store at low alpha does not count. A pixel is an edge pixel when any of its
// eight neighbours in the reference differs from it by more than EdgeStep in some
// channel (an anti-aliased or hard shape boundary); every other pixel is interior.
// Chromium quantises anti-aliasing coverage (by tens of levels on nearly
// horizontal edges), so edge pixels may differ by up to Edge levels, interior
// pixels by up to Interior (gradient dithering is ±2). At most Fail pixels may
// exceed their limit. The defaults are DefaultTolerance.
//
// Run `MAKE_REF=1 go test -run Chromium ./script/difftest` (or `make golden`) to
// regenerate the references after adding or changing a case.
package difftest
