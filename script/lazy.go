package script

import (
	"github.com/dop251/goja"
)

// Lazy globals. Building an interface — its constructor, its prototype and a
// native function per method — is most of what New costs, and most scripts
// touch few of the interfaces a runtime defines (a poster render never sees
// the two dozen WebAudio constructors). Runtimes cannot be pooled (scripts
// change globals and prototypes and goja cannot reset them), so instead such a
// global starts as an accessor on the global object: its getter builds the
// value and replaces itself with the data property eager installation would
// have made; its setter stores what the script assigns without building
// anything. Both keep the property's place in the global object's key order.
//
// The descriptor is the one Chromium gives interface objects (WebIDL: writable,
// not enumerable, configurable). The only ways to see that the property is an
// accessor are the reflection functions, so while any lazy global is pending
// those are wrapped to build what they are about to look at first (see
// hookReflection); a script therefore sees the same descriptors, values, key
// order and identities as with eager installation.

// lazyGlobals are the global properties still waiting to be built.
type lazyGlobals struct {
	pending map[string]func() goja.Value
	hooked  bool
}

// lazyGlobal defines the global name as build's value, built on first access.
func (r *Runtime) lazyGlobal(name string, build func() goja.Value) {
	if r.lazy.pending == nil {
		r.lazy.pending = make(map[string]func() goja.Value, 32)
	}
	r.lazy.pending[name] = build
	vm := r.vm
	g := vm.GlobalObject()
	get := vm.ToValue(func(goja.FunctionCall) goja.Value {
		return r.materialize(name)
	})
	set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		v := call.Argument(0)
		if this, ok := call.This.(*goja.Object); ok && this != g {
			// An assignment through an object inheriting from the global
			// object: a data property would have been created on that object.
			must(this.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE))
			return goja.Undefined()
		}
		if _, ok := r.lazy.pending[name]; ok {
			delete(r.lazy.pending, name)
			must(g.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
		}
		return goja.Undefined()
	})
	must(g.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_FALSE))
}

// materialize builds the pending global name and turns it into its data
// property; it returns the value (undefined when name is not pending).
func (r *Runtime) materialize(name string) goja.Value {
	build, ok := r.lazy.pending[name]
	if !ok {
		return goja.Undefined()
	}
	// Removed first: building may read other globals, this one included.
	delete(r.lazy.pending, name)
	v := build()
	must(r.vm.GlobalObject().DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	return v
}

// materializeAll builds every pending global, in definition-independent order
// (each one's place among the keys is already fixed).
func (r *Runtime) materializeAll() {
	for len(r.lazy.pending) > 0 {
		for name := range r.lazy.pending {
			r.materialize(name)
			break
		}
	}
}

// materializeKey builds the pending global that key names, when obj is the
// global object. A key that is not a primitive makes everything pending be
// built, so that its toString is called only once, by the wrapped function.
func (r *Runtime) materializeKey(obj, key goja.Value) {
	if len(r.lazy.pending) == 0 || obj != r.vm.GlobalObject() {
		return
	}
	switch key.(type) {
	case *goja.Object:
		r.materializeAll()
	case *goja.Symbol:
	default:
		if key != nil {
			r.materialize(key.String())
		}
	}
}

// hookReflection replaces the functions that could tell a pending global's
// accessor from a data property by ones that build it first: descriptor
// lookups, redefinitions (which would otherwise turn an accessor into a
// non-writable data property) and freeze/seal (which would fix the accessor in
// place). Each replacement has its original's name, length and descriptor.
func (r *Runtime) hookReflection() {
	if r.lazy.hooked || len(r.lazy.pending) == 0 {
		return
	}
	r.lazy.hooked = true
	vm := r.vm
	g := vm.GlobalObject()
	object := g.Get("Object").(*goja.Object)
	reflect := g.Get("Reflect").(*goja.Object)
	one := func(call goja.FunctionCall) { r.materializeKey(call.Argument(0), call.Argument(1)) }
	all := func(call goja.FunctionCall) {
		if len(r.lazy.pending) > 0 && call.Argument(0) == g {
			r.materializeAll()
		}
	}
	for _, h := range []struct {
		on     *goja.Object
		name   string
		length int
		before func(goja.FunctionCall)
	}{
		{object, "getOwnPropertyDescriptor", 2, one},
		{object, "getOwnPropertyDescriptors", 1, all},
		{object, "defineProperty", 3, one},
		{object, "defineProperties", 2, all},
		{object, "freeze", 1, all},
		{object, "seal", 1, all},
		{reflect, "getOwnPropertyDescriptor", 2, one},
		{reflect, "defineProperty", 3, one},
	} {
		orig, ok := goja.AssertFunction(h.on.Get(h.name))
		if !ok {
			continue
		}
		before := h.before
		f := vm.ToValue(func(call goja.FunctionCall) goja.Value {
			before(call)
			v, err := orig(call.This, call.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		}).(*goja.Object)
		must(f.DefineDataProperty("name", vm.ToValue(h.name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
		must(f.DefineDataProperty("length", vm.ToValue(h.length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
		must(h.on.DefineDataProperty(h.name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	}
}
