// Package canvas is the public HTML Canvas 2D API of mediad: Canvas and
// OffscreenCanvas, Context2D, Path2D, ImageData, Gradient, Pattern and a
// DOMMatrix-like Matrix, with PNG/JPEG/WebP export.
//
// Names follow the Web API in Go case so that the JavaScript binding maps each
// property and method 1:1:
//
//	JavaScript                         Go
//	ctx.fillRect(x, y, w, h)           ctx.FillRect(x, y, w, h)
//	ctx.lineWidth = 3                  ctx.SetLineWidth(3)
//	ctx.lineWidth                      ctx.LineWidth()
//	ctx.fillStyle = v                  ctx.SetFillStyle(v)   // string, *Gradient or *Pattern
//	ctx.fillStyle                      ctx.FillStyle()       // string, *Gradient or *Pattern
//	ctx.fill() / ctx.fill('evenodd')   ctx.Fill() / ctx.Fill(canvas.EvenOdd)
//	ctx.fill(path, rule)               ctx.FillPath(path, rule)
//	ctx.stroke(path), ctx.clip(path)   ctx.StrokePath(path), ctx.ClipPath(path)
//	ctx.isPointInPath(path, x, y)      ctx.IsPointInPath2D(path, x, y)
//	ctx.arc(…)  (may throw)            err := ctx.Arc(…)
//
// Property setters never fail: as in the browser, an invalid value (NaN, an
// unknown enum string, an unparsable colour) leaves the state unchanged. Methods
// that throw in the browser return an error that errors.Is can match against
// ErrIndexSize, ErrNotSupported, ErrInvalidState, ErrSyntax, ErrType or ErrRange
// (the binding layer turns them into the DOMException or JS error of the same
// name). Non-finite numeric arguments make a drawing call a no-op, exactly as the
// HTML specification says.
//
// Numbers follow Chromium where it is observable: transform arguments and most
// numeric attributes are stored as float32 (ctx.lineWidth = 0.1 reads back
// 0.10000000149011612), globalAlpha and rotate angles as float64.
//
// Pixels are stored as 8-bit premultiplied RGBA (what image.RGBA means), like the
// browser's backing store; ImageData is un-premultiplied at the API boundary with
// the same rounding as Chromium, so getImageData after putImageData loses colour
// at low alpha just as it does there.
//
// Every fill and stroke runs the same pipeline: device-space path → coverage spans
// → intersection with the clip mask → shader span (solid, gradient, pattern) with
// globalAlpha folded in → compositing operator into the bitmap. Operators that
// clear outside the shape (copy, source-in, …) run over the whole clip region.
// Shadows render the shape's alpha into a mask offset in device space, blur it
// with sigma = shadowBlur/2 (large rectangles get Chromium's analytic profile),
// tint and composite it before the shape. Named fast paths skip the rasterizer
// for rectangles on whole pixels. Span buffers belong to the context and are
// reused, so the steady state allocates nothing per pixel.
//
// Large jobs use several CPUs: big paths are rasterized in fixed 128-row bands
// and big rectangle fills split by rows. Where the bands fall depends only on
// the geometry, so output is byte-identical whatever GOMAXPROCS is.
//
// A Context2D is not safe for concurrent use; distinct canvases are independent.
package canvas
