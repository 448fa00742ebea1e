package main

import (
	"bytes"
	"context"
	"fmt"
	stdimage "image"
	"image/draw"
	"image/jpeg"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/disintegration/imaging"
	xdraw "golang.org/x/image/draw"

	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/codec"
	mimage "github.com/seed92233726/mediad/image"
	"github.com/seed92233726/mediad/video"
)

// mosaicPhotos are wallpapers of Debian's plasma-workspace-wallpapers that are photographs.
var mosaicPhotos = []string{"Path", "ColorfulCups", "Autumn", "BytheWater"}

func wallpaper(name string) string {
	return filepath.Join("/usr/share/wallpapers", name, "contents", "images", "2560x1600.jpg")
}

// makeMosaic writes a 4000×3000 (12 MP) q92 JPEG made of the central 2000×1500 of four
// photographs, so that every pixel is real photographic content at native resolution.
func makeMosaic(path string) error {
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, 4000, 3000))
	for i, n := range mosaicPhotos {
		data, err := os.ReadFile(wallpaper(n))
		if err != nil {
			return err
		}
		img, _, err := codec.Decode(bytes.NewReader(data), codec.DecodeOptions{})
		if err != nil {
			return err
		}
		b := img.Bounds()
		sp := stdimage.Pt(b.Min.X+(b.Dx()-2000)/2, b.Min.Y+(b.Dy()-1500)/2)
		dx, dy := (i%2)*2000, (i/2)*1500
		draw.Draw(m, stdimage.Rect(dx, dy, dx+2000, dy+1500), img, sp, draw.Src)
	}
	var buf bytes.Buffer
	if err := codec.Encode(&buf, m, codec.JPEG, codec.EncodeOptions{Quality: 92}); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func imageScenarios(env *env) []scenario {
	if env.mosaicErr != nil {
		return []scenario{{group: "image", name: "compress/crop", ours: engine{name: "mediad", skip: "12 MP input: " + env.mosaicErr.Error()}}}
	}
	src := env.mosaicPath
	data, err := os.ReadFile(src)
	if err != nil {
		return nil
	}
	out := filepath.Join(env.tmp, "out.jpg")
	vipsOut := filepath.Join(env.tmp, "vips.jpg")

	missing := func(tool string) string {
		if _, err := exec.LookPath(tool); err != nil {
			return tool + " not installed (Debian libvips-tools)"
		}
		return ""
	}
	cliSkip := ""
	if env.cliErr != nil {
		cliSkip = "building mediad: " + firstLine(env.cliErr.Error())
	}

	compressOurs := engine{name: "mediad", how: "in-process", run: func() (sample, error) {
		return timed(func() error {
			_, err := mimage.Compress(bytes.NewReader(data), mimage.CompressOptions{Output: mimage.Output{Quality: 80}, CompressedWidth: 1080})
			return err
		})
	}}
	compressImaging := engine{name: "imaging", how: "in-process", run: func() (sample, error) {
		return timed(func() error {
			img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
			if err != nil {
				return err
			}
			img = imaging.Resize(img, 1080, 0, imaging.Lanczos)
			return imaging.Encode(io.Discard, img, imaging.JPEG, imaging.JPEGQuality(80))
		})
	}}
	// The standard library plus golang.org/x/image/draw: what a Go program gets without
	// picking an imaging library (pure-Go JPEG, Catmull-Rom resampling).
	compressStd := engine{name: "image/jpeg + x/image/draw", how: "in-process", run: func() (sample, error) {
		return timed(func() error {
			img, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				return err
			}
			b := img.Bounds()
			h := (b.Dy()*1080 + b.Dx()/2) / b.Dx()
			dst := stdimage.NewRGBA(stdimage.Rect(0, 0, 1080, h))
			xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
			return jpeg.Encode(io.Discard, dst, &jpeg.Options{Quality: 80})
		})
	}}
	cropStd := engine{name: "image/jpeg + x/image/draw", how: "in-process", run: func() (sample, error) {
		return timed(func() error {
			img, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				return err
			}
			sub := img.(interface {
				SubImage(stdimage.Rectangle) stdimage.Image
			}).SubImage(stdimage.Rect(0, 375, 4000, 2625))
			return jpeg.Encode(io.Discard, sub, &jpeg.Options{Quality: 85})
		})
	}}
	cropOurs := engine{name: "mediad", how: "in-process", run: func() (sample, error) {
		return timed(func() error {
			_, err := mimage.Crop(bytes.NewReader(data), mimage.CropOptions{Output: mimage.Output{Quality: 85}, Scale: "16:9"})
			return err
		})
	}}
	cropImaging := engine{name: "imaging", how: "in-process", run: func() (sample, error) {
		return timed(func() error {
			img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
			if err != nil {
				return err
			}
			img = imaging.CropCenter(img, 4000, 2250)
			return imaging.Encode(io.Discard, img, imaging.JPEG, imaging.JPEGQuality(85))
		})
	}}
	return []scenario{
		{group: "image", name: "compress 12MP→1080", note: "4000×3000 photo mosaic → 1080 px wide, JPEG q80, in the same process",
			ours: compressOurs, peers: []engine{compressImaging, compressStd}},
		{group: "image", name: "compress 12MP→1080 (CLI)", note: "the same as whole processes: `mediad compress` vs `vipsthumbnail`",
			ours: engine{name: "mediad CLI", how: "whole process", skip: cliSkip,
				run: wholeProcess(env.tmp, env.cli, "compress", "-quality", "80", "-width", "1080", "-o", out, src)},
			peers: []engine{{name: "vipsthumbnail", how: "whole process", skip: missing("vipsthumbnail"),
				run: wholeProcess(env.tmp, "vipsthumbnail", src, "--size", "1080x", "-o", vipsOut+"[Q=80,strip]")}}},
		{group: "image", name: "crop 16:9 12MP", note: "centre 4000×2250 of the mosaic, JPEG q85, in the same process",
			ours: cropOurs, peers: []engine{cropImaging, cropStd}},
		{group: "image", name: "crop 16:9 12MP (CLI)", note: "the same as whole processes: `mediad crop` vs `vips extract_area`",
			ours: engine{name: "mediad CLI", how: "whole process", skip: cliSkip,
				run: wholeProcess(env.tmp, env.cli, "crop", "-scale", "16:9", "-quality", "85", "-o", out, src)},
			peers: []engine{{name: "vips", how: "whole process", skip: missing("vips"),
				run: wholeProcess(env.tmp, "vips", "extract_area", src, vipsOut+"[Q=85,strip]", "0", "375", "4000", "2250")}}},
	}
}

// Audio graphs: the webaudio-benchmark style set of audio/bench_test.go, built with the
// public API. Only StartRendering is timed, as only startRendering is in JavaScript.

type audioGraph struct {
	name    string
	seconds float64
	build   func(c *audio.OfflineContext) error
}

func noise(c *audio.OfflineContext, ch int) (*audio.AudioBufferSourceNode, error) {
	b, err := c.CreateBuffer(ch, 44100, 44100)
	if err != nil {
		return nil, err
	}
	rnd := lehmer(1)
	for k := 0; k < ch; k++ {
		d, _ := b.GetChannelData(k)
		for i := range d {
			d[i] = float32(rnd() - 0.5)
		}
	}
	s := c.CreateBufferSource()
	s.SetBuffer(b)
	s.SetLoop(true)
	s.Start(0)
	return s, nil
}

// chain connects nodes in order and checks every error at once.
func chain(nodes ...audio.AudioNode) error {
	for i := 0; i+1 < len(nodes); i++ {
		type connector interface {
			Connect(dst audio.AudioNode, idx ...int) error
		}
		if err := nodes[i].(connector).Connect(nodes[i+1]); err != nil {
			return err
		}
	}
	return nil
}

var audioGraphs = []audioGraph{
	{"gain-chain", 60, func(c *audio.OfflineContext) error {
		s, err := noise(c, 2)
		if err != nil {
			return err
		}
		nodes := []audio.AudioNode{s}
		for i := 0; i < 10; i++ {
			g := c.CreateGain()
			g.Gain().SetValue(0.9)
			nodes = append(nodes, g)
		}
		return chain(append(nodes, c.Destination())...)
	}},
	{"oscillators-100", 10, func(c *audio.OfflineContext) error {
		sum := c.CreateGain()
		sum.Gain().SetValue(0.01)
		types := []audio.OscillatorType{audio.Sine, audio.Square, audio.Sawtooth, audio.Triangle}
		for i := 0; i < 100; i++ {
			o, err := audio.NewOscillatorNode(c.BaseContext, audio.OscillatorOptions{Type: types[i%4], Frequency: audio.F32(float32(110 + 17*i))})
			if err != nil {
				return err
			}
			if err := chain(o, sum); err != nil {
				return err
			}
			o.Start(0)
		}
		return chain(sum, c.Destination())
	}},
	{"biquad", 60, func(c *audio.OfflineContext) error {
		s, err := noise(c, 2)
		if err != nil {
			return err
		}
		f := c.CreateBiquadFilter()
		f.Frequency().SetValue(2000)
		f.Q().SetValue(3)
		return chain(s, f, c.Destination())
	}},
	{"compressor", 30, func(c *audio.OfflineContext) error {
		s, err := noise(c, 2)
		if err != nil {
			return err
		}
		return chain(s, c.CreateDynamicsCompressor(), c.Destination())
	}},
	{"panner", 20, func(c *audio.OfflineContext) error {
		s, err := noise(c, 1)
		if err != nil {
			return err
		}
		p := c.CreatePanner()
		p.PositionX().SetValueAtTime(-10, 0)
		p.PositionX().LinearRampToValueAtTime(10, 1000)
		return chain(s, p, c.Destination())
	}},
	{"convolver", 10, func(c *audio.OfflineContext) error {
		s, err := noise(c, 1)
		if err != nil {
			return err
		}
		ir, err := c.CreateBuffer(2, 44100, 44100)
		if err != nil {
			return err
		}
		rnd := lehmer(3)
		for k := 0; k < 2; k++ {
			d, _ := ir.GetChannelData(k)
			for i := range d {
				d[i] = float32((rnd() - 0.5) * math.Exp(-float64(i)/8000))
			}
		}
		v, err := audio.NewConvolverNode(c.BaseContext, audio.ConvolverOptions{Buffer: ir})
		if err != nil {
			return err
		}
		return chain(s, v, c.Destination())
	}},
	{"playback-rate-1.5", 60, func(c *audio.OfflineContext) error {
		s, err := noise(c, 2)
		if err != nil {
			return err
		}
		s.PlaybackRate().SetValue(1.5)
		return chain(s, c.Destination())
	}},
	{"automation", 60, func(c *audio.OfflineContext) error {
		s := c.CreateConstantSource()
		p := s.Offset()
		seconds := float64(c.Length()) / 44100
		for k := 0; k < 2000; k++ {
			t := float64(k) * seconds / 2000
			switch k % 4 {
			case 0:
				p.SetValueAtTime(float32(k%7)/7, t)
			case 1:
				p.LinearRampToValueAtTime(float32(k%5)/5, t)
			case 2:
				p.ExponentialRampToValueAtTime(0.1+float32(k%3)/3, t)
			default:
				p.SetTargetAtTime(0.5, t, 0.002)
			}
		}
		s.Start(0)
		return chain(s, c.Destination())
	}},
}

func audioScenarios(env *env) []scenario {
	var out []scenario
	for _, g := range audioGraphs {
		ours := engine{name: "mediad", how: "in-process", run: func() (sample, error) {
			c, err := audio.NewOfflineContext(2, int(g.seconds*44100), 44100)
			if err != nil {
				return sample{}, err
			}
			if err := g.build(c); err != nil {
				return sample{}, err
			}
			return timed(func() error {
				b, err := c.StartRendering(context.Background())
				if err == nil && b.Length() != c.Length() {
					err = fmt.Errorf("rendered %d frames, want %d", b.Length(), c.Length())
				}
				return err
			})
		}}
		out = append(out, scenario{group: "audio", name: g.name, ours: ours,
			note:  fmt.Sprintf("OfflineAudioContext, %g s of stereo 44.1 kHz", g.seconds),
			peers: []engine{env.chromium.audioEngine(g.name, g.seconds), env.node.audioEngine(g.name, g.seconds)}})
	}
	return out
}

// makeVideo generates 4 s of 1080p30 H.264 with the ffmpeg command.
func makeVideo(path string) error {
	out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-t", "4",
		"-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-y", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ffmpeg: %v %s", err, firstLine(string(out)))
	}
	return nil
}

func videoScenarios(env *env) []scenario {
	if env.videoErr != nil {
		return []scenario{{group: "video", name: "decode 1080p30", ours: engine{name: "mediad", skip: env.videoErr.Error()}}}
	}
	src := env.videoPath
	ours := engine{name: "mediad", how: "in-process", run: func() (sample, error) {
		return timed(func() error {
			d := video.NewVideoDecoder()
			if err := d.Start(context.Background(), video.StartOptions{Source: src, Mode: video.ModeFast, AbortAudio: true}); err != nil {
				return err
			}
			defer d.Remove()
			for {
				f, err := d.NextFrame(context.Background())
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				f.Release()
			}
		})
	}}
	ffmpeg := engine{name: "ffmpeg", how: "whole process",
		run: wholeProcess(env.tmp, "ffmpeg", "-v", "error", "-threads", "0", "-i", src, "-f", "rawvideo", "-pix_fmt", "rgba", "-y", "/dev/null")}
	cliSkip := ""
	if env.cliErr != nil {
		cliSkip = "building mediad: " + firstLine(env.cliErr.Error())
	}
	return []scenario{
		{group: "video", name: "decode 1080p30 → RGBA", note: "4 s H.264 1920×1080 (120 frames): VideoDecoder in-process vs the ffmpeg command",
			ours: ours, peers: []engine{ffmpeg}},
		{group: "video", name: "decode 1080p30 → RGBA (CLI)", note: "the same as whole processes: `mediad decode` vs the ffmpeg command",
			ours:  engine{name: "mediad CLI", how: "whole process", skip: cliSkip, run: wholeProcess(env.tmp, env.cli, "decode", src)},
			peers: []engine{ffmpeg}},
	}
}
