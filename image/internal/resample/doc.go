// Package resample scales 8-bit images with separable convolution filters (Lanczos3,
// Mitchell–Netravali, Catmull-Rom, box, bilinear, Gaussian). Each axis gets a table of
// fixed-point weights computed once per call; the horizontal pass writes a 12-bit
// intermediate image and the vertical pass reads it, so the hot loops are plain integer
// multiply-adds with no per-pixel allocation or floating point. For RGBA two channels
// share each 64-bit multiply (see pass4.go).
//
// Work is split across GOMAXPROCS goroutines by rows. Every output value depends only on
// the weight tables and the input, never on how the rows were split, so the result is
// bit-identical for any number of workers.
//
// Fast paths: *image.RGBA (premultiplied, 4 channels), *image.NRGBA (premultiplied row by
// row as it is read), *image.Gray (1 channel) and *image.YCbCr (each plane at its own
// resolution, so 4:2:0 chroma costs a quarter of the luma, converted to RGB only at the
// output size). Anything else is first converted to *image.RGBA.
//
// Filtering happens on the stored sRGB values, as libvips, Pillow and imaging do by
// default: it is gamma-neutral in the sense that an image of one flat colour keeps
// exactly that colour, while very fine high-contrast detail averages slightly darker than
// a linear-light resize would make it.
package resample
