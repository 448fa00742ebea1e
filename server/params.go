package server

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Type is a parameter's value type, named as JSON Schema names it.
type Type string

const (
	Integer Type = "integer"
	Number  Type = "number"
	String  Type = "string"
	Boolean Type = "boolean"
	// Array is a JSON array, kept raw for the operation to decode (edit ops, canvas
	// actions). In a query string or on the command line it is written as JSON.
	Array Type = "array"
)

// Param declares one parameter of an operation. The zero Min/Max (HasRange false)
// means unbounded; numbers outside [Min, Max] are refused with the parameter named.
type Param struct {
	Name string
	Type Type
	Help string
	// Default is the value used when the parameter is absent, as text ("" = none).
	Default string
	// HasRange enables the Min..Max check for Integer and Number.
	HasRange bool
	Min, Max float64
	// Enum lists the accepted values of a String (case-insensitive); Aliases map
	// other accepted spellings onto them ("jpg" -> "jpeg").
	Enum    []string
	Aliases map[string]string
	// MaxLen bounds the length in bytes of a String or Array value.
	MaxLen int
	// Check is a further test of a String (e.g. the W:H form of cropScale); its error
	// text becomes the message.
	Check func(string) error
	// Required parameters must be present.
	Required bool
	// JSONOnly parameters exist only in a JSON request body, never in a query
	// string: the operation's input carried as base64 (edit's image). Their decoded
	// bytes are the operation's body, so the ETag hashes them there, not twice.
	JSONOnly bool
	// Items is the JSON Schema of an Array's elements, for the OpenAPI document.
	Items map[string]any
}

// ParamError is a refused parameter; the HTTP layer answers it 400 with the name.
type ParamError struct {
	Param  string
	Reason string
}

func (e *ParamError) Error() string { return e.Param + ": " + e.Reason }

func paramError(name, format string, args ...any) error {
	return &ParamError{Param: name, Reason: fmt.Sprintf(format, args...)}
}

// Args are parsed and validated parameter values: int64, float64, string, bool, or
// json.RawMessage for arrays. Absent parameters with a default hold the default.
type Args struct {
	op   *Operation
	vals map[string]any
	set  map[string]bool // given explicitly, not defaulted
}

// Has reports whether the parameter was given (not defaulted).
func (a Args) Has(name string) bool { return a.set[name] }

// Int returns an Integer parameter (0 when absent without default).
func (a Args) Int(name string) int {
	v, _ := a.vals[name].(int64)
	return int(v)
}

// Float returns a Number parameter.
func (a Args) Float(name string) float64 {
	v, _ := a.vals[name].(float64)
	return v
}

// String returns a String parameter, canonicalised through Enum and Aliases.
func (a Args) String(name string) string {
	v, _ := a.vals[name].(string)
	return v
}

// Bool returns a Boolean parameter.
func (a Args) Bool(name string) bool {
	v, _ := a.vals[name].(bool)
	return v
}

// Raw returns an Array parameter's JSON text (nil when absent).
func (a Args) Raw(name string) json.RawMessage {
	v, _ := a.vals[name].(json.RawMessage)
	return v
}

// canonical is a stable text form of the values, in declaration order, for ETags.
func (a Args) canonical() string {
	var b strings.Builder
	for i := range a.op.Params {
		p := &a.op.Params[i]
		v, ok := a.vals[p.Name]
		if !ok || p.JSONOnly {
			continue
		}
		b.WriteString(p.Name)
		b.WriteByte('=')
		switch v := v.(type) {
		case json.RawMessage:
			b.Write(v)
		default:
			fmt.Fprint(&b, v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func (op *Operation) param(name string) *Param {
	for i := range op.Params {
		if op.Params[i].Name == name {
			return &op.Params[i]
		}
	}
	return nil
}

func (op *Operation) newArgs() Args {
	return Args{op: op, vals: make(map[string]any, len(op.Params)), set: make(map[string]bool, len(op.Params))}
}

// finish applies defaults and the Required check.
func (op *Operation) finish(a Args) (Args, error) {
	for i := range op.Params {
		p := &op.Params[i]
		if a.set[p.Name] {
			continue
		}
		if p.Required {
			return a, paramError(p.Name, "required")
		}
		if p.Default != "" {
			v, err := p.parseText(p.Default)
			if err != nil {
				// A bad default is a programming error in the table; the table test
				// catches it, and refusing every request would hide it less well.
				return a, paramError(p.Name, "default %q: %v", p.Default, err)
			}
			a.vals[p.Name] = v
		}
	}
	return a, nil
}

// ParseQuery parses and validates a query string against the declaration. Unknown
// and repeated parameters are refused, naming them.
func (op *Operation) ParseQuery(q url.Values) (Args, error) {
	a := op.newArgs()
	// Sorted so the error for several bad parameters is always the same one.
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		p := op.param(name)
		if p == nil || p.JSONOnly {
			return a, paramError(displayName(name), "unknown parameter (accepted: %s)", op.queryNames())
		}
		vs := q[name]
		if len(vs) != 1 {
			return a, paramError(name, "given %d times", len(vs))
		}
		v, err := p.parseText(vs[0])
		if err != nil {
			return a, &ParamError{Param: name, Reason: err.Error()}
		}
		a.vals[name], a.set[name] = v, true
	}
	return op.finish(a)
}

func (op *Operation) queryNames() string {
	var names []string
	for _, p := range op.Params {
		if !p.JSONOnly {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// ParseJSON parses a JSON object body against the declaration: each member is one
// parameter, typed as JSON types it (numbers for Integer/Number, strings, booleans,
// arrays). Unknown and duplicated members are refused.
func (op *Operation) ParseJSON(body []byte) (Args, error) {
	a := op.newArgs()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return a, paramError("body", "not JSON: %v", jsonErr(err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return a, paramError("body", "must be a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return a, paramError("body", "not JSON: %v", jsonErr(err))
		}
		name, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return a, paramError("body", "not JSON: %v", jsonErr(err))
		}
		p := op.param(name)
		if p == nil {
			return a, paramError(displayName(name), "unknown member (accepted: %s)", op.jsonNames())
		}
		if a.set[name] {
			return a, paramError(name, "given twice")
		}
		v, err := p.parseJSON(raw)
		if err != nil {
			return a, &ParamError{Param: name, Reason: err.Error()}
		}
		a.vals[name], a.set[name] = v, true
	}
	if _, err := dec.Token(); err != nil {
		return a, paramError("body", "not JSON: %v", jsonErr(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return a, paramError("body", "trailing data after the JSON object")
	}
	return op.finish(a)
}

func jsonErr(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func (op *Operation) jsonNames() string {
	var names []string
	for _, p := range op.Params {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// parseText parses the textual form (query string, flag, default).
func (p *Param) parseText(s string) (any, error) {
	switch p.Type {
	case Integer:
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", clip(s))
		}
		return n, p.checkRange(float64(n), s)
	case Number:
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%q is not a finite number", clip(s))
		}
		return f, p.checkRange(f, s)
	case Boolean:
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "", "1", "true", "yes", "on":
			return true, nil
		case "0", "false", "no", "off":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not a boolean (true or false)", clip(s))
	case Array:
		if p.MaxLen > 0 && len(s) > p.MaxLen {
			return nil, fmt.Errorf("%d bytes; at most %d", len(s), p.MaxLen)
		}
		return p.parseArray([]byte(s))
	}
	return p.checkString(s)
}

// parseJSON parses one JSON member.
func (p *Param) parseJSON(raw json.RawMessage) (any, error) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		// json.Unmarshal leaves a value untouched for null; a parameter given as null
		// is a mistake, not "absent".
		return nil, fmt.Errorf("must not be null (leave it out instead)")
	}
	switch p.Type {
	case Integer, Number:
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil || len(raw) == 0 || raw[0] == '"' {
			return nil, fmt.Errorf("must be a JSON number")
		}
		if p.Type == Integer {
			// 1.0 and 1e3 are integers too, as JavaScript sends them.
			f, err := strconv.ParseFloat(string(n), 64)
			if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
				return nil, fmt.Errorf("%s is not an integer", clip(string(n)))
			}
			return int64(f), p.checkRange(f, string(n))
		}
		return p.parseText(string(n))
	case Boolean:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, fmt.Errorf("must be true or false")
		}
		return b, nil
	case Array:
		if p.MaxLen > 0 && len(raw) > p.MaxLen {
			return nil, fmt.Errorf("%d bytes; at most %d", len(raw), p.MaxLen)
		}
		return p.parseArray(raw)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("must be a JSON string")
	}
	return p.checkString(s)
}

func (p *Param) parseArray(raw []byte) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' || !json.Valid(raw) {
		return nil, fmt.Errorf("must be a JSON array")
	}
	return json.RawMessage(raw), nil
}

func (p *Param) checkRange(f float64, s string) error {
	if p.HasRange && (f < p.Min || f > p.Max) {
		return fmt.Errorf("%s must be between %s and %s", clip(s), fmtNum(p.Min), fmtNum(p.Max))
	}
	return nil
}

func (p *Param) checkString(s string) (any, error) {
	if p.MaxLen > 0 && len(s) > p.MaxLen {
		return nil, fmt.Errorf("%d bytes; at most %d", len(s), p.MaxLen)
	}
	if len(p.Enum) > 0 {
		l := strings.ToLower(strings.TrimSpace(s))
		if a, ok := p.Aliases[l]; ok {
			l = a
		}
		for _, e := range p.Enum {
			if l == e {
				return e, nil
			}
		}
		return nil, fmt.Errorf("%q must be one of %s", clip(s), strings.Join(p.Enum, ", "))
	}
	if p.Check != nil && s != "" {
		if err := p.Check(s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// displayName is how an unknown parameter is named back: quoted when empty, clipped
// when long.
func displayName(s string) string {
	if s == "" {
		return `""`
	}
	return clip(s)
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// clip shortens a value quoted back in an error message, so a megabyte of garbage in
// a parameter does not come back in the answer and the log.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Flags registers one command-line flag per parameter that is not JSONOnly (Array
// parameters take JSON text), with the declared default and help. The returned
// function validates the flags that were set exactly as a query string would be.
func (op *Operation) Flags(fs *flag.FlagSet) func() (Args, error) {
	given := map[string]*string{}
	for i := range op.Params {
		p := &op.Params[i]
		if p.JSONOnly {
			continue
		}
		s := new(string)
		given[p.Name] = s
		help := p.Help
		if len(p.Enum) > 0 {
			help += " (" + strings.Join(p.Enum, "|") + ")"
		} else if p.HasRange {
			help += fmt.Sprintf(" (%s..%s)", fmtNum(p.Min), fmtNum(p.Max))
		}
		if p.Type == Boolean {
			fs.BoolFunc(p.Name, help, func(v string) error { *s = v; return nil })
			continue
		}
		fs.Func(p.Name, help+defaultNote(p.Default), func(v string) error {
			*s = v
			return nil
		})
	}
	return func() (Args, error) {
		q := url.Values{}
		fs.Visit(func(f *flag.Flag) {
			if s, ok := given[f.Name]; ok {
				q.Set(f.Name, *s)
			}
		})
		return op.ParseQuery(q)
	}
}

func defaultNote(d string) string {
	if d == "" {
		return ""
	}
	return " (default " + d + ")"
}
