package script

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// installTextCoding defines TextEncoder and TextDecoder (UTF-8 only, as the
// Encoding spec requires of TextEncoder; TextDecoder accepts the UTF-8 labels).
func (r *Runtime) installTextCoding() {
	vm := r.vm
	g := vm.GlobalObject()

	encoder := func(call goja.ConstructorCall) *goja.Object {
		obj := call.This
		must(obj.DefineDataProperty("encoding", vm.ToValue("utf-8"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
		must(obj.Set("encode", func(c goja.FunctionCall) goja.Value {
			s := ""
			if a := c.Argument(0); !goja.IsUndefined(a) {
				s = a.String() // lone surrogates become U+FFFD, as USVString conversion does
			}
			return r.newUint8Array([]byte(s))
		}))
		must(obj.Set("encodeInto", func(c goja.FunctionCall) goja.Value {
			s := c.Argument(0).String()
			dst, ok := c.Argument(1).Export().([]byte)
			if !ok {
				r.throwTypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.")
			}
			read, written := 0, 0
			for _, ch := range s {
				n := utf8.RuneLen(ch)
				if written+n > len(dst) {
					break
				}
				utf8.EncodeRune(dst[written:], ch)
				written += n
				read++
				if ch > 0xFFFF {
					read++ // two UTF-16 code units
				}
			}
			res := vm.NewObject()
			must(res.Set("read", read))
			must(res.Set("written", written))
			return res
		}))
		return nil
	}
	must(g.Set("TextEncoder", encoder))

	decoder := func(call goja.ConstructorCall) *goja.Object {
		label := "utf-8"
		if a := call.Argument(0); !goja.IsUndefined(a) {
			label = strings.ToLower(strings.TrimSpace(r.str(a)))
		}
		name := "utf-8"
		var other encoding.Encoding // nil for UTF-8, which has its own exact decoder
		if e, err := htmlindex.Get(label); err != nil {
			r.throwRangeError("Failed to construct 'TextDecoder': The encoding label provided ('" + label + "') is invalid.")
		} else if n, _ := htmlindex.Name(e); n != "utf-8" {
			name, other = n, e
		}
		fatal, ignoreBOM := false, false
		if o, ok := call.Argument(1).(*goja.Object); ok {
			fatal = o.Get("fatal") != nil && o.Get("fatal").ToBoolean()
			ignoreBOM = o.Get("ignoreBOM") != nil && o.Get("ignoreBOM").ToBoolean()
		}
		obj := call.This
		must(obj.DefineDataProperty("encoding", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
		must(obj.DefineDataProperty("fatal", vm.ToValue(fatal), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
		must(obj.DefineDataProperty("ignoreBOM", vm.ToValue(ignoreBOM), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
		if other != nil {
			r.otherDecoder(obj, other, fatal)
			return nil
		}
		var pending []byte  // incomplete sequence carried over in stream mode
		bomChecked := false // the BOM is only looked for at the start of a stream
		must(obj.Set("decode", func(c goja.FunctionCall) goja.Value {
			var in []byte
			if a := c.Argument(0); !goja.IsUndefined(a) {
				in = r.bufferSourceBytes(a, "decode", "TextDecoder")
			}
			stream := false
			if o, ok := c.Argument(1).(*goja.Object); ok {
				stream = o.Get("stream") != nil && o.Get("stream").ToBoolean()
			}
			data := append(append([]byte(nil), pending...), in...)
			pending = nil
			if !ignoreBOM && !bomChecked {
				bom := []byte{0xEF, 0xBB, 0xBF}
				switch {
				case len(data) >= 3:
					bomChecked = true
					if data[0] == bom[0] && data[1] == bom[1] && data[2] == bom[2] {
						data = data[3:]
					}
				case stream && string(data) == string(bom[:len(data)]):
					pending = data // wait for the rest of a possible BOM
					return vm.ToValue("")
				default:
					bomChecked = len(data) > 0
				}
			}
			out, rest, bad := decodeUTF8(data, stream)
			if !stream {
				bomChecked = false
			}
			if bad && fatal {
				r.throwTypeError("Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid for encoding utf-8")
			}
			pending = rest
			return vm.ToValue(out)
		}))
		return nil
	}
	must(g.Set("TextDecoder", decoder))
}

// otherDecoder gives a TextDecoder for a legacy encoding (GBK, Big5, Shift_JIS,
// windows-1252, UTF-16 …) its decode method, on golang.org/x/text's WHATWG
// decoders. Those replace malformed input with U+FFFD, which none of them can
// produce otherwise, so fatal mode treats a U+FFFD in the output as the error.
func (r *Runtime) otherDecoder(obj *goja.Object, enc encoding.Encoding, fatal bool) {
	dec := enc.NewDecoder()
	var pending []byte
	must(obj.Set("decode", func(c goja.FunctionCall) goja.Value {
		var in []byte
		if a := c.Argument(0); !goja.IsUndefined(a) {
			in = r.bufferSourceBytes(a, "decode", "TextDecoder")
		}
		stream := false
		if o, ok := c.Argument(1).(*goja.Object); ok {
			stream = o.Get("stream") != nil && o.Get("stream").ToBoolean()
		}
		src := append(append([]byte(nil), pending...), in...)
		pending = nil
		var out []byte
		buf := make([]byte, 4*len(src)+16)
		for {
			nDst, nSrc, err := dec.Transform(buf, src, !stream)
			out = append(out, buf[:nDst]...)
			src = src[nSrc:]
			if errors.Is(err, transform.ErrShortDst) {
				continue
			}
			if errors.Is(err, transform.ErrShortSrc) {
				pending = append(pending, src...)
			}
			break
		}
		if !stream {
			dec.Reset()
			pending = nil
		}
		if fatal && strings.ContainsRune(string(out), utf8.RuneError) {
			r.throwTypeError("Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid for encoding " + obj.Get("encoding").String())
		}
		return r.vm.ToValue(string(out))
	}))
}

// bufferSourceBytes returns the bytes an ArrayBuffer or ArrayBufferView argument
// covers (a copy-free slice).
func (r *Runtime) bufferSourceBytes(v goja.Value, method, iface string) []byte {
	switch x := v.Export().(type) {
	case []byte:
		return x
	case goja.ArrayBuffer:
		return x.Bytes()
	}
	if o, ok := v.(*goja.Object); ok {
		if bv := o.Get("buffer"); bv == nil {
			// Not a view: falls through to the TypeError.
		} else if buf, ok := bv.Export().(goja.ArrayBuffer); ok {
			off := int(o.Get("byteOffset").ToInteger())
			n := int(o.Get("byteLength").ToInteger())
			b := buf.Bytes()
			if off >= 0 && n >= 0 && off+n <= len(b) {
				return b[off : off+n]
			}
		}
	}
	r.throwTypeError("Failed to execute '" + method + "' on '" + iface + "': The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.")
	return nil
}

// newUint8Array returns a Uint8Array over a copy-free ArrayBuffer holding b.
func (r *Runtime) newUint8Array(b []byte) goja.Value {
	buf := r.vm.NewArrayBuffer(b)
	arr, err := r.vm.New(r.builtinCtors.u8, r.vm.ToValue(buf))
	must(err)
	return arr
}

// decodeUTF8 decodes per the WHATWG UTF-8 decoder: each maximal invalid subpart
// becomes one U+FFFD. In stream mode an incomplete sequence at the end is returned
// in rest instead of being replaced.
func decodeUTF8(b []byte, stream bool) (out string, rest []byte, bad bool) {
	var sb strings.Builder
	sb.Grow(len(b))
	i := 0
	for i < len(b) {
		c := b[i]
		if c < 0x80 {
			sb.WriteByte(c)
			i++
			continue
		}
		need, lower, upper := 0, byte(0x80), byte(0xBF)
		var cp rune
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need, cp = 1, rune(c&0x1F)
		case c >= 0xE0 && c <= 0xEF:
			need, cp = 2, rune(c&0x0F)
			if c == 0xE0 {
				lower = 0xA0
			} else if c == 0xED {
				upper = 0x9F
			}
		case c >= 0xF0 && c <= 0xF4:
			need, cp = 3, rune(c&0x07)
			if c == 0xF0 {
				lower = 0x90
			} else if c == 0xF4 {
				upper = 0x8F
			}
		default:
			sb.WriteRune(utf8.RuneError)
			bad = true
			i++
			continue
		}
		j := i + 1
		ok := true
		for k := 0; k < need; k++ {
			if j >= len(b) {
				if stream {
					return sb.String(), b[i:], bad
				}
				ok = false
				break
			}
			x := b[j]
			if x < lower || x > upper {
				ok = false
				break
			}
			lower, upper = 0x80, 0xBF
			cp = cp<<6 | rune(x&0x3F)
			j++
		}
		if !ok {
			sb.WriteRune(utf8.RuneError)
			bad = true
			i = j // the bytes consumed so far form the maximal subpart
			continue
		}
		sb.WriteRune(cp)
		i = j
	}
	return sb.String(), nil, bad
}
