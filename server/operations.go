package server

import (
	mimage "github.com/seed92233726/mediad/image"
)

// Body says what an operation reads from the request body.
type Body string

const (
	BodyNone  Body = ""
	BodyImage Body = "image" // raw image bytes; parameters in the query string
	BodyJSON  Body = "json"  // a JSON object whose members are the parameters
	// BodyImageOrJSON is either of the two: image bytes with query parameters, or
	// (Content-Type: application/json) a JSON object carrying the image as base64.
	BodyImageOrJSON Body = "image|json"
	BodyVideo       Body = "video" // a video file; parameters in the query string
)

// Produces says what a successful answer carries.
type Produces string

const (
	ProducesImage Produces = "image"
	ProducesJSON  Produces = "json"
	ProducesText  Produces = "text"
)

// Operation is the one declaration of an endpoint: it drives routing, parameter
// parsing and validation, CLI flags and the OpenAPI document.
type Operation struct {
	ID          string // operationId, also the metrics route label
	Method      string
	Path        string
	Summary     string
	Description string
	Params      []Param
	Body        Body
	Produces    Produces
	// Job operations run on a worker under the admission limits; the others
	// (health, metrics, the document) answer at once.
	Job bool
}

// Output parameters shared by the image operations, as image.Output defines them.
var (
	qualityParam = Param{Name: "quality", Type: Integer, HasRange: true, Min: 1, Max: 100,
		Default: "80", Help: "JPEG/WebP quality; PNG ignores it"}
	formatParam = Param{Name: "format", Type: String, Enum: []string{"jpeg", "png", "webp"},
		Aliases: map[string]string{"jpg": "jpeg"},
		Help:    "output format; absent: jpeg, or png (webp for a WebP source) when the image has transparency"}
	filterParam = Param{Name: "filter", Type: String, Enum: []string{"lanczos3", "mitchell"},
		Aliases: map[string]string{"lanczos": "lanczos3"}, Default: "lanczos3", Help: "resampling filter"}
	sideRange = func(p Param) Param { p.Type, p.HasRange, p.Min, p.Max = Integer, true, 0, 65535; return p }
)

// ops is the table. Order is the order of the OpenAPI document and of `mediad serve -h`.
var ops = []*Operation{
	{
		ID: "compress", Method: "POST", Path: "/v1/image/compress", Job: true,
		Summary:     "Re-encode an image, optionally smaller (wx.compressImage)",
		Description: "The body is the image (JPEG, PNG, GIF, WebP, BMP or TIFF). EXIF orientation is applied and metadata stripped. With one of compressedWidth/compressedHeight the other follows the aspect ratio; with both the image fits inside the box.",
		Body:        BodyImage, Produces: ProducesImage,
		Params: []Param{
			qualityParam,
			sideRange(Param{Name: "compressedWidth", Help: "output width in pixels of the upright image (0: from the height)"}),
			sideRange(Param{Name: "compressedHeight", Help: "output height in pixels of the upright image (0: from the width)"}),
			formatParam,
			filterParam,
			{Name: "upscale", Type: Boolean, Help: "allow an output larger than the source"},
			{Name: "precise", Type: Boolean, Help: "decode at twice the output size before the final filter (slower, closer to a full-size resize)"},
		},
	},
	{
		ID: "crop", Method: "POST", Path: "/v1/image/crop", Job: true,
		Summary:     "Crop an image to an aspect ratio or a rectangle (wx.cropImage)",
		Description: "Give cropScale (the largest rectangle of that aspect ratio, placed by gravity), or x, y, width and height (a rectangle of the upright image), or both (the rectangle must then have that ratio).",
		Body:        BodyImage, Produces: ProducesImage,
		Params: []Param{
			{Name: "cropScale", Type: String, MaxLen: 32, Check: checkCropScale,
				Help: "aspect ratio W:H: 16:9, 9:16, 4:3, 3:4, 5:4, 4:5, 1:1 or any other"},
			{Name: "gravity", Type: String, Default: "centre",
				Enum:    []string{"centre", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "attention"},
				Aliases: map[string]string{"center": "centre"},
				Help:    "where a cropScale crop sits; attention follows edges, saturation and skin tones"},
			{Name: "x", Type: Integer, HasRange: true, Min: 0, Max: 1 << 18, Help: "left edge of the rectangle"},
			{Name: "y", Type: Integer, HasRange: true, Min: 0, Max: 1 << 18, Help: "top edge of the rectangle"},
			{Name: "width", Type: Integer, HasRange: true, Min: 1, Max: 1 << 18, Help: "rectangle width"},
			{Name: "height", Type: Integer, HasRange: true, Min: 1, Max: 1 << 18, Help: "rectangle height"},
			qualityParam,
			formatParam,
		},
	},
	{
		ID: "info", Method: "POST", Path: "/v1/image/info", Job: true,
		Summary:     "Describe an image from its headers (wx.getImageInfo)",
		Description: "Reads only the headers, so it answers for images of any size. width and height are the stored size; orientation is the EXIF orientation by its wx name.",
		Body:        BodyImage, Produces: ProducesJSON,
	},
	{
		ID: "edit", Method: "POST", Path: "/v1/image/edit", Job: true,
		Summary:     "Apply a list of edits to an image (wx.editImage, server side)",
		Description: "Either the image as the body with the options in the query string (ops as URL-encoded JSON), or Content-Type: application/json with the options as members and the image as base64 in \"image\". ops run in order on the upright image: rotate {degrees}, flip {direction}, resize {width,height}, crop {rect:{X,Y,Width,Height} | scale, gravity}, brightness/contrast/saturation {value}, blur {sigma}, sharpen {sigma,value}, watermark {text, font, color | image (base64), width, height; opacity, gravity, margin}.",
		Body:        BodyImageOrJSON, Produces: ProducesImage,
		Params: []Param{
			{Name: "ops", Type: Array, MaxLen: 64 << 10, Items: editOpSchema,
				Help: "edit operations as a JSON array, e.g. [{\"op\":\"rotate\",\"degrees\":90},{\"op\":\"blur\",\"sigma\":2}]"},
			qualityParam,
			formatParam,
			filterParam,
			{Name: "image", Type: String, JSONOnly: true, Help: "the image, base64 (JSON form only)"},
		},
	},
	{
		ID: "render", Method: "POST", Path: "/v1/canvas/render", Job: true,
		Summary:     "Render a canvas from a CanvasContext action list or a drawing script",
		Description: "Give either actions (the legacy CanvasContext action-list JSON, replayed as one draw() on a width×height canvas at pixelRatio) or script (JavaScript run by the mediad runtime; the image is the last canvas the script passed to wx.canvasToTempFilePath, or else the first canvas it created). Image paths resolve in the server's assets directory.",
		Body:        BodyJSON, Produces: ProducesImage,
		Params: []Param{
			{Name: "width", Type: Integer, HasRange: true, Min: 1, Max: 16384, Default: "300", Help: "canvas width in pixels (actions form)"},
			{Name: "height", Type: Integer, HasRange: true, Min: 1, Max: 16384, Default: "150", Help: "canvas height in pixels (actions form)"},
			{Name: "pixelRatio", Type: Number, HasRange: true, Min: 0, Max: 16, Help: "device pixel ratio of the actions form: the bitmap is width×pixelRatio by height×pixelRatio (0 or absent: 1)"},
			{Name: "fileType", Type: String, Enum: []string{"png", "jpg", "webp"}, Aliases: map[string]string{"jpeg": "jpg"},
				Default: "png", Help: "output format, as wx.canvasToTempFilePath names it"},
			{Name: "quality", Type: Number, HasRange: true, Min: 0, Max: 1, Help: "JPEG/WebP quality in (0, 1]; 0 or absent: 0.92"},
			{Name: "actions", Type: Array, Items: map[string]any{"type": "object",
				"properties": map[string]any{"method": map[string]any{"type": "string"}, "data": map[string]any{"type": "array"}}},
				Help: "legacy CanvasContext actions [{\"method\":\"setFillStyle\",\"data\":[\"#ff0000\"]}, …]"},
			{Name: "script", Type: String, Help: "JavaScript drawing code"},
		},
	},
	{
		ID: "videoInfo", Method: "POST", Path: "/v1/video/info", Job: true,
		Summary:     "Describe a video (wx.getVideoInfo)",
		Description: "The body is the video file (MP4, MOV, WebM, MKV …). Answers wx.getVideoInfo's fields (orientation, type, duration in s, size in kB, width, height, fps, bitrate in kbps) plus codec, rotation, frame count and the main audio stream.",
		Body:        BodyVideo, Produces: ProducesJSON,
	},
	{
		ID: "videoFrame", Method: "POST", Path: "/v1/video/frame", Job: true,
		Summary:     "The frame shown at a time, upright, as an image (a cover picture)",
		Description: "The body is the video file. A time past the end gives the last frame.",
		Body:        BodyVideo, Produces: ProducesImage,
		Params: []Param{
			{Name: "at", Type: Integer, HasRange: true, Min: 0, Max: 1 << 40, Default: "0", Help: "time of the frame in milliseconds"},
			{Name: "format", Type: String, Enum: []string{"jpeg", "png", "webp"}, Aliases: map[string]string{"jpg": "jpeg"},
				Default: "jpeg", Help: "output format"},
			qualityParam,
		},
	},
	{ID: "healthz", Method: "GET", Path: "/healthz", Summary: "Liveness: 200 while the process serves", Produces: ProducesText},
	{ID: "readyz", Method: "GET", Path: "/readyz", Summary: "Readiness: 200, or 503 while shutting down", Produces: ProducesText},
	{ID: "metrics", Method: "GET", Path: "/metrics", Summary: "Prometheus metrics (text exposition format)", Produces: ProducesText},
	{ID: "openapi", Method: "GET", Path: "/openapi.json", Summary: "This OpenAPI 3 document", Produces: ProducesJSON},
}

var editOpSchema = map[string]any{
	"type":     "object",
	"required": []string{"op"},
	"properties": map[string]any{
		"op":        map[string]any{"type": "string", "enum": []string{"rotate", "flip", "resize", "crop", "brightness", "contrast", "saturation", "blur", "sharpen", "watermark"}},
		"degrees":   map[string]any{"type": "integer"},
		"direction": map[string]any{"type": "string", "enum": []string{"horizontal", "vertical"}},
		"width":     map[string]any{"type": "integer"},
		"height":    map[string]any{"type": "integer"},
		"rect": map[string]any{"type": "object", "properties": map[string]any{
			"X": map[string]any{"type": "integer"}, "Y": map[string]any{"type": "integer"},
			"Width": map[string]any{"type": "integer"}, "Height": map[string]any{"type": "integer"}}},
		"scale":   map[string]any{"type": "string"},
		"gravity": map[string]any{"type": "string"},
		"value":   map[string]any{"type": "number"},
		"sigma":   map[string]any{"type": "number"},
		"text":    map[string]any{"type": "string"},
		"font":    map[string]any{"type": "string"},
		"color":   map[string]any{"type": "string"},
		"image":   map[string]any{"type": "string", "format": "byte"},
		"opacity": map[string]any{"type": "number"},
		"margin":  map[string]any{"type": "integer"},
	},
}

func checkCropScale(s string) error {
	if _, _, err := mimage.ParseCropScale(s); err != nil {
		if pe, ok := err.(*mimage.ParamError); ok {
			return errString(pe.Reason)
		}
		return err
	}
	return nil
}

type errString string

func (e errString) Error() string { return string(e) }

// Operations returns the declarations, in document order. They are shared: do not
// modify them.
func Operations() []*Operation { return ops }

// Lookup returns the operation with the given ID, or nil.
func Lookup(id string) *Operation {
	for _, op := range ops {
		if op.ID == id {
			return op
		}
	}
	return nil
}
