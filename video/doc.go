// Package video implements the WeChat mini-program video APIs on the server over
// FFmpeg's libraries (through codec/ffmpeg): Info (wx.getVideoInfo), VideoDecoder
// (wx.createVideoDecoder: frame-by-frame RGBA with a bounded decode-ahead buffer),
// Frame (a cover image at a time), MediaContainer (wx.createMediaContainer: split
// sources into tracks and remux chosen tracks into MP4) and Compress (wx.compressVideo).
//
// Sources are local file paths. Timestamps at the API are milliseconds; rotation
// metadata is honoured wherever pixels are produced, so frames come out upright.
// Built without FFmpeg (the noffmpeg tag) every entry point returns ffmpeg.ErrNoFFmpeg.
package video
