package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/signal"

	"github.com/seed92233726/mediad/recorder"
)

func init() {
	register(command{
		name:    "record",
		summary: "record an audio file's sound through RecorderManager (aac, mp3, wav, PCM) as wx.getRecorderManager would",
		run:     runRecord,
	})
}

// recordStop is the JSON line printed at the end: OnStop's payload (duration in ms,
// as WeChat reports it).
type recordStop struct {
	TempFilePath string `json:"tempFilePath"`
	Duration     int64  `json:"duration"`
	FileSize     int64  `json:"fileSize"`
}

// recordFrame is printed for every OnFrameRecorded chunk when -frame-size is set.
type recordFrame struct {
	FrameBytes  int  `json:"frameBytes"`
	IsLastFrame bool `json:"isLastFrame"`
}

func runRecord(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("record", "[-format aac] [-sample-rate 8000] [-channels 2] [-encode-bit-rate 48000] [-duration 60000] [-frame-size KB] -o OUT INPUT", stderr)
	format := fs.String("format", "aac", "output format: aac, mp3, wav or PCM")
	rate := fs.Int("sample-rate", recorder.DefaultSampleRate, "sampleRate: 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100 or 48000")
	channels := fs.Int("channels", 2, "numberOfChannels: 1 or 2")
	bitRate := fs.Int("encode-bit-rate", 0, "encodeBitRate in bit/s; must fit the sample rate's range (0: 48000 moved into it)")
	duration := fs.Int("duration", recorder.DefaultRecordDuration, "duration limit in ms (at most 600000)")
	frameSize := fs.Int("frame-size", 0, "print a line per `KB` of encoded output (mp3 and PCM)")
	out := fs.String("o", "", "write the recording to `file`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"expects exactly one INPUT"}
	}
	if *out == "" {
		return usageError{"-o OUT is required"}
	}
	opt := recorder.StartOptions{Duration: *duration, SampleRate: *rate, NumberOfChannels: *channels,
		EncodeBitRate: *bitRate, Format: *format, FrameSize: *frameSize}
	if _, err := recorder.ValidateStartOptions(opt); err != nil {
		return usageError{err.Error()}
	}
	src, err := recorder.OpenFileSource(fs.Arg(0), *rate, *channels)
	if err != nil {
		return err
	}
	defer src.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	m := recorder.NewRecorderManager()
	enc := json.NewEncoder(stdout)
	var werr error
	m.OnFrameRecorded(func(f recorder.FrameRecorded) {
		if werr == nil {
			werr = enc.Encode(recordFrame{FrameBytes: len(f.FrameBuffer), IsLastFrame: f.IsLastFrame})
		}
	})
	if err := m.Start(ctx, opt, src); err != nil {
		return err
	}
	res, err := m.Wait()
	if err != nil {
		return err
	}
	if werr != nil {
		os.Remove(res.TempFilePath)
		return werr
	}
	if err := moveFile(res.TempFilePath, *out); err != nil {
		return err
	}
	return enc.Encode(recordStop{TempFilePath: *out, Duration: res.Duration.Milliseconds(), FileSize: res.FileSize})
}

// moveFile renames src to dst, copying when they are on different file systems.
func moveFile(src, dst string) error {
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	o, err := os.Create(dst)
	if err != nil {
		return err
	}
	_, err = io.Copy(o, in)
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return err
	}
	return os.Remove(src)
}
