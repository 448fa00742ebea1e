package script

import (
	"encoding/base64"
	"sort"
	"strings"

	"github.com/dop251/goja"
)

// installWxAPI binds the wx functions beyond createOffscreenCanvas: the base
// helpers, the file system manager, and the canvas and image APIs.
func (r *Runtime) installWxAPI() {
	wx := r.vm.GlobalObject().Get("wx").(*goja.Object)
	env := r.vm.NewObject()
	must(env.DefineDataProperty("USER_DATA_PATH", r.vm.ToValue(userDataPath), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	must(wx.Set("env", env))

	must(wx.Set("base64ToArrayBuffer", func(call goja.FunctionCall) goja.Value {
		data, ok := forgivingBase64Decode(r.str(call.Argument(0)))
		if !ok {
			// WeChat's helper returns what it could decode; a string that is not
			// base64 at all gives an empty buffer rather than an exception.
			data = nil
		}
		return r.vm.ToValue(r.vm.NewArrayBuffer(append([]byte{}, data...)))
	}))
	must(wx.Set("arrayBufferToBase64", func(call goja.FunctionCall) goja.Value {
		v := call.Argument(0)
		if absent(v) || goja.IsNull(v) {
			r.throwTypeError("arrayBufferToBase64: parameter 1 should be ArrayBuffer")
		}
		return r.vm.ToValue(base64.StdEncoding.EncodeToString(r.bufferSourceBytes(v, "arrayBufferToBase64", "wx")))
	}))
	must(wx.Set("canIUse", func(call goja.FunctionCall) goja.Value {
		s, ok := call.Argument(0).Export().(string)
		if !ok {
			return r.vm.ToValue(false)
		}
		return r.vm.ToValue(r.canIUse(s))
	}))

	r.installWxCanvas(wx)
	r.installWxImage(wx)
	r.installFileSystem(wx)
	r.installWxVideo(wx)
	r.installLegacy(wx)
}

// syncReturns are the wx functions that return a value (the "return" method of
// the canIUse grammar) and the option fields of those that take an object.
var syncReturns = map[string][]string{
	"createOffscreenCanvas":   {"type", "width", "height", "compInst"},
	"getFileSystemManager":    nil,
	"base64ToArrayBuffer":     nil,
	"arrayBufferToBase64":     nil,
	"canIUse":                 nil,
	"createCanvasContext":     nil,
	"createVideoDecoder":      nil,
	"createMediaContainer":    nil,
	"getRecorderManager":      nil,
	"createWebAudioContext":   nil,
	"createInnerAudioContext": nil,
	"createMediaAudioPlayer":  nil,
	"createMediaRecorder":     {"duration", "videoBitsPerSecond", "gop", "fps", "width", "height", "format", "quality", "lossless"},
}

// canIUse answers wx.canIUse from the table of what this runtime binds.
func (r *Runtime) canIUse(schema string) bool {
	if r.capabilities == nil {
		r.capabilities = r.capabilityTable()
	}
	schema = strings.TrimPrefix(strings.TrimSpace(schema), "wx.")
	return r.capabilities[schema]
}

// Capabilities returns every schema wx.canIUse answers true for, sorted.
func (r *Runtime) Capabilities() []string {
	if r.capabilities == nil {
		r.capabilities = r.capabilityTable()
	}
	out := make([]string, 0, len(r.capabilities))
	for s := range r.capabilities {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// capabilityTable derives the canIUse table from the live bindings: the
// functions on wx, the declarations of the asynchronous APIs (their options,
// option values and success fields) and the members of every interface and
// object the runtime defines. Nothing is listed by hand, so the table cannot
// claim what is not bound.
func (r *Runtime) capabilityTable() map[string]bool {
	t := map[string]bool{}
	add := func(parts ...string) { t[strings.Join(parts, ".")] = true }
	wx := r.vm.GlobalObject().Get("wx").(*goja.Object)
	async := map[string]wxAPI{}
	for _, api := range r.wxAPIs {
		async[api.name] = api
	}
	for _, name := range wx.Keys() {
		v := wx.Get(name)
		if _, isFn := goja.AssertFunction(v); !isFn {
			if obj, ok := v.(*goja.Object); ok {
				add(name)
				for _, k := range obj.Keys() {
					add(name, k)
				}
			}
			continue
		}
		add(name)
		if api, ok := async[name]; ok {
			add(name, "object")
			add(name, "success")
			for _, cb := range []string{"success", "fail", "complete"} {
				add(name, "object", cb)
			}
			for _, o := range api.options {
				add(name, "object", o)
				for _, v := range api.values[o] {
					add(name, "object", o, v)
				}
			}
			add(name, "success", "errMsg")
			for _, f := range api.results {
				add(name, "success", f)
			}
			continue
		}
		if opts, ok := syncReturns[name]; ok {
			add(name, "return")
			for _, o := range opts {
				add(name, "object", o)
			}
		}
	}
	add("createOffscreenCanvas", "object", "type", "2d")
	// FileSystemManager, by the name WeChat documents it under.
	for _, m := range r.fsAPIs {
		add("FileSystemManager")
		add("FileSystemManager", m)
	}
	g := r.vm.GlobalObject()
	for _, name := range r.interfaces {
		ctor, ok := g.Get(name).(*goja.Object)
		if !ok {
			continue
		}
		add(name)
		if proto, ok := ctor.Get("prototype").(*goja.Object); ok {
			for _, m := range proto.GetOwnPropertyNames() {
				if m != "constructor" {
					add(name, m)
				}
			}
		}
	}
	for _, name := range []string{"console", "performance"} {
		if obj, ok := g.Get(name).(*goja.Object); ok {
			add(name)
			for _, m := range obj.Keys() {
				add(name, m)
			}
		}
	}
	return t
}
