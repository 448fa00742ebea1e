// Package server is mediad's HTTP API as an embeddable http.Handler: image compress,
// crop, info and edit, canvas render (a legacy CanvasContext action list or
// JavaScript), video info and cover frames, health, readiness, Prometheus metrics
// and an OpenAPI 3 document.
//
// Every operation is declared once, in Operations: its route, its parameters (name,
// type, range, default, help) and what it reads and answers. That one declaration
// parses and validates query strings and JSON bodies, registers CLI flags
// (Operation.Flags, used by `mediad edit`) and generates /openapi.json, so the
// three cannot disagree.
//
// Work is admitted in two stages so memory and CPU stay bounded under any load: a
// request first takes one of Jobs+Queue admission tickets (or is answered 429),
// reads its body (at most MaxBody bytes), then waits at most QueueTimeout for one
// of Jobs workers (or is answered 503). Both carry Retry-After. Errors are JSON
// {"error":{"code","message"}}; bad input is always a 4xx, and a panic is recovered,
// logged and answered 500. Results are deterministic functions of the request, so
// the ETag is a hash of the operation, its parsed parameters and the body, and an
// If-None-Match hit is answered 304 before any work is done.
//
// A job runs on its request's own goroutine, under the request's context: a
// timeout or a client that hangs up stops image work between stages and every
// few rows of a resize, and interrupts scripts; a watchdog answers 503 at once
// even while a job is inside a step that cannot be interrupted. Answers up to
// 512 KiB go out with a Content-Length; larger ones are streamed as they are
// encoded. An error before the first byte is a JSON error; after it the
// connection is cut, so a truncated image is never taken for a whole one.
// Request bodies and gathered answers live in pooled buffers.
package server
