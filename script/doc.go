// Package script is the JavaScript front of mediad: a goja runtime per job with the
// browser-style globals mini-program drawing code expects (an event loop with timers
// and Promises, console, performance.now, atob/btoa, TextEncoder/TextDecoder) and the
// bindings that expose the Go packages (OffscreenCanvas, Context2D, Path2D, ImageData,
// wx.createOffscreenCanvas) with browser property semantics.
//
// The package holds bindings only: every drawing decision is made by package canvas,
// so a script and a Go program calling the same methods get the same pixels.
//
// A Runtime is single-threaded and belongs to one job. It enforces a wall-time limit
// (the VM is interrupted) and a call-stack depth limit; both end the script with an
// *Error that errors.Is can match against ErrTimeout or ErrStackOverflow. Uncaught
// exceptions and unhandled Promise rejections end the script too, with the JavaScript
// stack in the error, as Node does.
package script
