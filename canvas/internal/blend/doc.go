// Package blend composites premultiplied RGBA spans with the 26 canvas
// globalCompositeOperation values: the Porter-Duff operators, `lighter`, `copy`,
// and the separable and non-separable blend modes of W3C Compositing and
// Blending Level 1.
//
// All pixels are 8-bit premultiplied RGBA (image.RGBA.Pix layout). Coverage
// follows Skia, Chromium's renderer: a pixel with coverage c becomes
// lerp(dst, op(src, dst), c/255), so anti-aliased edges of every operator blend
// into what was there before (lighter instead scales the source by c, which
// matters where the sum saturates). Operators whose result outside the source shape is
// not the destination (copy, source-in, source-out, destination-in,
// destination-atop) report ClearsOutsideShape; the canvas composites those over
// its whole clip region, as browsers do.
//
// Integer operators compute each channel scaled by 255 (or 255²) and round once,
// with an exact divide by 255 rather than >>8, so repeating an operation does
// not drift (the AVX2 kernel of solid source-over with partial coverage gets the
// same integers in float32, where every step is exact). Color-dodge, color-burn, soft-light and the four non-separable modes
// work in float32 like Skia's raster pipeline, and round once at the end.
//
// Fast paths, in the manner of image/draw: solid source-over (opaque and
// translucent, full and partial coverage), source-over of a span, copy, every
// Porter-Duff operator through one factor-table loop, lighter, and one loop each
// for integer and float blend modes.
package blend
