package script

import "testing"

func TestRecorderManager(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"an offline render recorded to PCM and wav, events on the loop", `const rm = wx.getRecorderManager();
console.log(rm === wx.getRecorderManager());
const ctx = new OfflineAudioContext(1, 4000, 8000);
const osc = ctx.createOscillator(); osc.connect(ctx.destination); osc.start();
let chunks = 0, bytes = 0, last = 0;
rm.onStart(() => console.log('start'));
rm.onFrameRecorded((f) => { chunks++; bytes += f.frameBuffer.byteLength; if (f.isLastFrame) last++; });
rm.onError((e) => console.log(e.errMsg));
ctx.startRendering().then((buf) => {
  rm.onStop((r) => {
    console.log('stop', r.tempFilePath.startsWith('wxfile://tmp/'), r.tempFilePath.endsWith('.PCM') || r.tempFilePath.endsWith('.pcm'), r.duration, r.fileSize, chunks, bytes, last);
    rm.onStop((w) => console.log('wav', w.duration, w.fileSize, wx.getFileSystemManager().readFileSync(w.tempFilePath).byteLength));
    rm.start({source: buf, format: 'wav', sampleRate: 8000, numberOfChannels: 1});
  });
  rm.start({source: buf, format: 'PCM', sampleRate: 8000, numberOfChannels: 1, frameSize: 1});
});`,
			"true\nstart\nstop true true 500 8000 8 8000 1\nstart\nwav 500 8044 8044\n"},
		{"bad options and sources go to onError", `const rm = wx.getRecorderManager();
rm.onError((e) => console.log(e.errMsg));
rm.start({format: 'wav'});
rm.start({source: 'missing.wav', format: 'wav'});
rm.start({source: {}, format: 'wav'});
rm.start({sampleRate: 1234, source: 'x'});
rm.stop();`,
			"operateRecorder:fail parameter error: parameter.source should be an AudioBuffer or a file path (the server has no microphone)\n" +
				"operateRecorder:fail no such file or directory: missing.wav\n" +
				"operateRecorder:fail parameter error: parameter.source should be an AudioBuffer or a file path\n" +
				"operateRecorder:fail start: sampleRate 1234 is not one of 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000: invalid option\n" +
				"operateRecorder:fail stop: not recording: invalid state\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runWx(t, Options{}, tc.src)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if out != tc.want {
				t.Errorf("stdout\n got %q\nwant %q", out, tc.want)
			}
		})
	}
}
