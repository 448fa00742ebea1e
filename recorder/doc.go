// Package recorder turns canvas frames into video files and PCM into audio files, with
// the semantics of wx.createMediaRecorder and wx.getRecorderManager.
//
// MediaRecorder records a canvas one RequestFrame at a time: the callback draws, the
// canvas is copied into a pooled buffer and handed through a bounded queue to an
// encoder goroutine, so drawing frame n+1 overlaps encoding frame n. Frames are
// timestamped at 1/FPS regardless of wall time. Output is MP4 (H.264 through
// codec/ffmpeg, optionally with an AAC soundtrack read from any PCMSource) or an
// animated GIF, WebP or PNG written here as a stream, so memory does not grow with
// the number of frames.
//
// RecorderManager encodes a PCMSource (an audio/ render, a decoded file, or samples
// pushed by the caller: the server's "microphone") to AAC, MP3, WAV or raw PCM,
// validating the WeChat sample-rate/bit-rate table first and reporting encoded chunks
// every FrameSize KB through OnFrameRecorded.
package recorder
