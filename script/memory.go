package script

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// DefaultMaxMemory is the heap growth a script may cause when
// Options.MaxMemory is zero.
const DefaultMaxMemory = 1 << 30

// reserveThreshold: allocations smaller than this are left to the watchdog;
// checking each would cost more than it saves.
const reserveThreshold = 1 << 20

// memoryGuard ends a script whose allocations take the heap past the limit.
// Two layers: reserve refuses one large allocation (a typed array, a canvas, a
// repeated string) before it is made, since a single native call can allocate
// gigabytes where no interrupt can reach it; the watchdog samples the heap
// every few milliseconds for growth made of many small allocations.
type memoryGuard struct {
	limit int64 // <0: none

	mu       sync.Mutex
	base     int64 // live heap (as of the last collection) when the run started
	cancel   context.CancelCauseFunc
	lastGC   time.Time
	exceeded bool
}

var heapSamples = sync.Pool{New: func() any {
	return []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
}}

// heap returns the bytes of heap objects (live and not yet swept) and the live
// heap as of the last collection.
func heapBytes() (objects, live int64) {
	s := heapSamples.Get().([]metrics.Sample)
	metrics.Read(s)
	objects, live = int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
	heapSamples.Put(s)
	return objects, live
}

// watch starts the watchdog for one run; cancel ends the run with its cause.
func (g *memoryGuard) watch(ctx context.Context, cancel context.CancelCauseFunc) (stop func()) {
	if g.limit < 0 {
		return func() {}
	}
	// The live heap of the last collection: the objects count would include
	// garbage of earlier jobs, which would go uncharged once swept.
	_, live := heapBytes()
	g.mu.Lock()
	g.base = live
	g.cancel = cancel
	g.exceeded = false
	g.mu.Unlock()
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				g.check(0)
			}
		}
	}()
	return func() {
		close(done)
		<-exited
		g.mu.Lock()
		g.cancel = nil
		g.mu.Unlock()
	}
}

// check reports whether n more bytes fit; the watchdog (n = 0) ends the run
// when they do not. Garbage counts until it is collected, so over the limit a collection decides
// (at most every 100 ms, so a script hovering near the limit does not spend its
// time collecting).
func (g *memoryGuard) check(n int64) bool {
	if g.limit < 0 {
		return true
	}
	if n > g.limit {
		return false
	}
	objects, _ := heapBytes()
	g.mu.Lock()
	base := g.base
	recent := time.Since(g.lastGC) < 100*time.Millisecond
	g.mu.Unlock()
	if objects-base+n <= g.limit {
		return true
	}
	// The pacer keeps the heap under twice the live heap of the last cycle, so
	// more than twice base+limit cannot be garbage: no need to spend a
	// collection (slow, on a heap this size) to find out.
	if n == 0 && objects > 2*(base+g.limit) {
		g.fail()
		return false
	}
	if !recent {
		runtime.GC()
		_, live := heapBytes()
		g.mu.Lock()
		g.lastGC = time.Now()
		// The starting figure may be stale (garbage of an earlier job still
		// counted live then); a lower live heap now shows the true floor.
		if live < g.base {
			g.base = live
		}
		base = g.base
		g.mu.Unlock()
	}
	_, live := heapBytes()
	if live-base+n <= g.limit {
		return true
	}
	if n == 0 {
		g.fail()
	}
	return false
}

func (g *memoryGuard) fail() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.exceeded = true
	if g.cancel != nil {
		g.cancel(fmt.Errorf("%w (%d MiB)", ErrMemoryLimit, g.limit>>20))
	}
}

// allocFailed starts the message of a refused allocation, as in Chromium.
const allocFailed = "Array buffer allocation failed"

// reserve is called before an allocation of n bytes the script asked for: past
// the limit it throws the RangeError a browser throws when an allocation
// fails, so the allocation never happens (and the script may recover).
func (r *Runtime) reserve(n int64) {
	if n < reserveThreshold {
		return
	}
	if !r.memory.check(n) {
		r.throwRangeError(fmt.Sprintf("%s: %d bytes is over the memory limit (%d MiB)", allocFailed, n, r.memory.limit>>20))
	}
}

// installMemoryGuards puts reserve in front of the built-ins that can allocate
// a large block in one call: typed array and ArrayBuffer constructors,
// String.prototype.repeat / padStart / padEnd, Array.prototype.fill / join and
// Array.from.
func (r *Runtime) installMemoryGuards() {
	// The bindings wrap Go buffers with the original constructors: they
	// allocate nothing, and the wrappers would only slow them down.
	g0 := r.vm.GlobalObject()
	r.builtinCtors.u8 = g0.Get("Uint8Array").(*goja.Object)
	r.builtinCtors.u8clamped = g0.Get("Uint8ClampedArray").(*goja.Object)
	if r.memory.limit < 0 {
		return
	}
	g := r.vm.GlobalObject()
	must(g.Set("__mediadReserve", func(v goja.Value) {
		f := v.ToFloat()
		if f != f || f < 0 {
			return
		}
		if f > 1<<62 {
			f = 1 << 62
		}
		r.reserve(int64(f))
	}))
	_, err := r.vm.RunProgram(programs().memoryGuard)
	must(err)
}

// memoryGuardJS wraps the allocating built-ins. The wrappers keep name,
// length, static members and prototype identity, so scripts (and the bindings' own
// `constructor === Uint8ClampedArray` checks) see the originals.
const memoryGuardJS = `(function (g) {
	const reserve = g.__mediadReserve;
	delete g.__mediadReserve;
	const big = 1 << 20;
	const C0 = g.ArrayBuffer;
	const ctors = ['ArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
		'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
	for (const name of ctors) {
		const C = g[name];
		if (typeof C !== 'function') continue;
		const bpe = C.BYTES_PER_ELEMENT || 1;
		const W = {[name]: function (...args) {
			if (new.target === undefined) {
				throw new TypeError("Constructor " + name + " requires 'new'");
			}
			const a = args[0];
			if (typeof a === 'number') {
				if (a * bpe >= big) reserve(a * bpe);
			} else if (a !== null && typeof a === 'object' && !(a instanceof C0) && typeof a.length === 'number') {
				if (a.length * bpe >= big) reserve(a.length * bpe);
			}
			return Reflect.construct(C, args, new.target === W ? C : new.target);
		}}[name];
		for (const k of Reflect.ownKeys(C)) {
			if (k === 'prototype' || k === 'name' || k === 'length') continue;
			Object.defineProperty(W, k, Object.getOwnPropertyDescriptor(C, k));
		}
		Object.defineProperty(W, 'length', {value: C.length});
		Object.defineProperty(W, 'prototype', {value: C.prototype, writable: false});
		Object.setPrototypeOf(W, Object.getPrototypeOf(C));
		Object.defineProperty(C.prototype, 'constructor', {value: W, writable: true, configurable: true, enumerable: false});
		Object.defineProperty(g, name, {value: W, writable: true, configurable: true, enumerable: false});
	}
	function wrap(obj, name, size) {
		const f = obj[name];
		const w = {[name](...args) {
			const n = size(this, args);
			if (n >= big) reserve(n);
			return f.apply(this, args);
		}}[name];
		Object.defineProperty(w, 'length', {value: f.length});
		Object.defineProperty(obj, name, {value: w, writable: true, configurable: true, enumerable: false});
	}
	const len = (v) => { const n = Number(v); return n > 0 ? n : 0; };
	wrap(String.prototype, 'repeat', (s, a) => String(s).length * len(a[0]) * 2);
	wrap(String.prototype, 'padStart', (s, a) => len(a[0]) * 2);
	wrap(String.prototype, 'padEnd', (s, a) => len(a[0]) * 2);
	wrap(Array.prototype, 'fill', (s) => ArrayBuffer.isView(s) ? 0 : len(s && s.length) * 16);
	wrap(Array.prototype, 'join', (s, a) => len(s && s.length) * (a[0] === undefined ? 1 : String(a[0]).length + 1) * 2);
	wrap(Array, 'from', (s, a) => len(a[0] && a[0].length) * 16);
})(globalThis);`

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
