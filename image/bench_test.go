package image

// Side-by-side benchmarks on real photographs. The photos come from Debian's
// plasma-workspace-wallpapers package (installed by the bench setup; benchmarks that
// need them skip with a message when it is absent): nine 2560×1600 JPEG photographs,
// and a 4000×3000 (12 MP) mosaic cut from four of them at native resolution, so every
// pixel is real photographic content. A generated 24 MP image covers the large end.
//
// Peers: github.com/disintegration/imaging in this process (decode, resize with its
// Lanczos, encode), and libvips's vipsthumbnail / vips / vipsheader as whole processes
// against the mediad CLI (wall time and peak RSS).

import (
	"bytes"
	"fmt"
	stdimage "image"
	"image/draw"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/disintegration/imaging"
	"github.com/seed92233726/mediad/codec"
)

const wallpapers = "/usr/share/wallpapers"

// photoNames are the wallpapers that are photographs (the others are digital art).
var photoNames = []string{"Path", "ColorfulCups", "Autumn", "BytheWater", "EveningGlow",
	"FallenLeaf", "OneStandsOut", "Kite", "ColdRipple"}

func photoPath(name string) string {
	return filepath.Join(wallpapers, name, "contents", "images", "2560x1600.jpg")
}

// realPhotos returns the photographs that are installed, skipping when none are.
func realPhotos(tb testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, n := range photoNames {
		if b, err := os.ReadFile(photoPath(n)); err == nil {
			out[n] = b
		}
	}
	if len(out) == 0 {
		tb.Skipf("no photographs under %s: install Debian's plasma-workspace-wallpapers (make deps-bench)", wallpapers)
	}
	return out
}

var (
	mosaicOnce sync.Once
	mosaicJPEG []byte
	mosaicErr  error
	bigOnce    sync.Once
	bigJPEG    []byte
)

// mosaic12MP is a 4000×3000 q92 JPEG made of the central 2000×1500 of four photos.
func mosaic12MP(tb testing.TB) []byte {
	photos := realPhotos(tb)
	mosaicOnce.Do(func() {
		m := stdimage.NewRGBA(stdimage.Rect(0, 0, 4000, 3000))
		for i, n := range photoNames[:4] {
			data, ok := photos[n]
			if !ok {
				mosaicErr = fmt.Errorf("%s missing", photoPath(n))
				return
			}
			img, _, err := codec.Decode(bytes.NewReader(data), codec.DecodeOptions{})
			if err != nil {
				mosaicErr = err
				return
			}
			b := img.Bounds()
			sp := stdimage.Pt(b.Min.X+(b.Dx()-2000)/2, b.Min.Y+(b.Dy()-1500)/2)
			dx, dy := (i%2)*2000, (i/2)*1500
			draw.Draw(m, stdimage.Rect(dx, dy, dx+2000, dy+1500), img, sp, draw.Src)
		}
		var buf bytes.Buffer
		mosaicErr = codec.Encode(&buf, m, codec.JPEG, codec.EncodeOptions{Quality: 92})
		mosaicJPEG = buf.Bytes()
	})
	if mosaicErr != nil {
		tb.Skipf("building the 12 MP mosaic: %v", mosaicErr)
	}
	return mosaicJPEG
}

// generated24MP is a 6000×4000 q92 JPEG of the synthetic test picture.
func generated24MP(tb testing.TB) []byte {
	bigOnce.Do(func() {
		var buf bytes.Buffer
		if err := codec.Encode(&buf, photo(6000, 4000), codec.JPEG, codec.EncodeOptions{Quality: 92}); err != nil {
			panic(err)
		}
		bigJPEG = buf.Bytes()
	})
	return bigJPEG
}

type benchInput struct {
	name string
	data func(testing.TB) []byte
	mpix float64
}

var benchInputs = []benchInput{
	{"photo-4MP", func(tb testing.TB) []byte { return realPhotos(tb)["Path"] }, 2560 * 1600 / 1e6},
	{"mosaic-12MP", mosaic12MP, 12},
	{"generated-24MP", generated24MP, 24},
}

func reportMPix(b *testing.B, mpix float64) {
	b.ReportMetric(mpix*float64(b.N)/b.Elapsed().Seconds(), "MPix/s")
}

// cpuTime is the CPU time (user+system, all threads) this process has used. On a
// shared machine it is a steadier figure than wall time, which also counts the time
// other processes held the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs fn b.N times and reports MPix/s and CPU ms per op.
func measure(b *testing.B, mpix float64, fn func() error) {
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	if mpix > 0 {
		reportMPix(b, mpix)
	}
}

// imagingCompress is the imaging equivalent of Compress to 1080 px wide at q80.
func imagingCompress(data []byte, w int, q int) ([]byte, error) {
	img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
	if err != nil {
		return nil, err
	}
	img = imaging.Resize(img, w, 0, imaging.Lanczos)
	var buf bytes.Buffer
	err = imaging.Encode(&buf, img, imaging.JPEG, imaging.JPEGQuality(q))
	return buf.Bytes(), err
}

func BenchmarkCompress1080(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name+"/mediad", func(b *testing.B) {
			data := in.data(b)
			measure(b, in.mpix, func() error {
				_, err := Compress(bytes.NewReader(data), CompressOptions{CompressedWidth: 1080})
				return err
			})
		})
		b.Run(in.name+"/imaging", func(b *testing.B) {
			data := in.data(b)
			measure(b, in.mpix, func() error {
				_, err := imagingCompress(data, 1080, 80)
				return err
			})
		})
	}
}

func BenchmarkCrop16x9(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name+"/mediad", func(b *testing.B) {
			data := in.data(b)
			measure(b, in.mpix, func() error {
				_, err := Crop(bytes.NewReader(data), CropOptions{Scale: "16:9", Output: Output{Quality: 85}})
				return err
			})
		})
		b.Run(in.name+"/imaging", func(b *testing.B) {
			data := in.data(b)
			measure(b, in.mpix, func() error {
				img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
				if err != nil {
					return err
				}
				bd := img.Bounds()
				w, h := ratioSize(bd.Dx(), bd.Dy(), 16, 9)
				img = imaging.CropCenter(img, w, h)
				return imaging.Encode(&bytes.Buffer{}, img, imaging.JPEG, imaging.JPEGQuality(85))
			})
		})
	}
}

func BenchmarkInfo(b *testing.B) {
	data := mosaic12MP(b)
	b.Run("mediad", func(b *testing.B) {
		measure(b, 0, func() error {
			_, err := Info(bytes.NewReader(data))
			return err
		})
	})
	b.Run("imaging", func(b *testing.B) {
		// imaging has no header reader; image/jpeg's DecodeConfig is what its users call.
		measure(b, 0, func() error {
			_, err := jpeg.DecodeConfig(bytes.NewReader(data))
			return err
		})
	})
}

// BenchmarkResizeOnly compares the resamplers alone on the same decoded 12 MP image.
func BenchmarkResizeOnly(b *testing.B) {
	img, _, err := codec.Decode(bytes.NewReader(mosaic12MP(b)), codec.DecodeOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("mediad-lanczos3", func(b *testing.B) {
		measure(b, 12, func() error { resampleLanczos(img, 1080, 810); return nil })
	})
	b.Run("imaging-lanczos", func(b *testing.B) {
		measure(b, 12, func() error { imaging.Resize(img, 1080, 810, imaging.Lanczos); return nil })
	})
}

// Whole-process comparison: the mediad CLI against libvips's command-line tools.

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

func mediadCLI(b *testing.B) string {
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mediad-bench")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "mediad")
		out, err := exec.Command("go", "build", "-o", cliPath, "github.com/seed92233726/mediad/cmd/mediad").CombinedOutput()
		if err != nil {
			cliErr = fmt.Errorf("building mediad: %v\n%s", err, out)
		}
	})
	if cliErr != nil {
		b.Skip(cliErr)
	}
	return cliPath
}

// runProc runs one command b.N times and reports wall time, CPU time (user+system)
// and the largest peak RSS. Peak RSS comes from GNU time: the rusage Go gets for a
// child it started counts the test process's own memory, since Go starts children
// with vfork semantics.
func runProc(b *testing.B, mpix float64, name string, args ...string) {
	gnuTime, _ := exec.LookPath("/usr/bin/time")
	var peakKB int64
	var cpu time.Duration
	rusage := filepath.Join(b.TempDir(), "rusage")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(name, args...)
		if gnuTime != "" {
			cmd = exec.Command(gnuTime, append([]string{"-f", "%M", "-o", rusage, name}, args...)...)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if gnuTime != "" {
			if out, err := os.ReadFile(rusage); err == nil {
				var kb int64
				fmt.Sscan(strings.TrimSpace(string(out)), &kb)
				peakKB = max(peakKB, kb)
			}
		}
	}
	b.StopTimer()
	if gnuTime != "" {
		b.ReportMetric(float64(peakKB)/1024, "peakRSS-MB")
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/proc")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/proc")
	if mpix > 0 {
		reportMPix(b, mpix)
	}
}

func needTool(b *testing.B, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		b.Skipf("%s not installed (Debian package libvips-tools; make deps-bench installs it)", name)
	}
	return p
}

func BenchmarkCLI(b *testing.B) {
	for _, in := range benchInputs {
		inFile := func(b *testing.B) string {
			p := filepath.Join(b.TempDir(), "in.jpg")
			if err := os.WriteFile(p, in.data(b), 0o644); err != nil {
				b.Fatal(err)
			}
			return p
		}
		b.Run("compress/"+in.name+"/mediad", func(b *testing.B) {
			cli, src := mediadCLI(b), inFile(b)
			runProc(b, in.mpix, cli, "compress", "-quality", "80", "-width", "1080", "-o", filepath.Join(b.TempDir(), "out.jpg"), src)
		})
		b.Run("compress/"+in.name+"/vipsthumbnail", func(b *testing.B) {
			vt, src := needTool(b, "vipsthumbnail"), inFile(b)
			runProc(b, in.mpix, vt, src, "--size", "1080x", "-o", filepath.Join(b.TempDir(), "out.jpg")+"[Q=80,strip]")
		})
		b.Run("crop16x9/"+in.name+"/mediad", func(b *testing.B) {
			cli, src := mediadCLI(b), inFile(b)
			runProc(b, in.mpix, cli, "crop", "-scale", "16:9", "-quality", "85", "-o", filepath.Join(b.TempDir(), "out.jpg"), src)
		})
		b.Run("crop16x9/"+in.name+"/vips", func(b *testing.B) {
			v, src := needTool(b, "vips"), inFile(b)
			cfg, err := codec.DecodeConfig(bytes.NewReader(in.data(b)))
			if err != nil {
				b.Fatal(err)
			}
			w, h := ratioSize(cfg.Width, cfg.Height, 16, 9)
			r := place(cfg.Width, cfg.Height, w, h, 0.5, 0.5)
			runProc(b, in.mpix, v, "extract_area", src, filepath.Join(b.TempDir(), "out.jpg")+"[Q=85,strip]",
				fmt.Sprint(r.X), fmt.Sprint(r.Y), fmt.Sprint(r.Width), fmt.Sprint(r.Height))
		})
	}
	// A phone photo stored sideways (EXIF orientation 6): the crop is taken from the
	// upright picture, so both tools turn it (vips with autorotate).
	rotated := func(b *testing.B) (string, Rect) {
		data := withOrientation(mosaic12MP(b), 6)
		p := filepath.Join(b.TempDir(), "in.jpg")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		w, h := ratioSize(3000, 4000, 16, 9)
		return p, place(3000, 4000, w, h, 0.5, 0.5)
	}
	b.Run("crop16x9-exif6/mosaic-12MP/mediad", func(b *testing.B) {
		cli := mediadCLI(b)
		src, _ := rotated(b)
		runProc(b, 12, cli, "crop", "-scale", "16:9", "-quality", "85", "-o", filepath.Join(b.TempDir(), "out.jpg"), src)
	})
	b.Run("crop16x9-exif6/mosaic-12MP/vips", func(b *testing.B) {
		v := needTool(b, "vips")
		src, r := rotated(b)
		runProc(b, 12, v, "crop", src+"[autorotate]", filepath.Join(b.TempDir(), "out.jpg")+"[Q=85,strip]",
			fmt.Sprint(r.X), fmt.Sprint(r.Y), fmt.Sprint(r.Width), fmt.Sprint(r.Height))
	})
	b.Run("info/mediad", func(b *testing.B) {
		cli := mediadCLI(b)
		p := filepath.Join(b.TempDir(), "in.jpg")
		os.WriteFile(p, mosaic12MP(b), 0o644)
		if out, err := exec.Command(cli, "info", p).CombinedOutput(); err != nil {
			b.Skipf("mediad info not available: %v %s", err, out)
		}
		runProc(b, 0, cli, "info", p)
	})
	b.Run("info/vipsheader", func(b *testing.B) {
		v := needTool(b, "vipsheader")
		p := filepath.Join(b.TempDir(), "in.jpg")
		os.WriteFile(p, mosaic12MP(b), 0o644)
		runProc(b, 0, v, p)
	})
}

// BenchmarkJPEGDecode records why JPEG goes through libjpeg-turbo (codec's cgo path)
// rather than the pure-Go image/jpeg: full-size decode speed, and the DCT-domain
// scaled decode that only libjpeg-turbo offers.
func BenchmarkJPEGDecode(b *testing.B) {
	data := mosaic12MP(b)
	b.Run("turbo-full", func(b *testing.B) {
		measure(b, 12, func() error {
			_, _, err := codec.Decode(bytes.NewReader(data), codec.DecodeOptions{})
			return err
		})
	})
	b.Run("turbo-half", func(b *testing.B) {
		measure(b, 12, func() error {
			_, _, err := codec.Decode(bytes.NewReader(data), codec.DecodeOptions{TargetWidth: 2000})
			return err
		})
	})
	b.Run("stdlib-full", func(b *testing.B) {
		measure(b, 12, func() error {
			_, err := jpeg.Decode(bytes.NewReader(data))
			return err
		})
	})
}
