package audio

import (
	"math"
	"os"
)

// InnerAudioEvent is passed to InnerAudioContext event handlers. ErrCode and ErrMsg are set for
// "error" events only (10003 file error, 10004 format error, as in WeChat).
type InnerAudioEvent struct {
	Type    string
	ErrCode int
	ErrMsg  string
}

// Event names of InnerAudioContext (its on*/off* pairs).
const (
	EventCanplay    = "canplay"
	EventPlay       = "play"
	EventPause      = "pause"
	EventStop       = "stop"
	EventEnded      = "ended"
	EventTimeUpdate = "timeUpdate"
	EventError      = "error"
	EventWaiting    = "waiting"
	EventSeeking    = "seeking"
	EventSeeked     = "seeked"
)

// InnerAudioContext is the server-side wx.createInnerAudioContext: a decoded file played by the
// context's clock. It is also a source node (one output), so it can feed a WebAudio graph the way
// a media element source does; connect it to the destination to hear it in the render.
// Events fire on the rendering goroutine after the quantum in which they happened.
type InnerAudioContext struct {
	*audioNode
	// Loader fetches src; nil reads a local file. A server should set it to resolve paths safely.
	Loader func(src string) ([]byte, error)

	src          string
	buffer       *AudioBuffer
	startTime    float64
	autoplay     bool
	loop         bool
	volume       float32
	playbackRate float64
	paused       bool
	pos          float64 // playback position in buffer frames
	sinceUpdate  float64 // seconds played since the last timeUpdate
	destroyed    bool
	handlers     map[string][]innerHandler
	nextID       int
}

type innerHandler struct {
	id int
	f  func(InnerAudioEvent)
}

// CreateInnerAudioContext creates a paused InnerAudioContext in c's graph.
func (c *BaseContext) CreateInnerAudioContext() *InnerAudioContext {
	a := &InnerAudioContext{volume: 1, playbackRate: 1, paused: true, handlers: map[string][]innerHandler{}}
	a.audioNode = newNode(c, a, 0, 1, 2, Max, Speakers)
	return a
}

// On registers f for event (EventPlay …) and returns an id for Off.
func (a *InnerAudioContext) On(event string, f func(InnerAudioEvent)) int {
	a.nextID++
	a.handlers[event] = append(a.handlers[event], innerHandler{a.nextID, f})
	return a.nextID
}

// Off removes the handler with the given id, or every handler of event when id is 0.
func (a *InnerAudioContext) Off(event string, id int) {
	if id == 0 {
		delete(a.handlers, event)
		return
	}
	hs := a.handlers[event]
	for i, h := range hs {
		if h.id == id {
			a.handlers[event] = append(hs[:i:i], hs[i+1:]...)
			return
		}
	}
}

func (a *InnerAudioContext) emit(e InnerAudioEvent) {
	for _, h := range a.handlers[e.Type] {
		h.f(e)
	}
}

// queue fires the event after the current quantum.
func (a *InnerAudioContext) queue(typ string) {
	a.ctx.events = append(a.ctx.events, func() { a.emit(InnerAudioEvent{Type: typ}) })
}

func (a *InnerAudioContext) fail(code int, err error) error {
	a.emit(InnerAudioEvent{Type: EventError, ErrCode: code, ErrMsg: err.Error()})
	return err
}

// Src is the current source.
func (a *InnerAudioContext) Src() string { return a.src }

// SetSrc loads and decodes src (through Loader), resampled to the context rate. Success fires
// canplay (and starts playback if autoplay is set); failure fires error.
func (a *InnerAudioContext) SetSrc(src string) error {
	load := a.Loader
	if load == nil {
		load = os.ReadFile
	}
	data, err := load(src)
	if err != nil {
		return a.fail(10003, err)
	}
	return a.SetSrcData(src, data)
}

// SetSrcData uses already loaded file bytes as the source named src.
func (a *InnerAudioContext) SetSrcData(src string, data []byte) error {
	if a.destroyed {
		return errorf(ErrInvalidState, "InnerAudioContext is destroyed")
	}
	b, err := a.ctx.DecodeAudioData(data)
	if err != nil {
		return a.fail(10004, err)
	}
	a.src, a.buffer = src, b
	a.paused = true
	a.pos = math.Min(a.startTime*b.sampleRate, float64(b.length))
	a.emit(InnerAudioEvent{Type: EventCanplay})
	if a.autoplay {
		a.Play()
	}
	return nil
}

func (a *InnerAudioContext) StartTime() float64     { return a.startTime }
func (a *InnerAudioContext) SetStartTime(t float64) { a.startTime = math.Max(0, t) }
func (a *InnerAudioContext) Autoplay() bool         { return a.autoplay }
func (a *InnerAudioContext) SetAutoplay(v bool)     { a.autoplay = v }
func (a *InnerAudioContext) Loop() bool             { return a.loop }
func (a *InnerAudioContext) SetLoop(v bool)         { a.loop = v }
func (a *InnerAudioContext) Volume() float32        { return a.volume }
func (a *InnerAudioContext) PlaybackRate() float64  { return a.playbackRate }
func (a *InnerAudioContext) Paused() bool           { return a.paused }

// SetVolume clamps to [0, 1] like WeChat.
func (a *InnerAudioContext) SetVolume(v float32) {
	a.volume = float32(math.Max(0, math.Min(1, float64(v))))
}

// SetPlaybackRate clamps to WeChat's [0.5, 2].
func (a *InnerAudioContext) SetPlaybackRate(r float64) {
	a.playbackRate = math.Max(0.5, math.Min(2, r))
}

// Duration is the source's length in seconds (0 without a source).
func (a *InnerAudioContext) Duration() float64 {
	if a.buffer == nil {
		return 0
	}
	return a.buffer.Duration()
}

// CurrentTime is the playback position in seconds, rounded to 6 decimals as WeChat reports it.
func (a *InnerAudioContext) CurrentTime() float64 {
	if a.buffer == nil {
		return 0
	}
	return math.Round(a.pos/a.buffer.sampleRate*1e6) / 1e6
}

// Buffered is how far the source is available: everything, once decoded.
func (a *InnerAudioContext) Buffered() float64 { return a.Duration() }

// Play starts or resumes playback.
func (a *InnerAudioContext) Play() {
	if a.buffer == nil || a.destroyed || !a.paused {
		return
	}
	a.paused = false
	a.sinceUpdate = 0
	a.queue(EventPlay)
}

// Pause keeps the position for the next Play.
func (a *InnerAudioContext) Pause() {
	if a.paused || a.destroyed {
		return
	}
	a.paused = true
	a.queue(EventPause)
}

// Stop pauses and rewinds to the start.
func (a *InnerAudioContext) Stop() {
	if a.destroyed || a.buffer == nil {
		return
	}
	a.paused = true
	a.pos = 0
	a.queue(EventStop)
}

// Seek jumps to position seconds (clamped to the source); seeking fires now, seeked after the
// next quantum.
func (a *InnerAudioContext) Seek(position float64) {
	if a.buffer == nil || a.destroyed || isNonFinite(position) {
		return
	}
	a.emit(InnerAudioEvent{Type: EventSeeking})
	a.pos = math.Max(0, math.Min(position*a.buffer.sampleRate, float64(a.buffer.length)))
	a.queue(EventSeeked)
}

// Destroy stops playback, drops the source and all handlers.
func (a *InnerAudioContext) Destroy() {
	a.paused = true
	a.destroyed = true
	a.buffer = nil
	a.handlers = map[string][]innerHandler{}
	a.Disconnect()
}

func (a *InnerAudioContext) process(int64) {
	out := a.out(0)
	b := a.buffer
	if b == nil || a.paused {
		out.setSilent(1)
		return
	}
	chans := len(b.data)
	out.setChannels(chans)
	out.silent = false
	rate := a.playbackRate
	n := float64(b.length)
	vol := a.volume
	k := 0
	for ; k < RenderQuantum; k++ {
		if a.pos >= n {
			if !a.loop {
				break
			}
			a.pos -= n
		}
		i0 := int(a.pos)
		f := float32(a.pos - float64(i0))
		i1 := i0 + 1
		if i1 >= b.length {
			i1 = i0
			if a.loop {
				i1 = 0
			}
		}
		for c, d := range b.data {
			out.ch[c][k] = (d[i0] + (d[i1]-d[i0])*f) * vol
		}
		a.pos += rate
	}
	for c := 0; c < chans; c++ {
		clear(out.ch[c][k:RenderQuantum])
	}
	if k < RenderQuantum {
		a.paused = true
		a.pos = 0
		a.queue(EventEnded)
		return
	}
	// timeUpdate about four times a second of playback, as browsers do.
	a.sinceUpdate += RenderQuantum / a.ctx.sampleRate
	if a.sinceUpdate >= 0.25 {
		a.sinceUpdate -= 0.25
		a.queue(EventTimeUpdate)
	}
}
