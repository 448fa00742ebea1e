package image

import (
	"bytes"
	"context"
	"fmt"
	stdimage "image"
	"io"
	"math"
	"os"
	"strings"

	"github.com/seed92233726/mediad/codec"
	"github.com/seed92233726/mediad/image/internal/resample"
)

const (
	// DefaultQuality is the JPEG/WebP quality when Quality is 0 (wx.compressImage's default).
	DefaultQuality = 80
	// DefaultMaxPixels is the decoded-size limit when MaxPixels is 0.
	DefaultMaxPixels = codec.DefaultMaxPixels
	// DefaultMaxInputBytes bounds how much of src is read when MaxInputBytes is 0.
	DefaultMaxInputBytes = 256 << 20
	// maxSide bounds any requested output side (JPEG's own limit is 65535).
	maxSide = 65535
	// maxInputSide bounds either side of an input image.
	maxInputSide = 1 << 18
)

// Limits bounds the work one call may do. Zero values mean the defaults.
type Limits struct {
	// MaxPixels limits the stored image's width×height, checked from the headers before
	// decoding, and the output's width×height (default 50 MP).
	MaxPixels int64
	// MaxInputBytes limits how many bytes are read from src (default 256 MiB).
	MaxInputBytes int64
}

func (l Limits) maxPixels() int64 {
	if l.MaxPixels <= 0 {
		return DefaultMaxPixels
	}
	return l.MaxPixels
}

func (l Limits) maxInput() int64 {
	if l.MaxInputBytes <= 0 {
		return DefaultMaxInputBytes
	}
	return l.MaxInputBytes
}

// Output says how the result is encoded.
type Output struct {
	// Quality is the JPEG/WebP quality 1..100; 0 means DefaultQuality (80). PNG ignores it.
	Quality int
	// Format is "jpeg", "png" or "webp"; empty chooses by the rule in the package doc.
	Format codec.Format
	// Filter is the resampling filter: "lanczos3" (default) or "mitchell".
	Filter string
	// Precise keeps at least a factor of two for the final filter after JPEG
	// shrink-on-load, as libvips does, instead of decoding at the smallest DCT scale
	// that still covers the output. About 57 dB instead of 39–58 dB PSNR against a
	// full-size reference resize on photographs, for two to three times the time.
	Precise bool
}

// CompressOptions are the parameters of wx.compressImage.
type CompressOptions struct {
	Output
	Limits
	// CompressedWidth and CompressedHeight are the output size in pixels of the upright
	// image. One given: the other follows the aspect ratio. Both: the image fits inside
	// the box, keeping its aspect ratio. Neither: the size is kept.
	CompressedWidth, CompressedHeight int
	// Upscale allows an output larger than the input; without it a larger box keeps
	// the original size.
	Upscale bool
}

// CropOptions are the parameters of wx.cropImage plus the server extensions.
type CropOptions struct {
	Output
	Limits
	// Scale is the cropScale, "W:H" (16:9, 9:16, 4:3, 3:4, 5:4, 4:5, 1:1 or any other).
	// Alone it selects the largest rectangle of that aspect ratio, placed by Gravity.
	Scale string
	// Rect is an explicit rectangle of the upright image; with Scale it must have that
	// aspect ratio (to within one pixel of rounding).
	Rect *Rect
	// Gravity places a Scale crop: centre (default), an edge, a corner or "attention".
	Gravity Gravity
	// Width and Height optionally resize the cropped image as CompressedWidth/Height do.
	Width, Height int
}

// EditOptions are the parameters of the server-side wx.editImage: a list of operations
// applied in order to the upright image. No operations re-encodes the image.
type EditOptions struct {
	Output
	Limits
	Ops []EditOp
}

// Result is an encoded image.
type Result struct {
	Data          []byte
	Format        codec.Format
	Width, Height int
}

// ImageInfo is wx.getImageInfo's answer.
type ImageInfo struct {
	// Width and Height are the stored size, rotation ignored (as WeChat reports it).
	Width  int `json:"width"`
	Height int `json:"height"`
	// Type is the format: jpeg, png, gif, webp, bmp, tiff.
	Type string `json:"type"`
	// Orientation is the EXIF orientation by its wx name: up, down, left, right, …-mirrored.
	Orientation string `json:"orientation"`
	HasAlpha    bool   `json:"hasAlpha"`
	Frames      int    `json:"frames"`
}

func (o Output) validate() error {
	if o.Quality < 0 || o.Quality > 100 {
		return paramErr("quality", "%d must be between 0 and 100", o.Quality)
	}
	switch o.Format {
	case "", codec.JPEG, codec.PNG, codec.WebP:
	default:
		return paramErr("format", "%q must be jpeg, png or webp", o.Format)
	}
	if _, err := o.filter(); err != nil {
		return err
	}
	return nil
}

func (o Output) filter() (resample.Filter, error) {
	switch strings.ToLower(o.Filter) {
	case "", "lanczos3", "lanczos":
		return resample.Lanczos3, nil
	case "mitchell":
		return resample.Mitchell, nil
	}
	return resample.Filter{}, paramErr("filter", "%q must be lanczos3 or mitchell", o.Filter)
}

func (l Limits) validate() error {
	if l.MaxPixels < 0 {
		return paramErr("maxPixels", "%d is negative", l.MaxPixels)
	}
	if l.MaxInputBytes < 0 {
		return paramErr("maxInputBytes", "%d is negative", l.MaxInputBytes)
	}
	return nil
}

func validateSize(wName string, w int, hName string, h int) error {
	if w < 0 || w > maxSide {
		return paramErr(wName, "%d must be between 0 and %d", w, maxSide)
	}
	if h < 0 || h > maxSide {
		return paramErr(hName, "%d must be between 0 and %d", h, maxSide)
	}
	return nil
}

// source is an input read into memory with its headers parsed and checked.
type source struct {
	data []byte
	cfg  codec.Config
	// icc converts the pixels to sRGB; nil when there is no profile, it is sRGB
	// already, or it is of a kind that is not applied (see icc.go).
	icc *iccToSRGB
}

// input is what an operation reads: a reader (the io.Reader API, read into memory
// first) or bytes already in memory (the *To API, used as they are).
type input struct {
	r    io.Reader
	data []byte
}

func (in input) load(l Limits) (*source, error) {
	limit := l.maxInput()
	data := in.data
	if in.r != nil {
		var err error
		if data, err = readAll(in.r, limit); err != nil {
			return nil, fmt.Errorf("image: reading src: %w", err)
		}
	} else if data == nil {
		return nil, paramErr("src", "no input")
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("image: src is larger than %d bytes: %w", limit, ErrTooLarge)
	}
	cfg, err := codec.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if cfg.Width > maxInputSide || cfg.Height > maxInputSide {
		// The resampler's weight tables grow with the longest side; no photograph
		// is this long, only crafted strips are.
		return nil, fmt.Errorf("image: %dx%d has a side over %d pixels: %w", cfg.Width, cfg.Height, maxInputSide, ErrTooLarge)
	}
	if px := cfg.Pixels(); px > l.maxPixels() {
		return nil, fmt.Errorf("image: %dx%d (%d pixels) exceeds the limit of %d pixels: %w",
			cfg.Width, cfg.Height, px, l.maxPixels(), ErrTooLarge)
	}
	s := &source{data: data, cfg: cfg}
	if p := extractICC(data, cfg.Format); p != nil {
		s.icc, _ = parseICC(p)
	}
	return s, nil
}

// uprightSize is the size once the EXIF orientation is applied.
func (s *source) uprightSize() (int, int) {
	if s.cfg.Orientation.SwapsAxes() {
		return s.cfg.Height, s.cfg.Width
	}
	return s.cfg.Width, s.cfg.Height
}

// decode decodes the image at no less than tw×th of the upright image (0,0 = full
// size), in stored orientation.
func (s *source) decode(ctx context.Context, tw, th int, l Limits) (stdimage.Image, error) {
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	opts := codec.DecodeOptions{MaxPixels: l.maxPixels()}
	if s.cfg.Orientation.SwapsAxes() {
		tw, th = th, tw
	}
	opts.TargetWidth, opts.TargetHeight = tw, th
	img, _, err := codec.DecodeBytes(s.data, opts)
	if err != nil {
		return nil, err
	}
	// The compressed bytes are not needed any more; dropping them lets the collector
	// take them back while the pixels are being resized.
	s.data = nil
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	return img, nil
}

// upright applies the EXIF orientation.
func (s *source) upright(img stdimage.Image) stdimage.Image {
	return codec.ApplyOrientation(img, s.cfg.Orientation)
}

// Info reads only the headers: it never decodes pixels, so it answers for images of
// any size.
func Info(src io.Reader) (ImageInfo, error) {
	if src == nil {
		return ImageInfo{}, paramErr("src", "no input")
	}
	cfg, err := codec.DecodeConfig(src)
	if err != nil {
		return ImageInfo{}, err
	}
	return ImageInfo{
		Width: cfg.Width, Height: cfg.Height, Type: string(cfg.Format),
		Orientation: cfg.Orientation.String(), HasAlpha: cfg.HasAlpha, Frames: cfg.Frames,
	}, nil
}

// OpenFunc gives the writer an operation's encoded output goes to. The *To
// functions call it once, when the output's format and size are known and before
// any byte is written (so an HTTP handler can set its headers from them), and not
// at all when they fail earlier. An error from it ends the operation.
type OpenFunc func(format codec.Format, width, height int) (io.Writer, error)

// collect gathers an output in memory, for the functions that return a Result.
type collect struct {
	buf bytes.Buffer
	res Result
}

func (c *collect) open(f codec.Format, w, h int) (io.Writer, error) {
	c.res.Format, c.res.Width, c.res.Height = f, w, h
	return &c.buf, nil
}

func (c *collect) result(err error) (Result, error) {
	if err != nil {
		return Result{}, err
	}
	c.res.Data = c.buf.Bytes()
	return c.res, nil
}

// Compress re-encodes src at opts.Quality, resized to CompressedWidth/Height.
func Compress(src io.Reader, opts CompressOptions) (Result, error) {
	var c collect
	return c.result(compress(context.Background(), input{r: src}, opts, c.open))
}

// CompressTo is Compress for an image already in memory (src is only read, never
// copied) that writes its output to the writer open returns, so a server can send
// it as it is encoded instead of holding it. It stops when ctx ends, returning
// context.Cause(ctx): ctx is checked between decoding, resizing and encoding and
// between bands of rows while resizing.
func CompressTo(ctx context.Context, src []byte, opts CompressOptions, open OpenFunc) error {
	return compress(ctx, input{data: src}, opts, open)
}

func compress(ctx context.Context, in input, opts CompressOptions, open OpenFunc) error {
	if err := opts.Output.validate(); err != nil {
		return err
	}
	if err := opts.Limits.validate(); err != nil {
		return err
	}
	if err := validateSize("compressedWidth", opts.CompressedWidth, "compressedHeight", opts.CompressedHeight); err != nil {
		return err
	}
	s, err := in.load(opts.Limits)
	if err != nil {
		return err
	}
	uw, uh := s.uprightSize()
	ow, oh := fitSize(uw, uh, opts.CompressedWidth, opts.CompressedHeight, opts.Upscale)
	if int64(ow)*int64(oh) > opts.maxPixels() {
		return paramErr("compressedWidth", "output %dx%d exceeds the limit of %d pixels", ow, oh, opts.maxPixels())
	}
	hw, hh := ow, oh
	if opts.Precise {
		hw, hh = 2*ow, 2*oh
	}
	img, err := s.decode(ctx, hw, hh, opts.Limits)
	if err != nil {
		return err
	}
	// Resize in stored orientation, then turn the small result upright: the same
	// pixels as the other way round, but the rotation copies the output, not the input.
	sw, sh := ow, oh
	if s.cfg.Orientation.SwapsAxes() {
		sw, sh = oh, ow
	}
	f, _ := opts.filter()
	if b := img.Bounds(); b.Dx() != sw || b.Dy() != sh {
		if img, err = resample.ResizeContext(ctx, img, sw, sh, f); err != nil {
			return err
		}
	}
	img = s.upright(img)
	return s.encode(ctx, img, opts.Output, open)
}

// Crop cuts the requested rectangle out of the upright image.
func Crop(src io.Reader, opts CropOptions) (Result, error) {
	var c collect
	return c.result(crop(context.Background(), input{r: src}, opts, c.open))
}

// CropTo is Crop for an image in memory, writing to the writer open returns and
// stopping when ctx ends, as CompressTo does.
func CropTo(ctx context.Context, src []byte, opts CropOptions, open OpenFunc) error {
	return crop(ctx, input{data: src}, opts, open)
}

func crop(ctx context.Context, in input, opts CropOptions, open OpenFunc) error {
	if err := opts.Output.validate(); err != nil {
		return err
	}
	if err := opts.Limits.validate(); err != nil {
		return err
	}
	if err := validateSize("width", opts.Width, "height", opts.Height); err != nil {
		return err
	}
	if opts.Scale == "" && opts.Rect == nil {
		return paramErr("cropScale", "required (or give rect)")
	}
	if opts.Scale != "" {
		if _, _, err := ParseCropScale(opts.Scale); err != nil {
			return err
		}
	}
	if !opts.Gravity.valid() {
		return paramErr("gravity", "unknown gravity %q", opts.Gravity)
	}
	s, err := in.load(opts.Limits)
	if err != nil {
		return err
	}
	uw, uh := s.uprightSize()
	// The rectangle is resolved against the header's size before any decoding (for
	// attention only its size is known yet).
	r0, err := cropRect(stdimage.Rect(0, 0, uw, uh), opts.Rect, opts.Scale, opts.Gravity, "")
	if err != nil {
		return err
	}
	ow, oh := fitSize(r0.Width, r0.Height, opts.Width, opts.Height, false)
	if s.streamsCrop(opts, ow == r0.Width && oh == r0.Height) {
		return s.cropJPEG(ctx, r0, opts, open)
	}
	if s.cfg.Format == codec.JPEG && ow == r0.Width && oh == r0.Height && (opts.Rect != nil || !opts.Gravity.isAttention()) {
		// The pixels are needed (a profile to apply, another output format), but only
		// the crop's: decode just that region, upright.
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		img, _, err := codec.DecodeRegion(s.data, stdimage.Rect(r0.X, r0.Y, r0.X+r0.Width, r0.Y+r0.Height),
			s.cfg.Orientation, codec.DecodeOptions{MaxPixels: opts.maxPixels()})
		if err != nil {
			return err
		}
		s.data = nil
		return s.encode(ctx, img, opts.Output, open)
	}
	// Shrink on load when the crop is resized: decode just large enough that the
	// crop still covers the output.
	tw, th := 0, 0
	if ow != r0.Width || oh != r0.Height {
		tw = int(math.Ceil(float64(uw) * float64(ow) / float64(r0.Width)))
		th = int(math.Ceil(float64(uh) * float64(oh) / float64(r0.Height)))
	}
	img, err := s.decode(ctx, tw, th, opts.Limits)
	if err != nil {
		return err
	}
	img = s.upright(img)
	b := img.Bounds()
	kx, ky := float64(b.Dx())/float64(uw), float64(b.Dy())/float64(uh)
	r := r0
	if kx != 1 || ky != 1 {
		r = scaleRect(r0, kx, ky, b.Dx(), b.Dy())
	}
	if opts.Rect == nil && opts.Gravity.isAttention() {
		r = attentionRect(img, r.Width, r.Height)
	}
	img = subImage(img, stdimage.Rect(b.Min.X+r.X, b.Min.Y+r.Y, b.Min.X+r.X+r.Width, b.Min.Y+r.Y+r.Height))
	if ow != r.Width || oh != r.Height {
		f, _ := opts.filter()
		if img, err = resample.ResizeContext(ctx, img, ow, oh, f); err != nil {
			return err
		}
	}
	return s.encode(ctx, img, opts.Output, open)
}

// streamsCrop reports whether a crop can go from the JPEG file to the JPEG output
// without a full-size decode: the pixels need no resize and no colour conversion, and
// the rectangle is known without looking at the pixels. (codec.CropJPEG turns the
// crop upright itself.)
func (s *source) streamsCrop(opts CropOptions, sameSize bool) bool {
	return s.cfg.Format == codec.JPEG && (opts.Format == "" || opts.Format == codec.JPEG) &&
		sameSize && s.icc == nil && (opts.Rect != nil || !opts.Gravity.isAttention())
}

// cropJPEG re-encodes rectangle r of the upright JPEG through codec.CropJPEG, which
// decodes only the rows and iMCU columns r needs and never holds the whole image.
func (s *source) cropJPEG(ctx context.Context, r Rect, opts CropOptions, open OpenFunc) error {
	q := opts.Quality
	if q == 0 {
		q = DefaultQuality
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	w, err := open(codec.JPEG, r.Width, r.Height)
	if err != nil {
		return err
	}
	err = codec.CropJPEG(w, s.data, stdimage.Rect(r.X, r.Y, r.X+r.Width, r.Y+r.Height), s.cfg.Orientation,
		codec.DecodeOptions{MaxPixels: opts.maxPixels()}, codec.EncodeOptions{Quality: q})
	s.data = nil
	return err
}

// Edit applies opts.Ops in order to the upright image.
func Edit(src io.Reader, opts EditOptions) (Result, error) {
	var c collect
	return c.result(edit(context.Background(), input{r: src}, opts, c.open))
}

// EditTo is Edit for an image in memory, writing to the writer open returns and
// stopping when ctx ends (checked between stages and operations, and while
// resizing, blurring and sharpening), as CompressTo does.
func EditTo(ctx context.Context, src []byte, opts EditOptions, open OpenFunc) error {
	return edit(ctx, input{data: src}, opts, open)
}

func edit(ctx context.Context, in input, opts EditOptions, open OpenFunc) error {
	if err := opts.Output.validate(); err != nil {
		return err
	}
	if err := opts.Limits.validate(); err != nil {
		return err
	}
	const maxOps = 64
	if len(opts.Ops) > maxOps {
		return paramErr("ops", "%d operations; at most %d", len(opts.Ops), maxOps)
	}
	for i, op := range opts.Ops {
		if err := op.validate(i); err != nil {
			return err
		}
	}
	s, err := in.load(opts.Limits)
	if err != nil {
		return err
	}
	img, err := s.decode(ctx, 0, 0, opts.Limits)
	if err != nil {
		return err
	}
	m := toRGBA(s.upright(img))
	if s.icc != nil {
		// Edits (brightness, watermarks …) are defined on sRGB: convert first.
		s.icc.apply(m)
		s.icc = nil
	}
	for i, op := range opts.Ops {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		if m, err = op.apply(ctx, i, m, opts.maxPixels()); err != nil {
			return err
		}
	}
	return s.encode(ctx, m, opts.Output, open)
}

// cropRect resolves the crop parameters against an image. prefix qualifies parameter
// names in errors (for Edit's ops).
func cropRect(img stdimage.Image, rect *Rect, scale string, g Gravity, prefix string) (Rect, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var rw, rh float64
	if scale != "" {
		var err error
		if rw, rh, err = ParseCropScale(scale); err != nil {
			return Rect{}, paramErr(prefix+"cropScale", "%s", err.(*ParamError).Reason)
		}
	}
	if rect != nil {
		r := *rect
		if r.Width <= 0 || r.Height <= 0 {
			return Rect{}, paramErr(prefix+"rect", "size %dx%d must be positive", r.Width, r.Height)
		}
		if r.X < 0 || r.Y < 0 || r.X > w-r.Width || r.Y > h-r.Height {
			return Rect{}, paramErr(prefix+"rect", "%d,%d %dx%d is not inside the %dx%d image", r.X, r.Y, r.Width, r.Height, w, h)
		}
		if scale != "" && !matchesRatio(r, rw, rh) {
			return Rect{}, paramErr(prefix+"rect", "%dx%d does not have the cropScale %s", r.Width, r.Height, scale)
		}
		return r, nil
	}
	cw, ch := ratioSize(w, h, rw, rh)
	if g.isAttention() {
		if _, ok := img.(geometryOnly); ok {
			return Rect{Width: cw, Height: ch}, nil
		}
		return attentionRect(img, cw, ch), nil
	}
	fx, fy, ok := g.anchor()
	if !ok {
		return Rect{}, paramErr(prefix+"gravity", "unknown gravity %q", g)
	}
	return place(w, h, cw, ch, fx, fy), nil
}

// scaleRect maps a rectangle of the full-size image onto one decoded at kx, ky of the
// size (w×h), keeping it inside.
func scaleRect(r Rect, kx, ky float64, w, h int) Rect {
	x0 := min(max(int(math.Round(float64(r.X)*kx)), 0), w-1)
	y0 := min(max(int(math.Round(float64(r.Y)*ky)), 0), h-1)
	x1 := min(max(int(math.Round(float64(r.X+r.Width)*kx)), x0+1), w)
	y1 := min(max(int(math.Round(float64(r.Y+r.Height)*ky)), y0+1), h)
	return Rect{X: x0, Y: y0, Width: x1 - x0, Height: y1 - y0}
}

// geometryOnly is the type of a bare rectangle passed for validation.
type geometryOnly = stdimage.Rectangle

func subImage(img stdimage.Image, r stdimage.Rectangle) stdimage.Image {
	if s, ok := img.(interface {
		SubImage(stdimage.Rectangle) stdimage.Image
	}); ok {
		return s.SubImage(r)
	}
	return toRGBA(img).SubImage(r)
}

// encode converts to sRGB when the source had a profile, chooses the output format
// and encodes to the writer open gives.
func (s *source) encode(ctx context.Context, img stdimage.Image, o Output, open OpenFunc) error {
	if s.icc != nil {
		img = s.icc.apply(img)
	}
	f := o.Format
	if f == "" {
		f = codec.JPEG
		if s.cfg.HasAlpha && !opaque(img) {
			f = codec.PNG
			if s.cfg.Format == codec.WebP {
				f = codec.WebP
			}
		}
	}
	q := o.Quality
	if q == 0 {
		q = DefaultQuality
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	b := img.Bounds()
	w, err := open(f, b.Dx(), b.Dy())
	if err != nil {
		return err
	}
	return codec.Encode(w, img, f, codec.EncodeOptions{Quality: q})
}

func opaque(img stdimage.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

// readAll reads up to limit+1 bytes, in one exact allocation when the reader knows
// its size (files, bytes.Reader): io.ReadAll's doubling would copy a 10 MB photo
// several times and leave the copies as garbage.
func readAll(src io.Reader, limit int64) ([]byte, error) {
	size := int64(-1)
	switch r := src.(type) {
	case interface{ Len() int }:
		size = int64(r.Len())
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if size < 0 || size > limit {
		return io.ReadAll(io.LimitReader(src, limit+1))
	}
	// One byte more than expected, so a reader that grew is still read to the end
	// (and caught by the limit).
	buf := make([]byte, 0, size+1)
	for {
		n, err := src.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			rest, err := io.ReadAll(io.LimitReader(src, limit+1-int64(len(buf))))
			return append(buf, rest...), err
		}
	}
}
