//go:build cgo && !noffmpeg

// FFmpeg explains most failures only through av_log. This callback keeps the last
// error-level lines per logging context so errors returned to Go can carry them, and
// prints nothing unless asked to (a library must not write to the process's stderr).
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libavutil/log.h>

#define SLOTS 64
static struct { void *ctx; char msg[256]; } slots[SLOTS];
static int next_slot;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int print_level = AV_LOG_QUIET;

static void mediad_log_cb(void *avcl, int level, const char *fmt, va_list vl) {
	if (level <= print_level) {
		va_list copy;
		va_copy(copy, vl);
		av_log_default_callback(avcl, level, fmt, copy);
		va_end(copy);
	}
	if (level > AV_LOG_ERROR) return;
	char line[256];
	vsnprintf(line, sizeof line, fmt, vl);
	size_t n = strlen(line);
	while (n > 0 && (line[n-1] == '\n' || line[n-1] == ' ')) line[--n] = 0;
	if (n == 0) return;
	pthread_mutex_lock(&mu);
	slots[next_slot].ctx = avcl;
	memcpy(slots[next_slot].msg, line, n + 1);
	next_slot = (next_slot + 1) % SLOTS;
	pthread_mutex_unlock(&mu);
}

void mediad_log_init(void) { av_log_set_callback(mediad_log_cb); }

void mediad_log_print_level(int level) { print_level = level; }

// mediad_log_take copies (and forgets) the newest message logged for ctx.
int mediad_log_take(void *ctx, char *out, int n) {
	int found = 0;
	pthread_mutex_lock(&mu);
	for (int i = 1; i <= SLOTS; i++) {
		int k = (next_slot - i + SLOTS) % SLOTS;
		if (slots[k].ctx == ctx && slots[k].msg[0]) {
			snprintf(out, n, "%s", slots[k].msg);
			found = 1;
			break;
		}
	}
	if (found) {
		for (int k = 0; k < SLOTS; k++)
			if (slots[k].ctx == ctx) { slots[k].ctx = NULL; slots[k].msg[0] = 0; }
	}
	pthread_mutex_unlock(&mu);
	return found;
}
