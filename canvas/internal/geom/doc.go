// Package geom holds the geometry of the canvas engine: affine matrices, paths of
// lines and Bézier curves in device space, curve flattening, arcs and ellipses as
// cubic Béziers, and the stroker (joins, caps, miter limit, dashes).
//
// Paths are recorded in device space: the canvas transforms each point by the
// current transformation matrix when the path call is made, as the HTML canvas spec
// requires. The stroker therefore takes the device-space path together with the
// matrix that was current at stroke() time and strokes in user space.
package geom
