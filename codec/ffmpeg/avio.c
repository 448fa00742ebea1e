//go:build cgo && !noffmpeg

// Custom I/O: FFmpeg calls these trampolines, which reach the Go io.ReadSeeker through
// an integer handle (never a Go pointer) stored in memory FFmpeg owns.
#include <stdint.h>
#include <libavformat/avformat.h>
#include <libavutil/mem.h>
#include "_cgo_export.h"

typedef struct { uintptr_t handle; } mediad_io;

static int mediad_read(void *opaque, uint8_t *buf, int n) {
	return mediadIORead(((mediad_io *)opaque)->handle, buf, n);
}

static int64_t mediad_seek(void *opaque, int64_t off, int whence) {
	return mediadIOSeek(((mediad_io *)opaque)->handle, off, whence);
}

AVIOContext *mediad_avio_new(uintptr_t handle, int bufsize) {
	mediad_io *op = av_malloc(sizeof *op);
	if (!op) return NULL;
	op->handle = handle;
	unsigned char *buf = av_malloc(bufsize);
	if (!buf) {
		av_free(op);
		return NULL;
	}
	AVIOContext *pb = avio_alloc_context(buf, bufsize, 0, op, mediad_read, NULL, mediad_seek);
	if (!pb) {
		av_free(buf);
		av_free(op);
		return NULL;
	}
	return pb;
}

// mediad_avio_free frees the context, its (possibly reallocated) buffer and the opaque.
void mediad_avio_free(AVIOContext *pb) {
	if (!pb) return;
	av_freep(&pb->opaque);
	av_freep(&pb->buffer);
	avio_context_free(&pb);
}
