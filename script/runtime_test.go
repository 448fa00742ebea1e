package script

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// run executes src in a fresh runtime and returns stdout, stderr and the error.
func run(t *testing.T, opts Options, src string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	opts.Stdout, opts.Stderr = &out, &errOut
	r := New(opts)
	err := r.RunString(context.Background(), "test.js", src)
	return out.String(), errOut.String(), err
}

func TestOutput(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"console formats values like Node",
			`console.log("a", 1, 1.5, true, null, undefined, [1, "x", [2]], {k: 'v', 'a-b': 2})`,
			"a 1 1.5 true null undefined [ 1, 'x', [ 2 ] ] { k: 'v', 'a-b': 2 }\n"},
		{"printf substitutions", `console.log("%s=%d%% %i %o", "n", 42.5, 3.9, {a: 1})`, "n=42.5% 3 { a: 1 }\n"},
		{"nested depth and cycles", `const o = {a: {b: {c: {d: 1}}}}; o.self = o; console.log(o)`,
			"{ a: { b: { c: [Object] } }, self: [Circular] }\n"},
		{"functions and typed arrays", `console.log(function foo() {}, () => 1, new Uint8Array([1, 2]))`,
			"[Function: foo] [Function (anonymous)] Uint8Array(2) [ 1, 2 ]\n"},
		{"timers run in delay order", `
			setTimeout(() => console.log("c"), 20);
			setTimeout(() => console.log("a"), 0);
			setTimeout((x, y) => console.log(x + y), 5, "b", "!");`, "a\nb!\nc\n"},
		{"equal delays keep FIFO order", `for (let i = 0; i < 5; i++) setTimeout(() => console.log(i), 1);`, "0\n1\n2\n3\n4\n"},
		{"clearTimeout and clearInterval", `
			const t = setTimeout(() => console.log("never"), 1); clearTimeout(t);
			let n = 0; const iv = setInterval(() => { n++; console.log("tick", n); if (n === 3) clearInterval(iv); }, 1);`,
			"tick 1\ntick 2\ntick 3\n"},
		{"microtasks before timers, in order", `
			setTimeout(() => console.log("timeout"), 0);
			Promise.resolve().then(() => console.log("promise 1"));
			queueMicrotask(() => console.log("microtask"));
			Promise.resolve().then(() => console.log("promise 2"));
			console.log("sync");`, "sync\npromise 1\nmicrotask\npromise 2\ntimeout\n"},
		{"async functions and timers", `
			const sleep = ms => new Promise(res => setTimeout(res, ms));
			(async () => { await sleep(5); console.log("after sleep"); await null; console.log("done"); })();`,
			"after sleep\ndone\n"},
		{"handled rejection is fine", `Promise.reject(new Error("x")).catch(e => console.log("caught", e.message));`, "caught x\n"},
		{"rejection handled in the same tick", `const p = Promise.reject(1); p.catch(v => console.log("late catch", v));`, "late catch 1\n"},
		{"btoa and atob", `console.log(btoa("hello\u00ff"), atob(" aGVs bG8= "), atob("YQ"), atob("YR"))`, "aGVsbG// hello a a\n"},
		{"atob rejects bad input", `for (const s of ["a", "a===", "ab*c"]) { try { atob(s); console.log("ok", s) } catch (e) { console.log(e.name, e instanceof DOMException, e.code) } }`,
			"InvalidCharacterError true 5\nInvalidCharacterError true 5\nInvalidCharacterError true 5\n"},
		{"btoa rejects non-Latin1", `try { btoa("\u0100") } catch (e) { console.log(e.name) }`, "InvalidCharacterError\n"},
		{"TextEncoder", `const e = new TextEncoder(); console.log(e.encoding, Array.from(e.encode("a\u00e9\u20ac\ud83d\ude00\ud800")).join(","))`,
			"utf-8 97,195,169,226,130,172,240,159,152,128,239,191,189\n"},
		{"TextDecoder replacement and BOM", `const d = new TextDecoder();
			console.log(JSON.stringify(d.decode(new Uint8Array([0xEF,0xBB,0xBF,0x61,0xE2,0x82,0x62,0xFF,0xF0,0x9F,0x98,0x80]))))`,
			"\"a\ufffdb\ufffd😀\"\n"},
		{"TextDecoder streaming", `const d = new TextDecoder(); const b = new TextEncoder().encode("€x");
			console.log(d.decode(b.subarray(0, 1), {stream: true}) + "|" + d.decode(b.subarray(1, 2), {stream: true}) + "|" + d.decode(b.subarray(2)))`,
			"||€x\n"},
		{"TextDecoder fatal", `try { new TextDecoder("utf-8", {fatal: true}).decode(new Uint8Array([0xC0])) } catch (e) { console.log(e.name) }
			try { new TextDecoder("latin9000") } catch (e) { console.log(e.name) }`, "TypeError\nRangeError\n"},
		{"TextDecoder legacy encodings", `const d = new TextDecoder('GBK'); const l = new TextDecoder('latin1');
			console.log(d.encoding, d.decode(new Uint8Array([0xC4, 0xE3, 0xBA, 0xC3])), l.encoding, l.decode(new Uint8Array([0x80, 0x41, 0xE9])),
				d.decode(new Uint8Array([0xC4]), {stream: true}) + d.decode(new Uint8Array([0xE3])))`,
			"gbk 你好 windows-1252 €Aé 你\n"},
		{"performance.now is monotonic", `const a = performance.now(); let x = 0; for (let i = 0; i < 1e5; i++) x += i; console.log(performance.now() >= a, typeof a)`,
			"true number\n"},
		{"string setTimeout is evaluated", `setTimeout("console.log('from string')", 0)`, "from string\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := run(t, Options{Timeout: 5 * time.Second}, tc.src)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}

func TestConsoleHelpers(t *testing.T) {
	out, errOut, err := run(t, Options{}, `
console.count(); console.count(); console.count('x'); console.countReset(); console.count();
console.group('outer'); console.log('in'); console.group(); console.log('deeper'); console.groupEnd(); console.groupEnd(); console.log('out');
console.time('t'); console.time('t'); console.timeEnd('nope');
function where() { console.trace('here', 1) } where();`)
	if err != nil {
		t.Fatal(err)
	}
	wantOut := "default: 1\ndefault: 2\nx: 1\ndefault: 1\nouter\n  in\n    deeper\nout\n"
	if out != wantOut {
		t.Errorf("stdout\n got %q\nwant %q", out, wantOut)
	}
	for _, s := range []string{"Label 't' already exists", "No such label 'nope'", "Trace: here 1\n    at where (test.js:"} {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
	out, _, err = run(t, Options{}, `console.time(); console.timeLog(undefined, 'step'); console.timeEnd()`)
	if err != nil || !strings.HasPrefix(out, "default: ") || !strings.Contains(out, "ms step\ndefault: ") {
		t.Errorf("timers: %q, %v", out, err)
	}
}

func TestConsoleStreams(t *testing.T) {
	out, errOut, err := run(t, Options{}, `console.log("o"); console.info("i"); console.warn("w"); console.error("e"); console.assert(false, "x")`)
	if err != nil {
		t.Fatal(err)
	}
	if out != "o\ni\n" || errOut != "w\ne\nAssertion failed: x\n" {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name     string
		opts     Options
		src      string
		kind     Kind
		is       error
		contains []string // substrings of the *Error's Stack
		stdout   string
	}{
		{name: "uncaught error carries the JS stack", src: "function inner() { throw new TypeError('bad thing'); }\nfunction outer() { inner(); }\nouter();",
			kind: KindException, contains: []string{"TypeError: bad thing", "at inner (test.js:1:", "at outer (test.js:2:"}},
		{name: "thrown non-error value", src: "throw 'plain string'", kind: KindException, contains: []string{"plain string"}},
		{name: "error in a timer ends the loop", src: "setTimeout(function later() { null.x }, 1); setTimeout(() => console.log('not reached'), 50);",
			kind: KindException, contains: []string{"TypeError", "later"}},
		{name: "error in a microtask", src: "queueMicrotask(function mt() { throw new RangeError('in microtask') }); setTimeout(() => console.log('not reached'), 20)",
			kind: KindException, contains: []string{"RangeError: in microtask", "at mt (test.js:1:"}},
		{name: "unhandled rejection", src: "console.log('before'); async function f() { throw new Error('async boom') }\nf();",
			kind: KindRejection, contains: []string{"Error: async boom", "at f (test.js:1:"}, stdout: "before\n"},
		{name: "unhandled rejection in a timer", src: "setTimeout(() => Promise.reject(new Error('late')), 1)", kind: KindRejection, contains: []string{"Error: late"}},
		{name: "syntax error", src: "let x = ;", kind: KindSyntaxError, contains: []string{"SyntaxError", "test.js"}},
		{name: "infinite loop hits the time limit", opts: Options{Timeout: 100 * time.Millisecond}, src: "function spin() { for (;;) {} }\nspin()",
			kind: KindTimeout, is: ErrTimeout, contains: []string{"time limit", "spin"}},
		{name: "endless timers hit the time limit", opts: Options{Timeout: 100 * time.Millisecond}, src: "setInterval(() => {}, 1)",
			kind: KindTimeout, is: ErrTimeout},
		{name: "long timer hits the time limit", opts: Options{Timeout: 50 * time.Millisecond}, src: "setTimeout(() => {}, 100000)",
			kind: KindTimeout, is: ErrTimeout},
		{name: "deep recursion hits the depth limit", opts: Options{MaxCallStackSize: 500}, src: "function down(n) { return down(n + 1) + 1 }\ndown(0)",
			kind: KindStackDepth, is: ErrStackOverflow, contains: []string{"Maximum call stack size exceeded", "at down (test.js:1:"}},
		{name: "depth limit cannot be caught", opts: Options{MaxCallStackSize: 200}, src: "function down() { down() }\ntry { down() } catch (e) { console.log('caught') }",
			kind: KindStackDepth, is: ErrStackOverflow},
		{name: "bad queueMicrotask argument", src: "queueMicrotask(1)", kind: KindException, contains: []string{"TypeError", "queueMicrotask"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.opts.Timeout == 0 {
				tc.opts.Timeout = 5 * time.Second
			}
			start := time.Now()
			out, _, err := run(t, tc.opts, tc.src)
			if time.Since(start) > 3*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("want *Error, got %T %v", err, err)
			}
			if se.Kind != tc.kind {
				t.Errorf("kind %q, want %q (%v)", se.Kind, tc.kind, err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v, %v) is false", err, tc.is)
			}
			for _, s := range tc.contains {
				if !strings.Contains(se.Stack, s) {
					t.Errorf("stack lacks %q:\n%s", s, se.Stack)
				}
			}
			if out != tc.stdout {
				t.Errorf("stdout %q, want %q", out, tc.stdout)
			}
		})
	}
}

func TestContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := New(Options{})
	go func() { time.Sleep(30 * time.Millisecond); cancel() }()
	err := r.RunString(ctx, "c.js", "for (;;) {}")
	if !errors.Is(err, ErrCanceled) || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}

func TestRuntimeReusableAfterTimeout(t *testing.T) {
	var out bytes.Buffer
	r := New(Options{Stdout: &out, Timeout: 50 * time.Millisecond})
	if err := r.RunString(context.Background(), "a.js", "for (;;) {}"); !errors.Is(err, ErrTimeout) {
		t.Fatalf("first run: %v", err)
	}
	if err := r.RunString(context.Background(), "b.js", "console.log('again')"); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if out.String() != "again\n" {
		t.Errorf("stdout %q", out.String())
	}
}

// TestManyShortRuns guards against the time-limit watcher of one run
// interrupting the next one.
func TestManyShortRuns(t *testing.T) {
	r := New(Options{Timeout: time.Minute})
	for i := 0; i < 500; i++ {
		if err := r.RunString(context.Background(), "s.js", "1 + 1"); err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
	}
}

func TestGoDeliversOnLoop(t *testing.T) {
	var out bytes.Buffer
	r := New(Options{Stdout: &out})
	vm := r.VM()
	must(vm.Set("later", func(v string) {
		r.Go(func() func() error {
			time.Sleep(5 * time.Millisecond)
			return func() error {
				_, err := vm.RunString("console.log(" + "'" + v + "'" + ")")
				return err
			}
		})
	}))
	if err := r.RunString(context.Background(), "g.js", "later('delivered'); console.log('first')"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "first\ndelivered\n" {
		t.Errorf("stdout %q", out.String())
	}
}

func TestRunFile(t *testing.T) {
	r := New(Options{})
	if err := r.RunFile(context.Background(), "/nonexistent/x.js"); err == nil {
		t.Fatal("want an error for a missing file")
	}
}
