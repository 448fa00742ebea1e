package legacy

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Request is the body of a render request, the action list with the canvas
// and export parameters:
//
//	{"width": 360, "height": 640, "pixelRatio": 3, "fileType": "png", "quality": 1,
//	 "actions": [{"method": "fillRect", "data": [0, 0, 10, 10]}, …]}
//
// Zero or absent numbers mean the defaults of RenderOptions and ExportOptions.
type Request struct {
	Width      int      `json:"width"`
	Height     int      `json:"height"`
	PixelRatio float64  `json:"pixelRatio"`
	FileType   string   `json:"fileType"`
	Quality    float64  `json:"quality"`
	Actions    []Action `json:"actions"`
}

// ParseRequest decodes a render request; its action list goes through
// Unmarshal, so a bad action is an *ActionError naming its index. Unknown
// fields are refused, which catches misspelt parameters.
func ParseRequest(data []byte) (Request, error) {
	var w struct {
		Width      int             `json:"width"`
		Height     int             `json:"height"`
		PixelRatio float64         `json:"pixelRatio"`
		FileType   string          `json:"fileType"`
		Quality    float64         `json:"quality"`
		Actions    json.RawMessage `json:"actions"`
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&w); err != nil {
		return Request{}, fmt.Errorf("render request: %w", err)
	}
	if d.More() {
		return Request{}, fmt.Errorf("render request: data after the JSON object")
	}
	if w.Actions == nil {
		return Request{}, fmt.Errorf("render request: missing \"actions\"")
	}
	acts, err := Unmarshal(w.Actions)
	if err != nil {
		return Request{}, err
	}
	if _, _, err := fileType(w.FileType); err != nil {
		return Request{}, err
	}
	return Request{w.Width, w.Height, w.PixelRatio, w.FileType, w.Quality, acts}, nil
}

// RenderOptions returns the request's canvas parameters with the server's
// images and pixel limit.
func (r Request) RenderOptions(images ImageLoader, maxPixels int64) RenderOptions {
	return RenderOptions{Width: r.Width, Height: r.Height, PixelRatio: r.PixelRatio, Images: images, MaxPixels: maxPixels}
}

// ExportOptions returns the request's export parameters: the whole canvas
// at its bitmap size.
func (r Request) ExportOptions() ExportOptions {
	return ExportOptions{PixelRatio: r.PixelRatio, FileType: r.FileType, Quality: r.Quality}
}
