package script

import (
	"runtime"
	"sync"
	"weak"

	"github.com/dop251/goja"
)

// weakTable maps JavaScript objects to their Go values without keeping the
// objects alive: a script that makes and drops thousands of ImageData or canvases
// must not have them pinned by the binding. An entry is deleted by a cleanup once
// its object has been collected, which frees the Go value (and its pixels) at the
// next collection. Values must not reference their own key strongly, or the key
// could never die. Cleanups run on another goroutine, hence the mutex.
type weakTable[T any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[goja.Object]]T

	// The last object looked up, for the common run of calls on one context;
	// weak.Make costs more than the rest of a binding call. It pins one object.
	lastObj *goja.Object
	lastVal T
}

func newWeakTable[T any]() *weakTable[T] {
	return &weakTable[T]{m: map[weak.Pointer[goja.Object]]T{}}
}

func (w *weakTable[T]) put(obj *goja.Object, v T) {
	p := weak.Make(obj)
	w.mu.Lock()
	_, exists := w.m[p]
	w.m[p] = v
	w.mu.Unlock()
	if !exists {
		table := weak.Make(w)
		runtime.AddCleanup(obj, func(p weak.Pointer[goja.Object]) {
			if w := table.Value(); w != nil {
				w.mu.Lock()
				delete(w.m, p)
				w.mu.Unlock()
			}
		}, p)
	}
}

func (w *weakTable[T]) get(obj *goja.Object) (T, bool) {
	if obj == w.lastObj {
		return w.lastVal, true
	}
	p := weak.Make(obj)
	w.mu.Lock()
	v, ok := w.m[p]
	w.mu.Unlock()
	if ok {
		w.lastObj, w.lastVal = obj, v
	}
	return v, ok
}

// identityTable maps a Go value to the one JavaScript object that wraps it, so
// that `ctx.fillStyle === gradient` holds, without keeping that object alive. If
// the object was collected a new one is made; nobody can tell them apart.
type identityTable[K comparable] struct {
	mu sync.Mutex
	m  map[K]weak.Pointer[goja.Object]
}

func newIdentityTable[K comparable]() *identityTable[K] {
	return &identityTable[K]{m: map[K]weak.Pointer[goja.Object]{}}
}

func (t *identityTable[K]) get(k K) *goja.Object {
	t.mu.Lock()
	p := t.m[k]
	t.mu.Unlock()
	return p.Value()
}

func (t *identityTable[K]) put(k K, obj *goja.Object) {
	p := weak.Make(obj)
	t.mu.Lock()
	t.m[k] = p
	t.mu.Unlock()
	table := weak.Make(t)
	runtime.AddCleanup(obj, func(k K) {
		if t := table.Value(); t != nil {
			t.mu.Lock()
			if t.m[k] == p {
				delete(t.m, k)
			}
			t.mu.Unlock()
		}
	}, k)
}

// class is a JavaScript interface backed by Go: a constructor (or one that throws
// "Illegal constructor"), a prototype holding methods and accessors, and the Go
// value behind each instance.
type class[T any] struct {
	r     *Runtime
	name  string
	ctor  *goja.Object
	proto *goja.Object
	objs  *weakTable[T]

	// A lazy class (newLazyClass) has no ctor or proto until build; members
	// holds its method and accessor definitions until then, in order.
	construct func(call goja.ConstructorCall) T
	members   []func()
}

// newClass defines a global interface name. construct, when non-nil, handles
// `new Name(...)` and returns the Go value for the new instance. Descriptors
// are WebIDL's (as in Chromium): the global and prototype.constructor are
// writable and configurable but not enumerable, methods enumerable, and
// function names and lengths only configurable. (goja's flag order is
// writable, configurable, enumerable.)
func newClass[T any](r *Runtime, name string, construct func(call goja.ConstructorCall) T) *class[T] {
	c := &class[T]{r: r, name: name, objs: newWeakTable[T]()}
	r.interfaces = append(r.interfaces, name)
	c.define(construct)
	must(r.vm.GlobalObject().DefineDataProperty(name, c.ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	return c
}

// newLazyClass is newClass for an interface few scripts use: the constructor,
// prototype and members are made when the global is first read or the first
// instance is wrapped (see lazy.go). Its ctor and proto fields are nil until
// then, so code that installs the class must add members only through method
// and accessor.
func newLazyClass[T any](r *Runtime, name string, construct func(call goja.ConstructorCall) T) *class[T] {
	c := &class[T]{r: r, name: name, objs: newWeakTable[T](), construct: construct}
	r.interfaces = append(r.interfaces, name)
	r.lazyGlobal(name, func() goja.Value { return c.build() })
	return c
}

// build makes a lazy class's constructor and prototype and adds its members,
// once.
func (c *class[T]) build() *goja.Object {
	if c.ctor == nil {
		c.define(c.construct)
		c.construct = nil
		members := c.members
		c.members = nil
		for _, m := range members {
			m()
		}
	}
	return c.ctor
}

// define makes the constructor and the prototype with its own properties.
func (c *class[T]) define(construct func(call goja.ConstructorCall) T) {
	r, name := c.r, c.name
	vm := r.vm
	c.proto = vm.NewObject()
	ctorFn := func(call goja.ConstructorCall) *goja.Object {
		if construct == nil {
			r.throwTypeError("Illegal constructor")
		}
		v := construct(call)
		obj := call.This
		c.objs.put(obj, v)
		return nil
	}
	c.ctor = vm.ToValue(ctorFn).(*goja.Object)
	must(c.ctor.DefineDataProperty("prototype", c.proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE))
	must(c.ctor.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	must(c.proto.DefineDataProperty("constructor", c.ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	must(c.proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
}

// wrap returns a new instance object for v (for values created from Go, such as
// a gradient returned by createLinearGradient).
func (c *class[T]) wrap(v T) *goja.Object {
	c.build()
	obj := c.r.vm.NewObject()
	must(obj.SetPrototype(c.proto))
	c.objs.put(obj, v)
	return obj
}

// of returns the Go value behind this, throwing "Illegal invocation" when this is
// not an instance (a method detached and called on something else).
func (c *class[T]) of(this goja.Value) T {
	if obj, ok := this.(*goja.Object); ok {
		if v, ok := c.objs.get(obj); ok {
			return v
		}
	}
	c.r.throwTypeError("Illegal invocation")
	var zero T
	return zero
}

// lookup is of without the exception.
func (c *class[T]) lookup(v goja.Value) (T, bool) {
	if obj, ok := v.(*goja.Object); ok {
		t, ok := c.objs.get(obj)
		return t, ok
	}
	var zero T
	return zero, false
}

// method adds a prototype method that requires at least nargs arguments.
func (c *class[T]) method(name string, nargs int, fn func(self T, call goja.FunctionCall) goja.Value) {
	if c.ctor == nil {
		c.members = append(c.members, func() { c.method(name, nargs, fn) })
		return
	}
	r := c.r
	f := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		self := c.of(call.This)
		r.need(call, nargs, c.name, name)
		return fn(self, call)
	}).(*goja.Object)
	must(f.DefineDataProperty("name", r.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	must(f.DefineDataProperty("length", r.vm.ToValue(nargs), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	must(c.proto.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE))
}

// accessor adds a prototype attribute; set may be nil for a read-only one.
func (c *class[T]) accessor(name string, get func(self T) goja.Value, set func(self T, v goja.Value)) {
	if c.ctor == nil {
		c.members = append(c.members, func() { c.accessor(name, get, set) })
		return
	}
	r := c.r
	getter := r.vm.ToValue(func(call goja.FunctionCall) goja.Value { return get(c.of(call.This)) })
	var setter goja.Value
	if set != nil {
		setter = r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			self := c.of(call.This)
			set(self, call.Argument(0))
			return goja.Undefined()
		})
	}
	must(c.proto.DefineAccessorProperty(name, getter, setter, goja.FLAG_TRUE, goja.FLAG_TRUE))
}
