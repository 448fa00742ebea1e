package script

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/video"
)

// compressQualities are wx.compressVideo's presets (video.Compress maps them).
var compressQualities = []string{"low", "medium", "high"}

// installCompressVideo binds wx.compressVideo over video.CompressTo: the source
// is a sandbox path, the result a new temp file charged to the run's quota.
func (r *Runtime) installCompressVideo(wx *goja.Object) {
	r.defineAsync(wx, wxAPI{
		name:    "compressVideo",
		options: []string{"src", "quality", "bitrate", "fps", "resolution"},
		values:  map[string][]string{"quality": compressQualities},
		results: []string{"tempFilePath", "size"},
		run: func(o, res *goja.Object) error {
			src, err := r.needString(o, "src")
			if err != nil {
				return err
			}
			opt, err := compressVideoOptions(o)
			if err != nil {
				return err
			}
			// Pictures are bounded like the decoder's: by the run's canvas limit.
			opt.MaxPixels = int(r.canvasLimits().MaxPixels)
			if isURL(src) {
				return failf("network sources are not supported; download the video first")
			}
			path, err := r.sandbox.hostPath(src)
			if err != nil {
				return err
			}
			dir, err := r.sandbox.tempDir()
			if err != nil {
				return err
			}
			f, err := os.CreateTemp(dir, "compress-*.mp4")
			if err != nil {
				return err
			}
			f.Close()
			size, err := video.CompressTo(r.runCtx, path, f.Name(), opt)
			if err == nil {
				var st os.FileInfo
				if st, err = os.Stat(f.Name()); err == nil {
					err = r.sandbox.charge(st.Size())
				}
			}
			if err != nil {
				os.Remove(f.Name())
				return hostPathsHidden(hostPathsHidden(err, path, src), f.Name(), tempPrefix+filepath.Base(f.Name()))
			}
			must(res.Set("tempFilePath", tempPrefix+filepath.Base(f.Name())))
			// kB, as a string: WeChat documents size as one.
			must(res.Set("size", strconv.FormatFloat(size, 'f', -1, 64)))
			return nil
		},
	})
}

// compressVideoOptions reads quality, or else bitrate (kbps), fps and resolution;
// with quality given the other three are ignored, as WeChat documents.
func compressVideoOptions(o *goja.Object) (video.CompressOptions, error) {
	var opt video.CompressOptions
	if q := o.Get("quality"); !absent(q) && !goja.IsNull(q) {
		s, _ := q.Export().(string)
		for _, name := range compressQualities {
			if s == name {
				opt.Quality = s
				return opt, nil
			}
		}
		return opt, failf("parameter error: parameter.quality should be one of low, medium, high")
	}
	for _, f := range []struct {
		name     string
		dst      *float64
		max      float64
		interval string
	}{
		{"bitrate", &opt.Bitrate, 1e6, "(0, 1000000] kbps"},
		{"fps", &opt.Fps, 1000, "(0, 1000]"},
		{"resolution", &opt.Resolution, 1, "(0, 1]"},
	} {
		v, err := needNumber(o, f.name)
		if err != nil {
			return opt, err
		}
		if !(v > 0 && v <= f.max) {
			return opt, failf("parameter error: parameter.%s should be in %s", f.name, f.interval)
		}
		*f.dst = v
	}
	return opt, nil
}

// hostPathsHidden rewords err, whose message may name host, with the script's
// own path for it: FFmpeg's messages name the files it opened, and a script must
// not learn where its sandbox lives on the host.
func hostPathsHidden(err error, host, script string) error {
	if err == nil || host == "" || !strings.Contains(err.Error(), host) {
		return err
	}
	return failf("%s", strings.ReplaceAll(reasonOf(err), host, clip(script)))
}
