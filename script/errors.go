package script

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Sentinel errors reported (wrapped in *Error) when a limit ends a script.
var (
	// ErrTimeout: the script or its event loop ran past Options.Timeout or the
	// context's deadline.
	ErrTimeout = errors.New("script: time limit exceeded")
	// ErrStackOverflow: the call depth went past Options.MaxCallStackSize.
	ErrStackOverflow = errors.New("script: maximum call stack size exceeded")
	// ErrCanceled: the context was canceled before the script finished.
	ErrCanceled = errors.New("script: canceled")
	// ErrMemoryLimit: the script allocated past Options.MaxMemory.
	ErrMemoryLimit = errors.New("script: memory limit exceeded")
)

// Kind says why a script ended with an error.
type Kind string

const (
	KindException   Kind = "uncaught exception"
	KindRejection   Kind = "unhandled promise rejection"
	KindTimeout     Kind = "timeout"
	KindStackDepth  Kind = "stack overflow"
	KindCanceled    Kind = "canceled"
	KindMemory      Kind = "memory limit"
	KindSyntaxError Kind = "syntax error"
)

// Error is how a script ends abnormally. Stack is the JavaScript view of it, in the
// format browsers print: "TypeError: msg\n    at f (file.js:3:7)\n…".
type Error struct {
	Kind    Kind
	Message string // first line, e.g. "TypeError: x is not a function"
	Stack   string // Message followed by the "    at …" frames, when known
	cause   error
}

func (e *Error) Error() string {
	if e.Kind == KindRejection {
		return "Uncaught (in promise) " + e.Message
	}
	if e.Kind == KindException || e.Kind == KindSyntaxError {
		return "Uncaught " + e.Message
	}
	return e.Message
}

// Unwrap lets errors.Is match ErrTimeout / ErrStackOverflow / ErrCanceled and the
// context error behind them.
func (e *Error) Unwrap() error { return e.cause }

// pcSuffix matches goja's program-counter suffix in stack positions ("f.js:3:7(12)"),
// which means nothing to a script author.
var pcSuffix = regexp.MustCompile(`:(\d+):(\d+)\(\d+\)`)

func cleanStack(s string) string {
	s = pcSuffix.ReplaceAllString(s, ":$1:$2")
	return strings.ReplaceAll(s, "\tat ", "    at ")
}

func formatFrames(frames []goja.StackFrame) string {
	var b strings.Builder
	for i := range frames {
		f := &frames[i]
		if f.SrcName() == "<native>" && f.FuncName() == "<native>" {
			continue
		}
		b.WriteString("\n    at ")
		p := f.Position()
		name := f.FuncName()
		if p.Filename == "" && p.Line == 0 {
			b.WriteString(name)
			b.WriteString(" (native)")
			continue
		}
		loc := p.Filename + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
		if name == "<anonymous>" || name == "" {
			b.WriteString(loc)
		} else {
			b.WriteString(name + " (" + loc + ")")
		}
	}
	return b.String()
}

// describeValue returns the message line and the stack for a thrown or rejected
// value: an Error object's own stack when it has one, otherwise its string form
// followed by the frames where it was caught.
func describeValue(vm *goja.Runtime, v goja.Value, frames []goja.StackFrame) (msg, stack string) {
	if v == nil || goja.IsUndefined(v) {
		msg = "undefined"
	} else if obj, ok := v.(*goja.Object); ok {
		msg = safeString(vm, obj)
		if st := obj.Get("stack"); st != nil && !goja.IsUndefined(st) && !goja.IsNull(st) {
			s := cleanStack(st.String())
			// goja's stack has the frames only; browsers lead with the message.
			if !strings.HasPrefix(s, msg) {
				s = msg + "\n" + strings.TrimLeft(s, "\n")
			}
			return msg, strings.TrimRight(s, "\n")
		}
	} else if s, ok := v.Export().(string); ok {
		msg = s
	} else {
		msg = inspect(vm, v, 0, nil)
	}
	return msg, msg + formatFrames(frames)
}

// safeString converts with toString but never lets a throwing toString escape.
func safeString(vm *goja.Runtime, obj *goja.Object) (s string) {
	defer func() {
		if recover() != nil {
			s = "[object]"
		}
	}()
	if ex := vm.Try(func() { s = obj.String() }); ex != nil {
		return "[object " + obj.ClassName() + "]"
	}
	return s
}
