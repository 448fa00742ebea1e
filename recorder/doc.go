// Package recorder turns canvas frames into video files and PCM into audio files, with
// the semantics of wx.createMediaRecorder and wx.getRecorderManager.
//
// MediaRecorder records a canvas one RequestFrame at a time: the callback draws, the
// canvas is captured into one of a fixed set of Queue+1 frame buffers and handed
// through a bounded queue to an encoder goroutine, so drawing frame n+1 overlaps
// encoding frame n and a slow encoder makes the caller wait instead of growing memory.
// For MP4 the capture converts the canvas straight into the encoder's YUV 4:2:0
// picture (BT.601, AVX2 or Go, in row bands), leaving the encoder goroutine nothing
// but x264 (superfast, sliced threads) and the muxer; Stats tells which side waited.
// Frames are timestamped at 1/FPS regardless of wall time. Output is MP4 (H.264
// through codec/ffmpeg, optionally with an AAC soundtrack read from any PCMSource;
// a canvas resized away from the output size is scaled by swscale) or an animated
// GIF, WebP or PNG written here as a stream, so memory does not grow with the number
// of frames. Out-of-range options are clamped to WeChat's
// ranges; meaningless ones fail with ErrInvalidOption naming the option. Record wraps
// the whole cycle for Go callers.
//
// RecorderManager encodes a PCMSource, the server's "microphone", to AAC (ADTS), MP3
// (libmp3lame), WAV or raw 16-bit PCM. It validates WeChat's sample-rate/bit-rate table
// before it starts and reports encoded chunks every FrameSize KB through
// OnFrameRecorded. Sources: BufferSource (an audio.AudioBuffer, e.g. an offline
// render), FileSource (any file FFmpeg decodes), ReaderSource (raw s16/f32 bytes from
// an io.Reader) and PushSource (samples pushed by the caller, bounded).
package recorder
