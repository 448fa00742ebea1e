// Package paint turns canvas fill and stroke styles into pixels: solid colours,
// linear, radial (the spec's two-circle cone, every case) and conic gradients,
// and image patterns with the four repetition modes, a transform and the
// canvas's image smoothing settings.
//
// A Shader fills a run of premultiplied RGBA pixels for device row y starting
// at column x, sampling each at its centre (x+0.5, y+0.5). Shaders are built
// once per fill with the transformation matrix current at that moment (style
// space → device), invert it once, and then step through gradient or image
// space incrementally, so Shade allocates nothing. Shade never modifies the
// shader, so one shader may serve several goroutines filling different rows.
//
// Gradients follow Chromium: colour stops are sorted by offset keeping the
// insertion order of equal offsets (a hard edge), the first colour extends below
// the first stop and the last above the last, and colours are interpolated
// without premultiplying, then premultiplied per pixel; a 4096-step colour
// cache serves most pixels and defers to exact evaluation next to stops and on
// steep segments, so it is never more than a level off. These shaders do not
// dither; Chromium's gradient dither did not show in the reference renders,
// which these shaders match within one level (testdata/chromium_paint.html).
//
// Patterns and images sample as Chromium was measured to: "low" is Skia's
// legacy 4-bit fixed-point bilinear for scale+translate matrices and full
// bilinear otherwise, "medium" is trilinear when shrinking (two mipmap levels
// around log2(texels per pixel) − ½), and "high" adds Mitchell bicubic
// enlargement for drawImage (patterns treat it as "medium").
// Samples outside a non-repeating pattern axis are transparent, which softens
// the pattern's edge exactly as Chromium's decal tiling does; drawImage clamps
// to the edge texels instead.
package paint
