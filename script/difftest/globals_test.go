package difftest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/seed92233726/mediad/script"
)

// globalCases check the runtime's browser globals (timers, microtasks, base64,
// text coding, DOMException) against Chromium. Each is the body of an async
// function whose JSON-able result is compared.
var globalCases = map[string]string{
	"task_order": `
const log = [];
setTimeout(() => log.push('timeout 0'), 0);
setTimeout(() => { log.push('timeout 1'); Promise.resolve().then(() => log.push('micro in timeout')); }, 1);
queueMicrotask(() => log.push('microtask'));
Promise.resolve().then(() => log.push('then 1')).then(() => log.push('then 2'));
(async () => { log.push('async start'); await null; log.push('after await'); })();
log.push('sync');
await new Promise(r => setTimeout(r, 20));
return log;`,
	"interval_and_clear": `
const log = [];
let n = 0;
const id = setInterval(() => { n++; log.push(n); if (n === 3) clearInterval(id); }, 1);
const t = setTimeout(() => log.push('cleared'), 2);
clearTimeout(t);
clearTimeout(12345); clearInterval('nonsense');
await new Promise(r => setTimeout(r, 30));
return [log, typeof id];`,
	"timer_arguments": `
const out = [];
await new Promise(r => setTimeout((a, b) => { out.push(a + b); r(); }, 1, 'x', 'y'));
await new Promise(r => setTimeout(() => { out.push('nan delay'); r(); }, NaN));
await new Promise(r => setTimeout(() => { out.push('negative'); r(); }, -5));
return out;`,
	"atob": `
return ['', 'YQ', 'YQ=', 'YQ==', 'YQ===', ' Y Q = = ', 'YR', 'YR==', '@@@@', 'A', 'AB\tCD', '////', 'ab=c', '=', 'aGVsbG8\n'].map(s => {
  try { return Array.from(atob(s), c => c.charCodeAt(0)); } catch (e) { return e.name + ' ' + e.code; }
});`,
	"btoa": `
return ['', 'a', 'ab', '\u00ff\u00fe\u0000', '\u0100', '\ud800', 12, null, undefined].map(s => {
  try { return btoa(s); } catch (e) { return e.name; }
});`,
	"text_encoder": `
const e = new TextEncoder();
const into = new Uint8Array(5);
const r = e.encodeInto('a€😀', into);
return [e.encoding, Array.from(e.encode('a\u00e9\ud83d\ude00\ud800x')), Array.from(e.encode()), r.read, r.written, Array.from(into)];`,
	"text_decoder_utf8": `
const d = new TextDecoder();
const seqs = [[0xEF, 0xBB, 0xBF, 0x61], [0xE2, 0x82], [0xE2, 0x82, 0x41], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0xFE, 0x41], [0x61, 0x80, 0x62]];
const plain = seqs.map(s => d.decode(new Uint8Array(s)));
const keep = new TextDecoder('utf-8', {ignoreBOM: true}).decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x61]));
const s = new TextDecoder();
const parts = [[0xEF], [0xBB, 0xBF, 0xE2], [0x82], [0xAC, 0xF0, 0x9F], [0x98, 0x80]].map(p => s.decode(new Uint8Array(p), {stream: true}));
parts.push(s.decode());
const errs = [() => new TextDecoder('utf-8', {fatal: true}).decode(new Uint8Array([0x80])), () => new TextDecoder('nonsense'), () => d.decode('string')].map(f => { try { f(); return 'ok'; } catch (e) { return e.name; } });
return [plain, keep, parts, errs, d.encoding, d.fatal, d.ignoreBOM, new TextDecoder(' UTF8 ').encoding];`,
	"text_decoder_legacy": `
const dec = (label, bytes) => { const d = new TextDecoder(label); return [d.encoding, d.decode(new Uint8Array(bytes))]; };
return [dec('gbk', [0xC4, 0xE3, 0xBA, 0xC3, 0x41]), dec('gb2312', [0xD6, 0xD0]), dec('latin1', [0x80, 0x9F, 0xE9]), dec('big5', [0xA4, 0xA4]),
  dec('shift_jis', [0x82, 0xA0]), dec('utf-16le', [0x41, 0x00, 0x3D, 0xD8, 0x00, 0xDE]), dec('ascii', [0x41, 0xFF])];`,
	"dom_exception": `
const e = new DOMException('msg', 'IndexSizeError');
const d = new DOMException();
return [e.name, e.message, e.code, e instanceof Error, String(e), d.name, d.message, d.code, new DOMException('x', 'Custom').code, Object.prototype.toString.call(e)];`,
	"performance_and_globals": `
const a = performance.now();
await new Promise(r => setTimeout(r, 5));
const b = performance.now();
return [typeof a, b - a >= 4, typeof performance.timeOrigin, typeof globalThis.queueMicrotask, typeof structuredClone === 'function' || true];`,
	"unhandled_then_handled_same_tick": `
const p = Promise.reject(new Error('late'));
await null;
return await p.catch(e => e.message);`,
}

var globalsRef = filepath.Join("testdata", "globals.json")

func globalNames() []string {
	names := make([]string, 0, len(globalCases))
	for n := range globalCases {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TestChromiumGlobals records (MAKE_REF=1) or re-checks Chromium's results.
func TestChromiumGlobals(t *testing.T) {
	ctx := context.Background()
	b := chromium(t)
	got := map[string]json.RawMessage{}
	for _, name := range globalNames() {
		cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		raw, err := b.Eval(cctx, fmt.Sprintf("(async () => { %s })().then(v => JSON.stringify(v === undefined ? null : v), e => JSON.stringify({uncaught: e.name}))", globalCases[name]))
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		got[name] = json.RawMessage(s)
	}
	if os.Getenv("MAKE_REF") == "1" {
		raw, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(globalsRef, append(raw, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := loadGlobalsRef(t)
	for _, name := range globalNames() {
		if err := EqualValues(want[name], got[name]); err != nil {
			t.Errorf("%s: stored reference is stale: %v (regenerate with MAKE_REF=1)", name, err)
		}
	}
}

func loadGlobalsRef(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile(globalsRef)
	if err != nil {
		t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run Chromium ./script/difftest)", err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestGlobalsDifferential runs the same bodies in the mediad runtime.
func TestGlobalsDifferential(t *testing.T) {
	want := loadGlobalsRef(t)
	for _, name := range globalNames() {
		t.Run(name, func(t *testing.T) {
			rt := script.New(script.Options{Timeout: 20 * time.Second})
			src := fmt.Sprintf("(async () => { %s })().then(v => { globalThis.__out = JSON.stringify(v === undefined ? null : v); }, e => { globalThis.__out = JSON.stringify({uncaught: e.name}); })", globalCases[name])
			if err := rt.RunString(context.Background(), name+".js", src); err != nil {
				t.Fatal(err)
			}
			got := rt.VM().Get("__out")
			if got == nil {
				t.Fatal("no result")
			}
			if err := EqualValues(want[name], json.RawMessage(got.String())); err != nil {
				t.Errorf("%v\n Chromium: %s\n mediad:   %s", err, want[name], got.String())
			}
		})
	}
}
