// Package geom holds the geometry of the canvas engine: affine matrices, paths of
// lines and Bézier curves in device space, the canvas path helpers (Arc, Ellipse,
// ArcTo, RoundRect, Rect — each as the HTML spec and Chromium define it), curve
// flattening with a device-space tolerance, and the stroker (joins, caps, miter
// limit, dashes, zero-length segments and subpaths, Skia-style hairlines).
//
// Paths are recorded in device space: the canvas transforms each point by the
// current transformation matrix when the path call is made, as the HTML canvas spec
// requires, so the helpers take the matrix to apply. The stroker takes the
// device-space path together with the matrix current at stroke() time and strokes
// in user space: line width and dash lengths are user units, and a non-uniform
// matrix gives an elliptical pen. Its outline (device space) is filled with the
// non-zero rule by package raster.
//
// A stroke at most one device pixel wide is what Chromium draws as an
// anti-aliased hairline: check HairlineAlpha, and when it says so draw
// StrokeHairline's outline with the paint alpha multiplied by the returned alpha.
// isPointInStroke always uses Stroke's exact outline.
package geom
