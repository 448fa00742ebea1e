package raster

import "github.com/seed92233726/mediad/canvas/internal/geom"

// AddStroke adds the outline of p (device space) stroked with st under m the
// way Chromium draws it, and returns the factor by which the caller must
// scale the paint's alpha: 1 for ordinary strokes; for strokes at most one
// device pixel wide, which Chromium draws as anti-aliased hairlines, the
// hairline's coverage (see geom.HairlineAlpha). Rasterize the result with
// NonZero. outline is scratch space for the outline (reset here, kept for
// reuse); k may be nil, in which case a pooled stroker is used.
func (r *Rasterizer) AddStroke(k *geom.Stroker, outline, p *geom.Path, st geom.StrokeStyle, m geom.Matrix) (alpha float64) {
	outline.Reset()
	alpha = 1
	hair := false
	if a, ok := geom.HairlineAlpha(st, m); ok {
		alpha, hair = a, true
	}
	switch {
	case hair && k != nil:
		k.StrokeHairline(outline, p, st, m)
	case hair:
		geom.StrokeHairline(outline, p, st, m)
	case k != nil:
		k.Stroke(outline, p, st, m)
	default:
		geom.Stroke(outline, p, st, m)
	}
	r.AddPath(outline)
	return alpha
}
