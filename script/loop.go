package script

import (
	"container/heap"
	"context"
	"errors"
	"math"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// timer is one pending setTimeout/setInterval.
type timer struct {
	id       int64
	due      time.Time
	seq      uint64 // FIFO order among timers due at the same instant
	fn       goja.Callable
	code     string // setTimeout("code") form
	args     []goja.Value
	interval time.Duration
	repeat   bool
	index    int
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].due.Equal(h[j].due) {
		return h[i].seq < h[j].seq
	}
	return h[i].due.Before(h[j].due)
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	t.index = -1
	return t
}

// eventLoop holds the timers and the tasks posted from other goroutines (async Go
// work such as decoding finishes there and continues in JavaScript).
type eventLoop struct {
	timers  timerHeap
	byID    map[int64]*timer
	nextID  int64
	seq     uint64
	posted  chan func() error
	pending int // async operations that will post a task; they keep the loop alive

	// tasks are posted from the loop goroutine itself (wx callbacks); they run
	// in order before timers.
	tasks []func() error

	// Animation frames run on a virtual clock: each frame advances it by one
	// 60 Hz period and runs as soon as nothing else is due, so drawing code
	// paced by requestAnimationFrame finishes as fast as the CPU allows while
	// seeing the timestamps a 60 Hz display would give.
	frames     []frameRequest
	frameID    int64
	frameClock float64 // ms

	// inbox takes tasks from other goroutines (decoder events) without ever
	// blocking them; wake tells a waiting loop to look. keepAlive counts
	// sources whose events the script listens to: the loop waits for them.
	inboxMu   sync.Mutex
	inbox     []func() error
	wake      chan struct{}
	keepAlive int
}

// frameRequest is one requestAnimationFrame callback.
type frameRequest struct {
	id int64
	fn goja.Callable
}

// framePeriod is the virtual frame interval in ms (60 Hz).
const framePeriod = 1000.0 / 60

func (l *eventLoop) init() {
	l.byID = map[int64]*timer{}
	l.posted = make(chan func() error, 64)
	l.wake = make(chan struct{}, 1)
}

// postFromGoroutine queues f from any goroutine; it runs on the loop if the
// loop is still running, and is dropped otherwise.
func (r *Runtime) postFromGoroutine(f func() error) {
	l := &r.loop
	l.inboxMu.Lock()
	l.inbox = append(l.inbox, f)
	l.inboxMu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

func (l *eventLoop) drainInbox() {
	l.inboxMu.Lock()
	l.tasks = append(l.tasks, l.inbox...)
	l.inbox = nil
	l.inboxMu.Unlock()
}

// timerDelay converts a setTimeout delay argument as browsers do: WebIDL long
// (ToInt32, so NaN is 0 and 2^31 wraps negative), then negatives clamp to 0.
func timerDelay(v goja.Value) time.Duration {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	f := v.ToFloat()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	ms := int32(uint32(int64(math.Trunc(math.Mod(f, 1<<32)))))
	if ms < 0 {
		ms = 0
	}
	return time.Duration(ms) * time.Millisecond
}

func (r *Runtime) addTimer(call goja.FunctionCall, repeat bool) goja.Value {
	l := &r.loop
	t := &timer{repeat: repeat}
	cb := call.Argument(0)
	if fn, ok := goja.AssertFunction(cb); ok {
		t.fn = fn
	} else {
		// Browsers evaluate a string argument as code.
		t.code = cb.String()
	}
	t.interval = timerDelay(call.Argument(1))
	if len(call.Arguments) > 2 {
		t.args = append([]goja.Value(nil), call.Arguments[2:]...)
	}
	l.nextID++
	t.id = l.nextID
	l.seq++
	t.seq = l.seq
	t.due = time.Now().Add(t.interval)
	heap.Push(&l.timers, t)
	l.byID[t.id] = t
	return r.vm.ToValue(t.id)
}

func (r *Runtime) clearTimer(call goja.FunctionCall) goja.Value {
	id := call.Argument(0).ToInteger()
	if t, ok := r.loop.byID[id]; ok {
		delete(r.loop.byID, id)
		if t.index >= 0 {
			heap.Remove(&r.loop.timers, t.index)
		}
	}
	return goja.Undefined()
}

// runLoop runs timers and posted tasks in order until none remain, the script
// fails, or ctx ends.
func (r *Runtime) runLoop(ctx context.Context) error {
	l := &r.loop
	var wait *time.Timer
	defer func() {
		if wait != nil {
			wait.Stop()
		}
	}()
	for {
		// Posted tasks first: they are already due.
		select {
		case task := <-l.posted:
			l.pending--
			if err := r.call(ctx, task); err != nil {
				return err
			}
			continue
		default:
		}
		l.drainInbox()
		if len(l.tasks) > 0 {
			task := l.tasks[0]
			l.tasks[0] = nil
			l.tasks = l.tasks[1:]
			if err := r.call(ctx, task); err != nil {
				return err
			}
			continue
		}
		if len(l.timers) == 0 && l.pending == 0 && len(l.frames) == 0 && l.keepAlive <= 0 {
			return nil
		}
		var timerC <-chan time.Time
		if len(l.timers) > 0 {
			d := time.Until(l.timers[0].due)
			if d <= 0 {
				if err := r.fireTimer(ctx, heap.Pop(&l.timers).(*timer)); err != nil {
					return err
				}
				continue
			}
			if len(l.frames) > 0 {
				if err := r.runFrame(ctx); err != nil {
					return frameEnd(err)
				}
				continue
			}
			if wait == nil {
				wait = time.NewTimer(d)
			} else {
				wait.Reset(d)
			}
			timerC = wait.C
		}
		if len(l.frames) > 0 && timerC == nil {
			if err := r.runFrame(ctx); err != nil {
				return frameEnd(err)
			}
			continue
		}
		// Only event sources hold the loop: wait for them, but not forever, since
		// a decoder whose frames nobody takes never ends.
		var idleC <-chan time.Time
		if timerC == nil && l.pending == 0 {
			if wait == nil {
				wait = time.NewTimer(eventIdle)
			} else {
				wait.Reset(eventIdle)
			}
			idleC = wait.C
		}
		select {
		case <-ctx.Done():
			return r.ctxError(ctx, nil)
		case task := <-l.posted:
			l.pending--
			if err := r.call(ctx, task); err != nil {
				return err
			}
		case <-timerC:
		case <-idleC:
			l.drainInbox()
			if len(l.tasks) == 0 {
				return nil
			}
		case <-l.wake:
		}
	}
}

// frameEnd is the result of a run whose animation frame returned err.
func frameEnd(err error) error {
	if errors.Is(err, errRecordingDone) {
		return nil
	}
	return err
}

// eventIdle is how long the loop waits for an event source (a decoder the
// script listens to) when nothing else is pending.
const eventIdle = time.Second

func (r *Runtime) fireTimer(ctx context.Context, t *timer) error {
	if t.repeat {
		// Rescheduled before the callback runs so clearInterval inside it works.
		r.loop.seq++
		t.seq = r.loop.seq
		t.due = time.Now().Add(max(t.interval, time.Millisecond))
		heap.Push(&r.loop.timers, t)
	} else {
		delete(r.loop.byID, t.id)
	}
	return r.call(ctx, func() error {
		if t.fn == nil {
			_, err := r.vm.RunString(t.code)
			return err
		}
		_, err := t.fn(goja.Undefined(), t.args...)
		return err
	})
}

// Go runs work on another goroutine and then deliver on the loop goroutine; the
// event loop stays alive until deliver has run. deliver may call into JavaScript
// (resolve a Promise, call a callback).
func (r *Runtime) Go(work func() (deliver func() error)) {
	r.loop.pending++
	go func() {
		deliver := work()
		r.loop.posted <- func() error {
			if deliver == nil {
				return nil
			}
			return deliver()
		}
	}()
}

// post queues f to run as a task of its own on the loop goroutine.
func (r *Runtime) post(f func() error) {
	r.loop.tasks = append(r.loop.tasks, f)
}

func (r *Runtime) requestFrame(fn goja.Callable) int64 {
	l := &r.loop
	l.frameID++
	l.frames = append(l.frames, frameRequest{id: l.frameID, fn: fn})
	return l.frameID
}

func (r *Runtime) cancelFrame(id int64) {
	l := &r.loop
	for i, f := range l.frames {
		if f.id == id {
			l.frames = append(l.frames[:i], l.frames[i+1:]...)
			return
		}
	}
}

// runFrame runs the callbacks requested before this frame began, each with the
// frame's timestamp; callbacks they request wait for the next frame.
func (r *Runtime) runFrame(ctx context.Context) error {
	l := &r.loop
	batch := l.frames
	l.frames = nil
	l.frameClock += framePeriod
	ts := r.vm.ToValue(l.frameClock)
	for _, f := range batch {
		if err := r.call(ctx, func() error {
			_, err := f.fn(goja.Undefined(), ts)
			return err
		}); err != nil {
			return err
		}
	}
	if err := r.captureAnimation(); err != nil {
		return err
	}
	if r.anim != nil && r.anim.done {
		// The recording is complete: the animation has nothing more to show.
		return errRecordingDone
	}
	return nil
}

// errRecordingDone ends the event loop of a run whose animation recording
// reached its duration; the run itself succeeds.
var errRecordingDone = errors.New("script: animation recording complete")
