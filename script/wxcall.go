package script

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/dop251/goja"
)

// wxFail is a failure an API reports through fail / a rejected Promise, worded
// as the reason after "<api>:fail ".
type wxFail struct{ reason string }

func (e *wxFail) Error() string { return e.reason }

// failf returns a wxFail with a formatted reason.
func failf(format string, args ...any) error { return &wxFail{fmt.Sprintf(format, args...)} }

// wxAPI describes one asynchronous wx function: its name (without "wx."), the
// option fields it reads (for wx.canIUse) and what it does. run reads the option
// object and fills res with the success fields; an error becomes the fail
// result.
type wxAPI struct {
	name    string
	options []string
	values  map[string][]string // the allowed values of an option, where it has a fixed set
	results []string
	run     func(opts *goja.Object, res *goja.Object) error
}

// defineAsync binds wx.<api.name> with the success / fail / complete
// convention: with none of the three callbacks it returns a Promise resolved
// with the success object or rejected with the fail object. The result is
// delivered from a task of its own, after the calling code has finished, as on a
// phone.
func (r *Runtime) defineAsync(wx *goja.Object, api wxAPI) {
	r.wxAPIs = append(r.wxAPIs, api)
	name := api.name
	fn := func(call goja.FunctionCall) goja.Value {
		r.asyncThis = call.This
		opts, _ := call.Argument(0).(*goja.Object)
		if opts == nil {
			opts = r.vm.NewObject()
		}
		callback := func(field string) goja.Callable {
			f, _ := goja.AssertFunction(opts.Get(field))
			return f
		}
		success, fail, complete := callback("success"), callback("fail"), callback("complete")

		res := r.vm.NewObject()
		must(res.Set("errMsg", name+":ok"))
		err := r.runAPI(func() error { return api.run(opts, res) })
		if err != nil {
			res = r.vm.NewObject()
			must(res.Set("errMsg", name+":fail "+reasonOf(err)))
		}

		if success == nil && fail == nil && complete == nil {
			p, resolve, reject := r.vm.NewPromise()
			r.post(func() error {
				if err != nil {
					return reject(res)
				}
				return resolve(res)
			})
			return r.vm.ToValue(p)
		}
		r.post(func() error {
			if err == nil && success != nil {
				if _, e := success(goja.Undefined(), res); e != nil {
					return e
				}
			}
			if err != nil && fail != nil {
				if _, e := fail(goja.Undefined(), res); e != nil {
					return e
				}
			}
			if complete != nil {
				if _, e := complete(goja.Undefined(), res); e != nil {
					return e
				}
			}
			return nil
		})
		return goja.Undefined()
	}
	must(wx.Set(name, fn))
}

// runAPI runs f and turns an exception thrown by a binding helper (a bad
// argument) into an error, as WeChat reports parameter errors through fail.
func (r *Runtime) runAPI(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			switch x := p.(type) {
			case *goja.Object:
				msg := safeString(r.vm, x)
				if m, ok := strings.CutPrefix(msg, "RangeError: "+allocFailed); ok {
					// reserve refused a buffer: the memory limit, not the arguments.
					err = failf("%s%s", allocFailed, m)
				} else {
					err = failf("parameter error: %s", msg)
				}
			case *goja.Exception:
				err = failf("parameter error: %s", x.Value().String())
			case runtime.Error:
				// A bug in a binding must not take the process (and every other
				// job in it) down: the call fails instead.
				err = failf("internal error: %v", x)
			default:
				panic(p)
			}
		}
	}()
	return f()
}

// reasonOf words err for an errMsg: one line, no Go package prefixes.
func reasonOf(err error) string {
	msg := err.Error()
	for _, p := range []string{"image: ", "codec: ", "canvas: ", "video: ", "script: ", "recorder: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return clip(strings.TrimSpace(msg))
}

// optString reads an optional string field ("" when absent).
func (r *Runtime) optString(o *goja.Object, name string) string {
	v := o.Get(name)
	if absent(v) || goja.IsNull(v) {
		return ""
	}
	return r.str(v)
}

// needString reads a required string field.
func (r *Runtime) needString(o *goja.Object, name string) (string, error) {
	v := o.Get(name)
	if absent(v) || goja.IsNull(v) {
		return "", failf("parameter error: parameter.%s should be String instead of Undefined", name)
	}
	if _, ok := v.Export().(string); !ok {
		return "", failf("parameter error: parameter.%s should be String", name)
	}
	return v.String(), nil
}

// optNumber reads an optional finite number field; ok is false when absent.
func optNumber(o *goja.Object, name string) (f float64, ok bool, err error) {
	v := o.Get(name)
	if absent(v) || goja.IsNull(v) {
		return 0, false, nil
	}
	f = v.ToFloat()
	if f != f || f > 1e15 || f < -1e15 {
		return 0, true, failf("parameter error: parameter.%s should be a finite number", name)
	}
	return f, true, nil
}

// needNumber reads a required finite number field.
func needNumber(o *goja.Object, name string) (float64, error) {
	f, ok, err := optNumber(o, name)
	if err == nil && !ok {
		err = failf("parameter error: parameter.%s should be Number instead of Undefined", name)
	}
	return f, err
}
