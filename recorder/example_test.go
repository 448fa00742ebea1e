package recorder_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/recorder"
)

// A poster animation with music, recorded frame by frame into one MP4.
func ExampleMediaRecorder() {
	c, _ := canvas.NewCanvas(540, 960)
	ctx := c.Context2D()
	music, err := recorder.OpenFileSource("music.mp3", 0, 0) // any file FFmpeg decodes
	if err != nil {
		log.Fatal(err)
	}
	defer music.Close()

	m, err := recorder.NewMediaRecorder(c, recorder.Options{FPS: 24, VideoBitsPerSecond: 2000})
	if err != nil {
		log.Fatal(err)
	}
	defer m.Destroy()
	m.AttachAudio(music)
	m.On(recorder.EventTimeUpdate, func(e recorder.Event) { fmt.Printf("\r%.1f s", e.CurrentTime) })
	if err := m.Start(); err != nil {
		log.Fatal(err)
	}
	for i := 0; i < 24*5; i++ {
		err := m.RequestFrame(func() {
			ctx.SetFillStyle("#203a43")
			ctx.FillRect(0, 0, 540, 960)
			ctx.SetFillStyle("#f7b733")
			ctx.FillRect(float64(i*4), 400, 80, 80)
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	res, err := m.Stop()
	if err != nil {
		log.Fatal(err)
	}
	os.Rename(res.TempFilePath, "poster.mp4")
}

// Recording an offline WebAudio render as MP3, with a chunk every 16 KB.
func ExampleRecorderManager() {
	rendered, _ := audio.NewAudioBuffer(audio.AudioBufferOptions{NumberOfChannels: 2, Length: 44100 * 3, SampleRate: 44100})
	src, err := recorder.NewBufferSource(rendered, 44100)
	if err != nil {
		log.Fatal(err)
	}
	m := recorder.NewRecorderManager()
	m.OnFrameRecorded(func(f recorder.FrameRecorded) { fmt.Println(len(f.FrameBuffer), f.IsLastFrame) })
	m.OnError(func(err error) { log.Print(err) })
	err = m.Start(context.Background(), recorder.StartOptions{
		Format: "mp3", SampleRate: 44100, NumberOfChannels: 2, EncodeBitRate: 128000, FrameSize: 16,
	}, src)
	if err != nil {
		log.Fatal(err) // e.g. "encodeBitRate 32000 is outside 64000–320000, the range for sampleRate 44100"
	}
	res, err := m.Wait() // or m.Stop() to end early
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.TempFilePath, res.Duration, res.FileSize)
}
