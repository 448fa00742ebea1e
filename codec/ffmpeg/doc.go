// Package ffmpeg is mediad's one cgo binding to FFmpeg's libraries (libavformat,
// libavcodec, libavutil, libswscale, libswresample). It is deliberately small: open a
// container from a path or an io.ReadSeeker, describe its streams, read packets, decode
// video (frame threading on) and convert it to RGBA in caller-owned Go buffers, decode and
// resample audio to interleaved float32, seek, and on the output side encode H.264/AAC and
// mux MP4 (faststart) or remux packets without re-encoding.
//
// Encoders take input in any amount between Receive calls (packets the codec produces
// meanwhile wait in a queue) and reuse their frames and packets, so a steady encode loop
// allocates nothing. Video is encoded as BT.601 limited-range YUV 4:2:0 and tagged so
// (smpte170m, tv range): RGBA and decoded pictures of other ranges or matrices are
// converted to it.
//
// Memory rules: every C object lives behind a Go wrapper with an explicit Close/Free that
// is safe to call twice; C never keeps a Go pointer (custom I/O reaches Go through an
// integer handle table, and Go buffers are only lent to C for the duration of one call).
// Errors carry FFmpeg's own message (*Error) and io.EOF marks the end of a stream.
// LiveObjects counts the wrappers' C objects so tests can assert that every path frees
// them, and `go test -asan ./codec/ffmpeg ./video` runs the suites under LeakSanitizer,
// which also sees allocations made inside FFmpeg.
//
// Built with the noffmpeg tag (or without cgo) the package keeps the same API but every
// constructor returns ErrNoFFmpeg, so the rest of mediad builds without the libraries.
package ffmpeg
