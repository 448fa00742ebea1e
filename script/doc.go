// Package script is the JavaScript front of mediad: a goja runtime per job with the
// browser-style globals mini-program drawing code expects (an event loop with timers
// and Promises, queueMicrotask, requestAnimationFrame on a virtual 60 Hz clock,
// console, performance.now, atob/btoa, TextEncoder/TextDecoder, DOMException,
// DOMMatrix), the canvas bindings (OffscreenCanvas, CanvasRenderingContext2D,
// Path2D, ImageData, Image, CanvasGradient, CanvasPattern) with browser property
// semantics, and the wx API over the Go packages: the canvas functions
// (createOffscreenCanvas, createCanvasContext, canvasToTempFilePath,
// canvasGet/PutImageData, loadFontFace), the image functions (compressImage,
// cropImage, getImageInfo, editImage), video (getVideoInfo, createVideoDecoder,
// createMediaContainer) and the base helpers (env.USER_DATA_PATH,
// getFileSystemManager, base64ToArrayBuffer/arrayBufferToBase64, canIUse).
//
// Asynchronous wx functions follow the mini-program convention in one place
// (defineAsync): success / fail / complete callbacks, or a Promise when none is
// given, with errMsg "<api>:ok" or "<api>:fail <reason>", delivered from a task
// after the calling code has finished. wx.canIUse answers from a table derived
// from the live bindings and their declarations, so it cannot claim what is not
// bound.
//
// The package holds bindings only: every drawing and media decision is made by
// packages canvas, image and video, so a script and a Go program calling the same
// methods get the same result.
//
// A script is untrusted input. Each Runtime is a sandbox:
//   - a wall-time limit (the VM is interrupted), a call-stack depth limit and a
//     memory limit (allocations a single call could make — typed arrays, canvases,
//     ImageData, repeated strings — are checked before they happen; a watchdog
//     samples the heap for the rest); each ends the script with an *Error that
//     errors.Is matches against ErrTimeout, ErrStackOverflow or ErrMemoryLimit;
//   - files: USER_DATA_PATH ("wxfile://usr") and temp files ("wxfile://tmp/…") live
//     in directories of the runtime's own, removed by Close; other paths are
//     code-package paths, read-only, in the script's directory and Options.AllowDirs.
//     Every access goes through os.Root, so neither "..", absolute paths nor
//     symbolic links leave them;
//   - network: none unless Options.AllowNet names hosts; one fetcher checks every
//     address it connects to, so private, loopback and link-local addresses (the
//     cloud metadata service among them) stay out of reach unless explicitly allowed;
//   - fonts a script loads belong to its canvases only (canvas.FontSet);
//   - no require, no process, no module loader.
//
// A Runtime is single-threaded and belongs to one job:
//
//	rt := script.New(script.Options{Stdout: os.Stdout, Timeout: 30 * time.Second})
//	defer rt.Close()
//	err := rt.RunFile(ctx, "poster.js") // runs the script, then its event loop
//	out := rt.OutputCanvas()            // last canvas exported, else the first created
//
// Uncaught exceptions and unhandled Promise rejections end the script too, with
// the JavaScript stack in the error, as Node does. The differential tests against
// Chromium are in script/difftest.
package script
