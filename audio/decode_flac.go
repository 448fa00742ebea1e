package audio

import (
	"bytes"
	"errors"
	"io"

	"github.com/mewkiz/flac"
)

func isFLAC(data []byte) bool {
	return len(data) >= 4 && string(data[:4]) == "fLaC" || len(data) >= 10 && string(data[:3]) == "ID3" && bytes.Contains(data[:min(len(data), 1<<16)], []byte("fLaC"))
}

func decodeFLAC(data []byte) (*AudioBuffer, error) {
	if i := bytes.Index(data[:min(len(data), 1<<16)], []byte("fLaC")); i > 0 {
		data = data[i:]
	}
	s, err := flac.New(bytes.NewReader(data))
	if err != nil {
		return nil, errorf(ErrDecode, "flac: %v", err)
	}
	nch := int(s.Info.NChannels)
	bps := int(s.Info.BitsPerSample)
	if nch < 1 || nch > MaxChannels || bps < 4 || bps > 32 {
		return nil, errorf(ErrDecode, "flac: %d channels of %d bits", nch, bps)
	}
	if s.Info.NSamples > 0 && s.Info.NSamples > uint64(MaxBufferSamples/nch) {
		return nil, errorf(ErrDecode, "flac: %d frames exceed the limit of %d samples", s.Info.NSamples, MaxBufferSamples)
	}
	out := make([][]float32, nch)
	if s.Info.NSamples > 0 {
		for c := range out {
			out[c] = make([]float32, 0, s.Info.NSamples)
		}
	}
	// Chromium converts integer PCM asymmetrically: negative by 2^(bits−1), positive by 2^(bits−1)−1.
	half := float64(int64(1) << (bps - 1))
	for {
		f, err := s.ParseNext()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if len(out[0]) == 0 {
				return nil, errorf(ErrDecode, "flac: %v", err)
			}
			break
		}
		if len(f.Subframes) != nch {
			return nil, errorf(ErrDecode, "flac: frame with %d channels in a %d-channel stream", len(f.Subframes), nch)
		}
		if len(out[0])+int(f.BlockSize) > MaxBufferSamples/nch {
			return nil, errorf(ErrDecode, "flac: decoded audio exceeds the limit of %d samples", MaxBufferSamples)
		}
		for c, sf := range f.Subframes {
			for _, v := range sf.Samples[:min(len(sf.Samples), int(f.BlockSize))] {
				x := float64(v)
				if x < 0 {
					x /= half
				} else {
					x /= half - 1
				}
				out[c] = append(out[c], float32(x))
			}
		}
	}
	return newDecoded(out, float64(s.Info.SampleRate))
}
