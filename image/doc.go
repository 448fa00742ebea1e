// Package image implements the image operations of the WeChat mini-program API on the
// server: Compress (wx.compressImage), Crop (wx.cropImage), Info (wx.getImageInfo) and
// Edit (the server-side wx.editImage). Each is a pipeline over codec: read the headers,
// refuse images over the pixel limit before any pixel buffer exists, decode — for JPEG
// directly at 1/2, 1/4 or 1/8 size in the DCT domain when the output is that much
// smaller ("shrink on load") — turn the pixels upright by their EXIF orientation, crop,
// finish the size with a separable fixed-point Lanczos3 (or Mitchell) resampler running
// on every core, and encode without metadata. A JPEG crop to JPEG that needs no resize
// or colour conversion skips the pipeline: codec.CropJPEG decodes only the crop's rows
// and columns and re-encodes them in YCbCr, turned upright by the EXIF orientation,
// without a full-size pixel buffer.
//
// Animated GIF and WebP inputs yield their first frame. Metadata (EXIF, XMP, comments)
// is never copied to the output; the EXIF orientation is applied to the pixels instead.
//
// Output format when none is asked for: an image with transparent pixels stays WebP if
// it was WebP and becomes PNG otherwise; every opaque image becomes JPEG (an opaque PNG
// screenshot compresses to JPEG, as compressImage's purpose implies).
//
// Colour: resampling works on the stored sRGB values (as libvips and imaging do by
// default), so a flat colour stays exactly that colour. ICC profiles embedded in JPEG,
// PNG and WebP files are applied when they are RGB matrix/TRC profiles (Display P3,
// Adobe RGB, ProPhoto …): pixels are converted to sRGB and the profile dropped with the
// rest of the metadata; other profiles (CMYK, LUT-based) are dropped and the pixels
// kept as they are.
//
// Every parameter is validated first; errors name the parameter and wrap
// ErrInvalidParameter, and images over the limit fail with ErrTooLarge (the same
// sentinel as codec.ErrTooLarge).
package image
