package script

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
	"weak"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/recorder"
	"github.com/seed92233726/mediad/video"
)

// Default limits; the zero Options value gets these.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultMaxCallStackSize = 10000
)

// Options configure a Runtime. The zero value is usable: console output is
// discarded, the time limit is DefaultTimeout, the depth limit DefaultMaxCallStackSize.
type Options struct {
	// Stdout receives console.log/info/debug; nil discards.
	Stdout io.Writer
	// Stderr receives console.warn/error; nil means Stdout.
	Stderr io.Writer
	// Timeout bounds the wall time of each Run call, event loop included.
	// Zero means DefaultTimeout; negative means no limit beyond the context's.
	Timeout time.Duration
	// MaxCallStackSize bounds the JavaScript call depth; zero means
	// DefaultMaxCallStackSize.
	MaxCallStackSize int
	// CanvasLimits bound every canvas and ImageData a script creates; the zero
	// value means canvas.DefaultLimits.
	CanvasLimits canvas.Limits

	// MaxMemory bounds how far the Go heap may grow while the script runs
	// (typed arrays, canvases and ImageData are checked before they are
	// allocated; a watchdog samples the heap for the rest). Zero means
	// DefaultMaxMemory, negative no limit. The heap is the process's: with
	// several scripts at once, each is charged for the others' growth too.
	MaxMemory int64

	// ScriptDir is the code-package directory (read-only); RunFile adds the
	// script's own directory. AllowDirs are more read-only directories.
	ScriptDir string
	AllowDirs []string
	// TempDir and UserDataDir hold temp files (canvasToTempFilePath …) and
	// wx.env.USER_DATA_PATH. Empty means a new directory per runtime, removed
	// by Close.
	TempDir, UserDataDir string
	// MaxFileBytes bounds one file read or written (0: DefaultMaxFileBytes);
	// MaxUserDataBytes all bytes written (0: DefaultMaxUserData).
	MaxFileBytes, MaxUserDataBytes int64

	// AllowNet lists the hosts a script may fetch from ("example.com",
	// "*.example.com", "*" for every public host); empty means no network.
	// Addresses in private, loopback and link-local ranges are refused unless
	// AllowPrivateNet is set or the host is listed as an IP literal.
	AllowNet        []string
	AllowPrivateNet bool
	// MaxFetchBytes bounds one response body (0: DefaultMaxFetchBytes).
	MaxFetchBytes int64
}

// Runtime is one JavaScript VM with its event loop. It is not safe for concurrent
// use: one Runtime per job.
type Runtime struct {
	vm     *goja.Runtime
	opts   Options
	stdout io.Writer
	stderr io.Writer
	start  time.Time

	loop     eventLoop
	rejected []*goja.Promise // rejected without a handler since the last checkpoint
	uncaught *Error          // first error raised inside a callback (e.g. a microtask)

	runCtx  context.Context // the context of the Run call in progress
	sandbox *sandbox
	fetch   *fetcher
	memory  memoryGuard
	wxAPIs  []wxAPI // the asynchronous wx functions, for wx.canIUse
	// asyncThis is `this` of the async method being called (MediaContainer's
	// methods share defineAsync with the wx functions).
	asyncThis goja.Value

	interfaces   []string        // global interfaces the runtime defines
	lazy         lazyGlobals     // global interfaces not built yet
	fsAPIs       []string        // FileSystemManager methods
	capabilities map[string]bool // wx.canIUse's table, built on first use

	legacyCanvases  map[string]*canvas.Canvas // wx.createCanvasContext targets by canvas id
	fonts           *canvas.FontSet           // what wx.loadFontFace loads: this job's canvases only
	audio           *audioBinder
	decoders        []*video.VideoDecoder     // created during the current run; removed when it ends
	anim            *animRecording            // RecordAnimation's recording, if any
	recorderManager *recorderManagerBinding   // wx.getRecorderManager's singleton, once asked for
	recorders       []*recorder.MediaRecorder // created during the current run; destroyed when it ends
	// recorderBindings are the script's MediaRecorders of the current run, whose
	// soundtrack files are closed when it ends.
	recorderBindings []*mediaRecorderBinding

	// builtinCtors are the typed array constructors as goja made them, before
	// the memory guard wrapped the globals.
	builtinCtors struct{ u8, u8clamped *goja.Object }

	exported    *canvas.Canvas // the last canvas passed to wx.canvasToTempFilePath
	classes     canvasClasses
	firstCanvas *canvasBinding                // what `mediad run -o` saves when nothing was exported
	canvasList  []weak.Pointer[canvasBinding] // later canvases, in creation order
}

// New returns a Runtime with the globals installed.
func New(opts Options) *Runtime {
	r := &Runtime{vm: goja.New(), opts: opts, start: time.Now(), runCtx: context.Background()}
	r.sandbox = newSandbox(opts)
	r.sandbox.reserve = r.reserve
	r.fetch = newFetcher(opts)
	r.memory.limit = opts.MaxMemory
	if r.memory.limit == 0 {
		r.memory.limit = DefaultMaxMemory
	}
	r.armCleanup()
	r.stdout = opts.Stdout
	if r.stdout == nil {
		r.stdout = io.Discard
	}
	r.stderr = opts.Stderr
	if r.stderr == nil {
		r.stderr = r.stdout
	}
	depth := opts.MaxCallStackSize
	if depth <= 0 {
		depth = DefaultMaxCallStackSize
	}
	r.vm.SetMaxCallStackSize(depth)
	r.vm.SetPromiseRejectionTracker(r.trackRejection)
	r.loop.init()
	r.legacyCanvases = map[string]*canvas.Canvas{}
	r.fonts = canvas.NewFontSet()
	r.installGlobals()
	r.installMemoryGuards()
	r.installCanvas()
	r.installWxAPI()
	r.installAudio()
	r.interfaces = append(r.interfaces, "DOMMatrix", "DOMMatrixReadOnly", "DOMException", "TextEncoder", "TextDecoder")
	r.hookReflection()
	return r
}

// Close removes the temp and user data directories the runtime created (a
// Runtime dropped without Close removes them when it is collected).
func (r *Runtime) Close() error {
	r.releaseRunResources()
	if r.anim != nil && r.anim.m != nil {
		r.anim.m.Destroy()
	}
	r.anim = nil
	return r.sandbox.close()
}

// releaseRunResources removes the video decoders of the run that just ended:
// nothing can take their frames any more, and their goroutines would otherwise
// keep the runtime alive.
func (r *Runtime) releaseRunResources() {
	for _, d := range r.decoders {
		d.Remove()
	}
	r.decoders = nil
	// A recording still in progress cannot be finished by anyone; a finished
	// file stays where the script may still read it.
	for _, m := range r.recorders {
		m.Destroy()
	}
	r.recorders = nil
	for _, b := range r.recorderBindings {
		b.closeAudio()
	}
	r.recorderBindings = nil
	r.audio.releaseInner()
	r.audio.releaseStreams()
	if r.recorderManager != nil {
		// The run's context has ended the recording; keepAlive is reset below.
		r.recorderManager.active = 0
	}
	r.loop.inboxMu.Lock()
	r.loop.inbox = nil
	r.loop.inboxMu.Unlock()
	r.loop.keepAlive = 0
}

// OutputCanvas is what `mediad run -o` saves: the last canvas the script passed
// to wx.canvasToTempFilePath, or else the first canvas it created (nil if none).
func (r *Runtime) OutputCanvas() *canvas.Canvas {
	if r.exported != nil {
		return r.exported
	}
	if r.firstCanvas != nil {
		return &r.firstCanvas.c.Canvas
	}
	return nil
}

// VM exposes the goja runtime for embedders that add their own bindings. Use it only
// from the goroutine that calls Run*.
func (r *Runtime) VM() *goja.Runtime { return r.vm }

// RunFile runs the script at path and then its event loop.
func (r *Runtime) RunFile(ctx context.Context, path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	r.sandbox.setScriptDir(filepath.Dir(path))
	return r.RunString(ctx, filepath.Base(path), string(src))
}

// RunString compiles and runs src (named name in stacks), then runs the event loop
// until no timers remain. It returns the first uncaught exception, unhandled
// rejection or limit hit, as an *Error.
func (r *Runtime) RunString(ctx context.Context, name, src string) error {
	_, err := r.Eval(ctx, name, src)
	return err
}

// Eval is RunString that also returns the completion value of the script's top
// level (evaluated before the event loop runs; its Promise, if any, may have settled
// by the time Eval returns).
func (r *Runtime) Eval(ctx context.Context, name, src string) (goja.Value, error) {
	prg, err := goja.Compile(name, src, false)
	if err != nil {
		msg := err.Error()
		return nil, &Error{Kind: KindSyntaxError, Message: "SyntaxError: " + msg, Stack: "SyntaxError: " + msg}
	}
	ctx, cancel := r.limit(ctx)
	defer cancel(nil)
	stop := r.watch(ctx)
	defer stop()
	stopMem := r.memory.watch(ctx, cancel)
	defer stopMem()
	r.runCtx = ctx
	defer func() {
		r.runCtx = context.Background()
		r.releaseRunResources()
	}()

	var result goja.Value
	err = r.call(ctx, func() error {
		v, err := r.vm.RunProgram(prg)
		result = v
		return err
	})
	if err != nil {
		return result, err
	}
	return result, r.runLoop(ctx)
}

// limit returns the context of one Run call: the time limit, and a cancel
// function the memory guard ends the run with.
func (r *Runtime) limit(ctx context.Context) (context.Context, context.CancelCauseFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	t := r.opts.Timeout
	if t == 0 {
		t = DefaultTimeout
	}
	if t < 0 {
		return ctx, cancel
	}
	tctx, tcancel := context.WithTimeoutCause(ctx, t, fmt.Errorf("%w (%v)", ErrTimeout, t))
	return tctx, func(cause error) { cancel(cause); tcancel() }
}

// watch interrupts the VM when ctx ends, so a busy loop in JavaScript stops too.
func (r *Runtime) watch(ctx context.Context) (stop func()) {
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		select {
		case <-ctx.Done():
			r.vm.Interrupt(context.Cause(ctx))
		case <-done:
		}
	}()
	return func() {
		close(done)
		// Wait for the watcher, so that an interrupt it raises cannot land after
		// the clear below and poison the next Run call.
		<-exited
		r.vm.ClearInterrupt()
	}
}

// call runs one macrotask (the script itself or a timer callback), whose microtasks
// goja drains when it returns, then performs the checkpoint: any error raised in
// between and any rejection still unhandled ends the script.
func (r *Runtime) call(ctx context.Context, f func() error) error {
	if err := ctx.Err(); err != nil {
		return r.ctxError(ctx, nil)
	}
	// Running AudioContexts render up to the wall clock before each task.
	r.audio.advanceStreams()
	if err := f(); err != nil {
		return r.convert(ctx, err)
	}
	if r.uncaught != nil {
		return r.uncaught
	}
	return r.checkRejections()
}

// convert turns a goja error into an *Error.
func (r *Runtime) convert(ctx context.Context, err error) error {
	var interrupted *goja.InterruptedError
	if errors.As(err, &interrupted) {
		return r.ctxError(ctx, interrupted.Stack())
	}
	var overflow *goja.StackOverflowError
	if errors.As(err, &overflow) {
		frames := overflow.Stack()
		if len(frames) > 10 {
			frames = frames[:10]
		}
		msg := fmt.Sprintf("RangeError: Maximum call stack size exceeded (limit %d)", r.depth())
		return &Error{Kind: KindStackDepth, Message: msg, Stack: msg + formatFrames(frames), cause: ErrStackOverflow}
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		msg, stack := describeValue(r.vm, ex.Value(), ex.Stack())
		return &Error{Kind: KindException, Message: msg, Stack: stack, cause: err}
	}
	return err
}

func (r *Runtime) depth() int {
	if r.opts.MaxCallStackSize > 0 {
		return r.opts.MaxCallStackSize
	}
	return DefaultMaxCallStackSize
}

func (r *Runtime) ctxError(ctx context.Context, frames []goja.StackFrame) error {
	cause := context.Cause(ctx)
	if cause == nil {
		cause = ctx.Err()
	}
	if cause == nil {
		// Interrupted while ctx is still live: someone called VM().Interrupt.
		cause = context.Canceled
	}
	kind, sentinel := KindCanceled, ErrCanceled
	if errors.Is(cause, ErrTimeout) || errors.Is(cause, context.DeadlineExceeded) {
		kind, sentinel = KindTimeout, ErrTimeout
	}
	if errors.Is(cause, ErrMemoryLimit) {
		kind, sentinel = KindMemory, ErrMemoryLimit
	}
	msg := cause.Error()
	if errors.Is(cause, context.DeadlineExceeded) {
		msg = ErrTimeout.Error() + " (context deadline)"
	}
	if len(frames) > 10 {
		frames = frames[:10]
	}
	return &Error{Kind: kind, Message: msg, Stack: msg + formatFrames(frames), cause: errors.Join(sentinel, cause)}
}

func (r *Runtime) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		r.rejected = append(r.rejected, p)
	case goja.PromiseRejectionHandle:
		for i, q := range r.rejected {
			if q == p {
				r.rejected = append(r.rejected[:i], r.rejected[i+1:]...)
				break
			}
		}
	}
}

func (r *Runtime) checkRejections() error {
	if len(r.rejected) == 0 {
		return nil
	}
	p := r.rejected[0]
	r.rejected = r.rejected[:0]
	msg, stack := describeValue(r.vm, p.Result(), nil)
	return &Error{Kind: KindRejection, Message: msg, Stack: stack}
}

// reportCallbackError records an exception thrown by a callback that has no caller
// to propagate to (a queued microtask): the checkpoint after the current macrotask
// turns it into the script's error.
func (r *Runtime) reportCallbackError(v goja.Value) {
	if r.uncaught != nil {
		return
	}
	msg, stack := describeValue(r.vm, v, nil)
	r.uncaught = &Error{Kind: KindException, Message: msg, Stack: stack}
}
