package testmedia

import (
	"os"
	"strings"
	"testing"
)

var set = New("testmedia-test-", []Spec{
	{Name: "tone", Args: []string{"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "0.05", "-c:a", "pcm_s16le"}, Ext: "wav"},
	{Name: "copy", From: "tone", Args: []string{"-c", "copy"}, Ext: "wav"},
	{Name: "nocodec", Args: []string{"-f", "lavfi", "-i", "sine", "-t", "0.05"}, Ext: "wav", Encoder: "no-such-encoder"},
	{Name: "orphan", From: "nocodec", Args: []string{"-c", "copy"}, Ext: "wav"},
})

func TestMain(m *testing.M) {
	code := m.Run()
	set.Cleanup()
	os.Exit(code)
}

func TestPath(t *testing.T) {
	for _, name := range []string{"tone", "copy"} {
		p := set.Path(t, name)
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestSkip checks that a missing encoder skips the asking test, and with it every
// file derived from the missing one, rather than failing it.
func TestSkip(t *testing.T) {
	HaveFFmpeg(t)
	for _, tc := range []struct{ name, reason string }{
		{"nocodec", "encoder no-such-encoder not available"},
		{"orphan", "source nocodec not generated"},
	} {
		var skipped bool
		t.Run(tc.name, func(st *testing.T) {
			defer func() { skipped = st.Skipped() }()
			set.Path(st, tc.name)
		})
		if !skipped {
			t.Errorf("%s: not skipped", tc.name)
		}
		if got := set.skip[tc.name]; !strings.Contains(got, tc.reason) {
			t.Errorf("%s: reason %q, want %q", tc.name, got, tc.reason)
		}
	}
}
