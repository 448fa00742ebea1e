package audio_test

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/seed92233726/mediad/audio"
)

// Render two seconds of a filtered, swept sawtooth and encode it as WAV.
func ExampleOfflineContext() {
	ctx, _ := audio.NewOfflineContext(2, 2*44100, 44100)
	osc := ctx.CreateOscillator()
	osc.SetType("sawtooth")
	osc.Frequency().SetValueAtTime(220, 0)
	osc.Frequency().ExponentialRampToValueAtTime(880, 1.5)
	filter := ctx.CreateBiquadFilter()
	filter.Frequency().SetValue(1200)
	gain, _ := audio.NewGainNode(ctx.BaseContext, audio.GainOptions{Gain: audio.F32(0.5)})
	osc.Connect(filter)
	filter.Connect(gain)
	gain.Connect(ctx.Destination())
	osc.Start(0)
	osc.Stop(1.8)

	buf, err := ctx.StartRendering(context.Background())
	if err != nil {
		panic(err)
	}
	var wav bytes.Buffer
	audio.EncodeWAV(&wav, buf, audio.WAVPCM16)
	fmt.Println(buf.NumberOfChannels(), buf.Length(), wav.Len())
	// Output: 2 88200 352844
}

// Stream a tone as 16-bit PCM, as fast as it is read.
func ExampleStreamContext() {
	s, _ := audio.NewStreamContext(audio.StreamOptions{Channels: 1, SampleRate: 8000, Format: audio.Int16LE})
	osc := s.CreateOscillator()
	osc.Connect(s.Destination())
	osc.Start(0)
	pcm := make([]byte, 8000*2) // one second
	io.ReadFull(s, pcm)
	fmt.Printf("%.3f s rendered\n", s.CurrentTime())
	// Output: 1.008 s rendered
}
