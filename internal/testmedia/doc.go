// Package testmedia generates small media files for tests with the ffmpeg command.
//
// Tests of the cgo decoders and encoders need real files in many codecs and
// containers, but checking binary fixtures into the repository would make them
// opaque and tie them to one ffmpeg build. Instead each test package describes its
// files as ffmpeg arguments in a table of [Spec]s; a [Set] encodes them all into a
// temporary directory the first time a test asks for one, so a test binary pays for
// generation once and only when a test needs media. When the ffmpeg command or a
// required encoder is missing the asking test is skipped with the reason, so the
// suite still runs on machines without a full ffmpeg.
//
// [ProbeFrames] and [RGBA] return ffprobe's and ffmpeg's own view of a file, the
// reference the tests compare mediad's output against.
//
// The package is imported only by tests; it imports package testing for
// [testing.TB].
package testmedia
