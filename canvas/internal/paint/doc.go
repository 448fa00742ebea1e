// Package paint turns canvas fill and stroke styles into pixels: solid colours,
// linear, radial (the spec's two-circle cone, every case) and conic gradients,
// and image patterns with the four repetition modes, a transform and the
// canvas's image smoothing settings.
//
// A Shader fills a run of premultiplied RGBA pixels for device row y starting
// at column x, sampling each at its centre (x+0.5, y+0.5). Shaders are built
// once per fill with the transformation matrix current at that moment (style
// space → device), invert it once, and then step through gradient or image
// space incrementally, so Shade allocates nothing.
//
// Gradients follow Chromium: colour stops are sorted by offset keeping the
// insertion order of equal offsets (a hard edge), the first colour extends below
// the first stop and the last above the last, and colours are interpolated
// without premultiplying, then premultiplied per pixel. Chromium additionally
// dithers gradients by ±1–2 levels; these shaders do not dither, so they are
// deterministic and equal Chromium's output to within its dither.
//
// Patterns sample like Skia: nearest, bilinear ("low"), mipmapped bilinear when
// shrinking ("medium"), and Mitchell bicubic when enlarging ("high"); samples
// outside a non-repeating axis are transparent, which softens the pattern's edge
// exactly as Chromium's decal tiling does.
package paint
