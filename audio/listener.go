package audio

// AudioListener is the position and orientation of the listener for PannerNode.
type AudioListener struct {
	positionX, positionY, positionZ *AudioParam
	forwardX, forwardY, forwardZ    *AudioParam
	upX, upY, upZ                   *AudioParam
}

func newListener(c *BaseContext) *AudioListener {
	p := func(name string, v float32) *AudioParam { return newParam(c, name, v, -maxFloat32, maxFloat32, ARate) }
	return &AudioListener{
		positionX: p("positionX", 0), positionY: p("positionY", 0), positionZ: p("positionZ", 0),
		forwardX: p("forwardX", 0), forwardY: p("forwardY", 0), forwardZ: p("forwardZ", -1),
		upX: p("upX", 0), upY: p("upY", 1), upZ: p("upZ", 0),
	}
}

func (l *AudioListener) PositionX() *AudioParam { return l.positionX }
func (l *AudioListener) PositionY() *AudioParam { return l.positionY }
func (l *AudioListener) PositionZ() *AudioParam { return l.positionZ }
func (l *AudioListener) ForwardX() *AudioParam  { return l.forwardX }
func (l *AudioListener) ForwardY() *AudioParam  { return l.forwardY }
func (l *AudioListener) ForwardZ() *AudioParam  { return l.forwardZ }
func (l *AudioListener) UpX() *AudioParam       { return l.upX }
func (l *AudioListener) UpY() *AudioParam       { return l.upY }
func (l *AudioListener) UpZ() *AudioParam       { return l.upZ }

// SetPosition is the legacy setter: it sets the three position params' values.
func (l *AudioListener) SetPosition(x, y, z float32) error {
	return firstErr(l.positionX.SetValue(x), l.positionY.SetValue(y), l.positionZ.SetValue(z))
}

// SetOrientation is the legacy setter for the forward and up vectors.
func (l *AudioListener) SetOrientation(x, y, z, ux, uy, uz float32) error {
	return firstErr(l.forwardX.SetValue(x), l.forwardY.SetValue(y), l.forwardZ.SetValue(z),
		l.upX.SetValue(ux), l.upY.SetValue(uy), l.upZ.SetValue(uz))
}

func (l *AudioListener) params() []*AudioParam {
	return []*AudioParam{l.positionX, l.positionY, l.positionZ, l.forwardX, l.forwardY, l.forwardZ, l.upX, l.upY, l.upZ}
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
