// Package audio is mediad's WebAudio engine: AudioBuffer, AudioParam with the full automation
// timeline, the audio nodes of the Web Audio API, an OfflineContext that renders a graph into an
// AudioBuffer and a StreamContext that renders on demand into a PCM stream.
//
// Rendering is pull-based in render quanta of 128 frames, as the Web Audio specification defines
// it: each quantum the destination pulls its inputs, every node processes once after the nodes it
// depends on, and nodes nobody pulls cost nothing. Where headless Chromium and the written spec
// disagree, the engine follows Chromium, because that is what users compare against; such places
// say so in a comment.
//
// A context and its nodes are not safe for concurrent use: build and change the graph from the
// goroutine that renders, or while rendering is suspended (OfflineContext.Suspend).
package audio
