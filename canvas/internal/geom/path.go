package geom

// Verb is one path command.
type Verb uint8

const (
	MoveTo  Verb = iota // 1 point
	LineTo              // 1 point
	QuadTo              // 2 points: control, end
	CubicTo             // 3 points: control 1, control 2, end
	Close               // 0 points
)

// NumPoints is how many points each verb consumes from Path.Points.
var NumPoints = [...]int{MoveTo: 1, LineTo: 1, QuadTo: 2, CubicTo: 3, Close: 0}

// Path is a sequence of subpaths. The zero value is an empty path ready to use.
// Every subpath starts with MoveTo; Close returns to the subpath's first point
// and the next drawing verb continues from there (as the canvas spec says, a
// new subpath starts at the closed one's first point).
type Path struct {
	Verbs  []Verb
	Points []Point
}

// Reset empties the path, keeping its storage.
func (p *Path) Reset() {
	p.Verbs = p.Verbs[:0]
	p.Points = p.Points[:0]
}

// Empty reports whether the path has no verbs.
func (p *Path) Empty() bool { return len(p.Verbs) == 0 }

func (p *Path) MoveTo(pt Point) {
	p.Verbs = append(p.Verbs, MoveTo)
	p.Points = append(p.Points, pt)
}

func (p *Path) LineTo(pt Point) {
	p.Verbs = append(p.Verbs, LineTo)
	p.Points = append(p.Points, pt)
}

func (p *Path) QuadTo(c, pt Point) {
	p.Verbs = append(p.Verbs, QuadTo)
	p.Points = append(p.Points, c, pt)
}

func (p *Path) CubicTo(c1, c2, pt Point) {
	p.Verbs = append(p.Verbs, CubicTo)
	p.Points = append(p.Points, c1, c2, pt)
}

func (p *Path) Close() { p.Verbs = append(p.Verbs, Close) }

// Append adds all of q's subpaths to p, each point transformed by m.
func (p *Path) Append(q *Path, m Matrix) {
	p.Verbs = append(p.Verbs, q.Verbs...)
	if m.IsIdentity() {
		p.Points = append(p.Points, q.Points...)
		return
	}
	for _, pt := range q.Points {
		p.Points = append(p.Points, m.Apply(pt))
	}
}

// Transform applies m to every point in place.
func (p *Path) Transform(m Matrix) {
	if m.IsIdentity() {
		return
	}
	for i, pt := range p.Points {
		p.Points[i] = m.Apply(pt)
	}
}

// Clone returns a deep copy.
func (p *Path) Clone() *Path {
	return &Path{Verbs: append([]Verb(nil), p.Verbs...), Points: append([]Point(nil), p.Points...)}
}

// Bounds returns the bounding box of all points (control points included, so it
// may be larger than the curve). ok is false for an empty path.
func (p *Path) Bounds() (min, max Point, ok bool) {
	if len(p.Points) == 0 {
		return Point{}, Point{}, false
	}
	min, max = p.Points[0], p.Points[0]
	for _, pt := range p.Points[1:] {
		min.X, min.Y = fmin(min.X, pt.X), fmin(min.Y, pt.Y)
		max.X, max.Y = fmax(max.X, pt.X), fmax(max.Y, pt.Y)
	}
	return min, max, true
}

func fmin(a, b float64) float64 {
	if b < a {
		return b
	}
	return a
}

func fmax(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}
