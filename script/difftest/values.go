package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// Result is what a case produced besides pixels.
type Result struct {
	Value json.RawMessage `json:"value"`
	Error string          `json:"error,omitempty"` // "Name: message" of an uncaught exception
}

// EqualValues compares two JSON values structurally; numbers may differ by 1e-9
// relative (matrices go through sin/cos, whose last bit differs between libms).
func EqualValues(a, b json.RawMessage) error {
	var x, y any
	if err := decode(a, &x); err != nil {
		return fmt.Errorf("expected value: %w", err)
	}
	if err := decode(b, &y); err != nil {
		return fmt.Errorf("actual value: %w", err)
	}
	return equal("$", x, y)
}

func decode(raw json.RawMessage, v *any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		*v = nil
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	return d.Decode(v)
}

func equal(path string, x, y any) error {
	switch xv := x.(type) {
	case json.Number:
		yv, ok := y.(json.Number)
		if !ok {
			return fmt.Errorf("%s: expected %v, got %v", path, x, y)
		}
		a, _ := xv.Float64()
		b, _ := yv.Float64()
		if a != b && math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
			return fmt.Errorf("%s: expected %v, got %v", path, xv, yv)
		}
		return nil
	case []any:
		yv, ok := y.([]any)
		if !ok || len(xv) != len(yv) {
			return fmt.Errorf("%s: expected %s, got %s", path, show(x), show(y))
		}
		for i := range xv {
			if err := equal(fmt.Sprintf("%s[%d]", path, i), xv[i], yv[i]); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok || len(xv) != len(yv) {
			return fmt.Errorf("%s: expected %s, got %s", path, show(x), show(y))
		}
		keys := make([]string, 0, len(xv))
		for k := range xv {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := equal(path+"."+k, xv[k], yv[k]); err != nil {
				return err
			}
		}
		return nil
	default:
		if x != y {
			return fmt.Errorf("%s: expected %s, got %s", path, show(x), show(y))
		}
		return nil
	}
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
