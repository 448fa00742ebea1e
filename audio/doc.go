// Package audio is mediad's WebAudio engine: the Web Audio API (as WeChat's
// wx.createWebAudioContext exposes it) rendered on the server, plus decodeAudioData,
// InnerAudioContext and MediaAudioPlayer.
//
// Contexts: NewOfflineContext renders a graph as fast as possible into an AudioBuffer
// (StartRendering, Suspend/Resume at quantum boundaries); NewStreamContext renders on demand into
// an io.Reader of interleaved float32 or int16 PCM, paced to real time or as fast as it is read,
// with Suspend/Resume/Close and a Do queue for changing the graph from another goroutine.
//
// Nodes carry the Web Audio names, so the JavaScript binding maps one to one: ctx.CreateGain(),
// gain.Gain().SetValueAtTime(v, t), src.Start(when, offset, duration), osc.SetType("square"),
// a.Connect(b, output, input), a.ConnectParam(p), a.DisconnectNode(b) … Every node also has an
// option-struct constructor (NewGainNode(ctx, GainOptions{Gain: F32(0.5)})). Invalid arguments
// return errors wrapping the spec's exceptions (ErrNotSupported, ErrIndexSize, ErrInvalidState,
// ErrRange, ErrInvalidAccess, ErrType); undecodable audio wraps ErrDecode.
//
// Rendering is pull-based in render quanta of 128 frames, as the specification defines it: each
// quantum the destination pulls its inputs, each node processes once after the nodes it depends
// on, inputs are up- and down-mixed by channelCount, channelCountMode and channelInterpretation,
// cycles are allowed only through a DelayNode (adding one quantum per loop, as in Chromium), and
// finished sources and nodes nobody pulls cost nothing. The render loop allocates nothing.
//
// Where headless Chromium and the written spec disagree, the engine follows Chromium, because that
// is what users compare against; such places say so in a comment. The differential tests
// (diff_*_test.go) run the same graphs in Chromium's OfflineAudioContext; their references live
// in testdata/chromium and are regenerated with MAKE_REF=1.
//
// A context and its nodes are not safe for concurrent use: build and change the graph from the
// goroutine that renders, while an OfflineContext is suspended, or through StreamContext.Do.
package audio
