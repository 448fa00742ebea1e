// Package script is the JavaScript front of mediad: a goja runtime per job with the
// browser-style globals mini-program drawing code expects (an event loop with timers
// and Promises, queueMicrotask, console, performance.now, atob/btoa,
// TextEncoder/TextDecoder, DOMException, DOMMatrix) and the bindings that expose
// package canvas (OffscreenCanvas, CanvasRenderingContext2D, Path2D, ImageData,
// CanvasGradient, CanvasPattern, wx.createOffscreenCanvas) with browser property
// semantics: attributes live on prototypes, invalid assignments are ignored, and
// errors are thrown as the DOMException, TypeError or RangeError a browser throws.
//
// The package holds bindings only: every drawing decision is made by package canvas,
// so a script and a Go program calling the same methods get the same pixels. An
// ImageData's data is a Uint8ClampedArray over the Go slice itself. The bindings
// hold JavaScript objects weakly, so what a script drops is collected with its
// pixels.
//
// A Runtime is single-threaded and belongs to one job:
//
//	rt := script.New(script.Options{Stdout: os.Stdout, Timeout: 30 * time.Second})
//	err := rt.RunFile(ctx, "poster.js") // runs the script, then its event loop
//	png := rt.Canvases()[0]             // the first canvas it created
//
// It enforces a wall-time limit (the VM is interrupted) and a call-stack depth
// limit; both end the script with an *Error that errors.Is matches against
// ErrTimeout or ErrStackOverflow. Uncaught exceptions and unhandled Promise
// rejections end the script too, with the JavaScript stack in the error, as Node
// does. The differential tests against Chromium are in script/difftest.
package script
