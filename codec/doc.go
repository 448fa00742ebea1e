// Package codec reads and writes still images for mediad: it recognises a file's format
// from its first bytes (Sniff), reports its size, EXIF orientation, alpha and frame count
// from the headers alone (DecodeConfig), decodes it with an explicit pixel limit that is
// checked before any pixel buffer exists (Decode, DecodeAll, and DecodeBytes for a file
// already in memory), and encodes JPEG, PNG, GIF, WebP, BMP and TIFF without metadata
// (Encode). CropJPEG re-encodes a rectangle of a JPEG without decoding the rest: only the
// rows down to its bottom edge and the iMCU columns over it are decoded (libjpeg's
// jpeg_skip_scanlines and jpeg_crop_scanline), in YCbCr, a few rows at a time.
//
// DecodeAll composites every frame of animated GIF, WebP and PNG (APNG) the way
// browsers show them.
//
// JPEG goes through libjpeg-turbo (faster than image/jpeg in both directions, able to
// downscale in the DCT domain for a size hint, and the only way to write progressive or
// 4:4:4 files); CMYK/YCCK JPEGs fall back to image/jpeg, which undoes Adobe's inverted
// CMYK. WebP goes through libwebp (animation, alpha, lossless, encoding). PNG and GIF
// decode with the standard library; PNG encoding of RGBA images has its own writer
// (half the CPU of image/png) and GIF encoding its own Floyd–Steinberg quantiser. BMP
// and TIFF use golang.org/x/image.
//
// Formats that can be recognised but not decoded (HEIC, AVIF, PDF, video and audio
// containers) yield ErrUnsupportedFormat naming the format, so callers can say what
// they were given. Errors are tested with errors.Is against ErrUnsupportedFormat,
// ErrTooLarge and ErrCorrupt.
//
// Decoded images keep the stored orientation; Config.Orientation is the EXIF value
// (JPEG APP1, PNG eXIf, WebP EXIF, TIFF tag 274) that wx.getImageInfo reports,
// Config.DisplayOrientation the one browsers draw with, and ApplyOrientation turns
// pixels upright.
//
// Chromium is the reference: every fixture's first frame and every animation frame is
// compared with what Chromium draws (exact for opaque images), damaged files decode
// where Chromium shows the whole picture and fail with ErrCorrupt where it shows only
// part or nothing (references in testdata/chromium, redrawn with MAKE_REF=1).
package codec
