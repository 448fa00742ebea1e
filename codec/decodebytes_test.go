package codec

import (
	"bytes"
	"errors"
	"testing"
)

// TestDecodeBytes: decoding a file in memory gives what Decode gives, for every
// fixture (including the damaged ones), and leaves the bytes as they were.
func TestDecodeBytes(t *testing.T) {
	for _, f := range loadFixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			want, wantCfg, wantErr := Decode(bytes.NewReader(f.Data), DecodeOptions{})
			data := bytes.Clone(f.Data)
			got, cfg, err := DecodeBytes(data, DecodeOptions{})
			if !bytes.Equal(data, f.Data) {
				t.Fatal("DecodeBytes modified its input")
			}
			if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("error %v, Decode gives %v", err, wantErr)
			}
			if cfg != wantCfg {
				t.Fatalf("config %+v, Decode gives %+v", cfg, wantCfg)
			}
			if err != nil {
				return
			}
			if d, _, err := compareImages(got, want); err != nil || d != 0 {
				t.Fatalf("pixels differ from Decode's (max %d, %v)", d, err)
			}
		})
	}
	if _, _, err := DecodeBytes(nil, DecodeOptions{}); !errors.Is(err, ErrUnsupportedFormat) && !errors.Is(err, ErrCorrupt) {
		t.Fatalf("empty input: %v", err)
	}
	big := encodedPhoto(t, 64, 48, EncodeOptions{})
	if _, _, err := DecodeBytes(big, DecodeOptions{MaxPixels: 100}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over the limit: %v, want ErrTooLarge", err)
	}
}
