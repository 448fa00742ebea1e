package codec

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/seed92233726/mediad/codec/internal/testimg"
)

func TestParseEXIFOrientation(t *testing.T) {
	le := testimg.EXIF(6, false, false)
	be := testimg.EXIF(6, true, true)
	mutate := func(b []byte, f func([]byte)) []byte {
		c := append([]byte{}, b...)
		f(c)
		return c
	}
	longType := mutate(le, func(c []byte) { // orientation stored as LONG
		binary.LittleEndian.PutUint16(c[8+2+12+2:], 4)
		binary.LittleEndian.PutUint32(c[8+2+12+8:], 8)
	})
	tests := []struct {
		name    string
		in      []byte
		want    Orientation
		wantErr bool
	}{
		{"little-endian", le, 6, false},
		{"big-endian with Exif marker", be, 6, false},
		{"LONG value", longType, 8, false},
		{"no orientation tag", mutate(le, func(c []byte) { binary.LittleEndian.PutUint16(c[10+12:], 0x0110) }), 1, false},
		{"zero entries", mutate(le, func(c []byte) { binary.LittleEndian.PutUint16(c[8:], 0) }), 1, false},
		{"value 0", mutate(le, func(c []byte) { binary.LittleEndian.PutUint16(c[10+12+8:], 0) }), 1, true},
		{"value 9", mutate(le, func(c []byte) { binary.LittleEndian.PutUint16(c[10+12+8:], 9) }), 1, true},
		{"empty", nil, 1, true},
		{"bad byte order", []byte("XX*\x00\x08\x00\x00\x00\x00\x00"), 1, true},
		{"IFD offset past end", mutate(le, func(c []byte) { binary.LittleEndian.PutUint32(c[4:], 1<<30) }), 1, true},
		{"IFD offset inside header", mutate(le, func(c []byte) { binary.LittleEndian.PutUint32(c[4:], 2) }), 1, true},
		// A lenient walk: a tag found before the IFD runs out still counts.
		{"entry count past end, tag first", mutate(le, func(c []byte) { binary.LittleEndian.PutUint16(c[8:], 500) }), 6, false},
		{"entry count past end, no tag", mutate(le, func(c []byte) {
			binary.LittleEndian.PutUint16(c[8:], 500)
			binary.LittleEndian.PutUint16(c[10+12:], 0x0110)
		}), 1, true},
		{"huge entry count", mutate(le, func(c []byte) { binary.LittleEndian.PutUint16(c[8:], 65535) }), 1, true},
		{"truncated entry", le[:8+2+12+6], 1, true},
		{"wrong type", mutate(le, func(c []byte) { binary.LittleEndian.PutUint16(c[10+12+2:], 5) }), 1, true},
		{"zero count", mutate(le, func(c []byte) { binary.LittleEndian.PutUint32(c[10+12+4:], 0) }), 1, true},
	}
	for _, tc := range tests {
		got, err := ParseEXIFOrientation(tc.in)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("%s: got %v, %v; want %v, error %v", tc.name, got, err, tc.want, tc.wantErr)
		}
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: error %v is not ErrCorrupt", tc.name, err)
		}
	}
}

func FuzzEXIF(f *testing.F) {
	for o := 1; o <= 8; o++ {
		f.Add(testimg.EXIF(o, o%2 == 0, o%3 == 0))
	}
	f.Add([]byte("MM\x00*\x00\x00\x00\x08\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := ParseEXIFOrientation(b)
		if o < 1 || o > 8 {
			t.Fatalf("orientation %d out of range (err %v)", o, err)
		}
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("error %v is not ErrCorrupt", err)
		}
	})
}
