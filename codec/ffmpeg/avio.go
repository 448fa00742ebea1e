//go:build cgo && !noffmpeg

package ffmpeg

// This file holds the //export callbacks, so its preamble may only declare.

/*
#include <stdint.h>
#include <stdio.h>
*/
import "C"

import (
	"errors"
	"io"
	"sync"
	"unsafe"
)

// ioHandles maps the integers FFmpeg holds to the Go readers they stand for.
var ioHandles = struct {
	sync.Mutex
	next uintptr
	m    map[uintptr]*ioHandle
}{m: map[uintptr]*ioHandle{}}

type ioHandle struct {
	r   io.ReadSeeker
	err error // the reader's last error other than io.EOF, reported by Open/Read
}

func newIOHandle(r io.ReadSeeker) uintptr {
	ioHandles.Lock()
	defer ioHandles.Unlock()
	ioHandles.next++
	ioHandles.m[ioHandles.next] = &ioHandle{r: r}
	return ioHandles.next
}

func lookupIOHandle(h uintptr) *ioHandle {
	ioHandles.Lock()
	defer ioHandles.Unlock()
	return ioHandles.m[h]
}

func deleteIOHandle(h uintptr) {
	ioHandles.Lock()
	defer ioHandles.Unlock()
	delete(ioHandles.m, h)
}

// FFmpeg error codes used by the callbacks (FFERRTAG('E','O','F',' ') and AVERROR(EIO)).
const (
	averrorEOF = -0x20464f45
	averrorEIO = -5
	avseekSize = 0x10000
)

//export mediadIORead
func mediadIORead(h C.uintptr_t, buf *C.uint8_t, n C.int) (ret C.int) {
	ioh := lookupIOHandle(uintptr(h))
	if ioh == nil || n <= 0 {
		return averrorEIO
	}
	defer func() {
		// A panicking reader must not unwind through C frames.
		if p := recover(); p != nil {
			ioh.err = errors.New("ffmpeg: reader panicked")
			ret = averrorEIO
		}
	}()
	dst := unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(n))
	for {
		m, err := ioh.r.Read(dst)
		if m > 0 {
			return C.int(m)
		}
		if err == io.EOF {
			return averrorEOF
		}
		if err != nil {
			ioh.err = err
			return averrorEIO
		}
		// (0, nil) is allowed by io.Reader; try again.
	}
}

//export mediadIOSeek
func mediadIOSeek(h C.uintptr_t, off C.int64_t, whence C.int) (ret C.int64_t) {
	ioh := lookupIOHandle(uintptr(h))
	if ioh == nil {
		return averrorEIO
	}
	defer func() {
		if p := recover(); p != nil {
			ioh.err = errors.New("ffmpeg: reader panicked")
			ret = averrorEIO
		}
	}()
	if whence&avseekSize != 0 {
		cur, err := ioh.r.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		end, err := ioh.r.Seek(0, io.SeekEnd)
		if err != nil {
			return -1
		}
		if _, err := ioh.r.Seek(cur, io.SeekStart); err != nil {
			ioh.err = err
			return averrorEIO
		}
		return C.int64_t(end)
	}
	// AVSEEK_FORCE (0x20000) only hints; strip it like the file protocol does.
	pos, err := ioh.r.Seek(int64(off), int(whence)&^0x20000)
	if err != nil {
		return averrorEIO
	}
	return C.int64_t(pos)
}
