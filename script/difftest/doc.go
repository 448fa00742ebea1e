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
// cannot store at low alpha does not count. Each pixel may differ from the
// reference by its local contrast — the largest difference between it and one of
// its eight neighbours in the reference, which is what moving the content by a
// fraction of a pixel changes — clamped to [Interior, Edge]. So flat areas must
// match within Interior levels (gradient dithering is ±2), smooth gradients within
// one pixel's step, and anti-aliased edges within Edge levels (Chromium quantises
// coverage, by tens of levels on nearly horizontal edges). At most Fail pixels may
// exceed their limit. The defaults are DefaultTolerance; pixels whose contrast is
// over EdgeStep are reported as edge pixels.
//
// Cases where mediad is known to differ are listed in knownDiffs (in
// mediad_test.go) with the reason, the owning package and a bounded looser
// tolerance; the test says when one of them matches again.
//
// The runtime's browser globals (task order, timers, atob/btoa, TextEncoder and
// TextDecoder, DOMException) have a value-only differential test of their own,
// with Chromium's results stored in testdata/globals.json.
//
// Run `MAKE_REF=1 go test -run Chromium ./script/difftest` (or `make golden`) to
// regenerate the references after adding or changing a case.
package difftest
