// Package legacy is WeChat's pre-2D drawing API (wx.createCanvasContext) on top
// of package canvas: a CanvasContext that records every call as an Action, the
// one JSON form of an action list, deterministic replay (Draw, Render) and the
// export functions that go with that generation of the API
// (canvasToTempFilePath, canvasGetImageData, canvasPutImageData).
//
// An action list is a JSON array of {"method": name, "data": [arguments…]}
// objects, one per call, in call order. Method names are the CanvasContext
// method names (setFillStyle, fillRect, arc, …) and, for the properties that
// have no set* twin, the property name (font, globalCompositeOperation,
// lineDashOffset, shadowBlur, …). Gradients and patterns travel inline as the
// objects createLinearGradient, createCircularGradient and createPattern
// return: {"type": "linear"|"radial", "data": [factory arguments],
// "colorStop": [[offset, colour], …]} and {"type": "pattern", "data": [image
// path, repetition]}. One table (methods in action.go) declares every method's
// parameters; Unmarshal, Validate, the recorder and the replay all read it.
//
// Replay follows draw(reserve) as WeChat documents it: every batch starts from
// the default drawing state (black fill and stroke, 10px sans-serif, identity
// transform scaled by the pixel ratio, no clip) whatever the previous batch
// left behind, with an empty path; reserve=false clears the canvas first.
//
// Images come from an ImageLoader (DirLoader confines paths to configured
// directories); drawImage (3, 5 or 9 arguments) and createPattern by path are
// loaded once per batch, before anything is drawn.
//
// For a render service: ParseRequest reads {"width", "height", "pixelRatio",
// "fileType", "quality", "actions"}, Render replays the actions and Export
// encodes the result.
//
// Errors: a malformed action (unknown method, wrong number or type of
// arguments, NaN or infinite numbers) and every call the browser would throw on
// (negative radius, colour stop outside [0, 1], unparsable stop colour, unknown
// pattern repetition) is an error naming the action's index, and nothing is
// drawn. Values the browser silently ignores (an unknown lineCap, an
// unparsable fillStyle colour, a negative lineWidth) are ignored here too, so
// that drawing code written for the phone runs unchanged.
package legacy
