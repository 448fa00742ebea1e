package audio

// AudioNode is implemented by every node type. Its methods (Connect, Disconnect, ChannelCount …)
// come from the embedded node core shared by all nodes.
type AudioNode interface {
	base() *audioNode
}

// processor is the per-type DSP of a node: it reads n.in(i), the params' computed values, and
// fills n.out(i) for the quantum starting at frame.
type processor interface {
	process(frame int64)
}

type output struct {
	owner  *audioNode
	index  int
	bus    bus
	inputs []*input
	params []*AudioParam
}

type input struct {
	owner *audioNode
	index int
	srcs  []*output
	mix   bus
	// view is what the node reads: its own mix bus, or, when a single source already has the
	// computed channel count, that source's bus itself (no copy).
	view *bus
}

type audioNode struct {
	ctx     *BaseContext
	proc    processor
	inputs  []*input
	outputs []*output
	params  []*AudioParam

	channelCount int
	mode         ChannelCountMode
	interp       ChannelInterpretation
	// Per-type constraints on the channel settings; nil means any spec-valid value.
	checkCount  func(int) error
	checkMode   func(ChannelCountMode) error
	checkInterp func(ChannelInterpretation) error

	stamp    uint64
	busy     bool
	isDelay  bool
	disabled bool
}

func (n *audioNode) base() *audioNode { return n }

func newNode(ctx *BaseContext, proc processor, inputs, outputs, channelCount int, mode ChannelCountMode, interp ChannelInterpretation) *audioNode {
	n := &audioNode{ctx: ctx, proc: proc, channelCount: channelCount, mode: mode, interp: interp}
	for i := 0; i < inputs; i++ {
		in := &input{owner: n, index: i}
		in.mix.setSilent(1)
		in.view = &in.mix
		n.inputs = append(n.inputs, in)
	}
	for i := 0; i < outputs; i++ {
		o := &output{owner: n, index: i}
		o.bus.setSilent(1)
		n.outputs = append(n.outputs, o)
	}
	return n
}

func (n *audioNode) in(i int) *bus  { return n.inputs[i].view }
func (n *audioNode) out(i int) *bus { return &n.outputs[i].bus }

// Context returns the context the node belongs to.
func (n *audioNode) Context() *BaseContext { return n.ctx }
func (n *audioNode) NumberOfInputs() int   { return len(n.inputs) }
func (n *audioNode) NumberOfOutputs() int  { return len(n.outputs) }
func (n *audioNode) ChannelCount() int     { return n.channelCount }

func (n *audioNode) ChannelCountMode() ChannelCountMode           { return n.mode }
func (n *audioNode) ChannelInterpretation() ChannelInterpretation { return n.interp }

// SetChannelCount sets channelCount; 0 or more than 32 gives NotSupportedError, and some node
// types restrict it further as the spec says.
func (n *audioNode) SetChannelCount(c int) error {
	if c < 1 || c > MaxChannels {
		return errorf(ErrNotSupported, "channelCount %d outside [1, %d]", c, MaxChannels)
	}
	if n.checkCount != nil {
		if err := n.checkCount(c); err != nil {
			return err
		}
	}
	n.channelCount = c
	return nil
}

func (n *audioNode) SetChannelCountMode(m ChannelCountMode) error {
	if m != Max && m != ClampedMax && m != Explicit {
		return errorf(ErrType, "invalid channelCountMode %q", m)
	}
	if n.checkMode != nil {
		if err := n.checkMode(m); err != nil {
			return err
		}
	}
	n.mode = m
	return nil
}

func (n *audioNode) SetChannelInterpretation(i ChannelInterpretation) error {
	if i != Speakers && i != Discrete {
		return errorf(ErrType, "invalid channelInterpretation %q", i)
	}
	if n.checkInterp != nil {
		if err := n.checkInterp(i); err != nil {
			return err
		}
	}
	n.interp = i
	return nil
}

func optIndex(idx []int, k int) int {
	if len(idx) > k {
		return idx[k]
	}
	return 0
}

// Connect connects output idx[0] (default 0) of n to input idx[1] (default 0) of dst.
func (n *audioNode) Connect(dst AudioNode, idx ...int) error {
	if dst == nil {
		return errorf(ErrType, "connect to nil node")
	}
	d := dst.base()
	if d.ctx != n.ctx {
		return errorf(ErrInvalidAccess, "nodes belong to different contexts")
	}
	oi, ii := optIndex(idx, 0), optIndex(idx, 1)
	if oi < 0 || oi >= len(n.outputs) {
		return errorf(ErrIndexSize, "output %d outside [0, %d)", oi, len(n.outputs))
	}
	if ii < 0 || ii >= len(d.inputs) {
		return errorf(ErrIndexSize, "input %d outside [0, %d)", ii, len(d.inputs))
	}
	o, in := n.outputs[oi], d.inputs[ii]
	for _, x := range o.inputs {
		if x == in {
			return nil
		}
	}
	o.inputs = append(o.inputs, in)
	in.srcs = append(in.srcs, o)
	return nil
}

// ConnectParam connects output idx[0] (default 0) of n to the AudioParam p: the signal, mixed down
// to mono, is added to the param's computed value.
func (n *audioNode) ConnectParam(p *AudioParam, idx ...int) error {
	if p == nil {
		return errorf(ErrType, "connect to nil AudioParam")
	}
	if p.ctx != n.ctx {
		return errorf(ErrInvalidAccess, "AudioParam belongs to a different context")
	}
	oi := optIndex(idx, 0)
	if oi < 0 || oi >= len(n.outputs) {
		return errorf(ErrIndexSize, "output %d outside [0, %d)", oi, len(n.outputs))
	}
	o := n.outputs[oi]
	for _, x := range o.params {
		if x == p {
			return nil
		}
	}
	o.params = append(o.params, p)
	p.srcs = append(p.srcs, o)
	return nil
}

// Disconnect removes every outgoing connection of n.
func (n *audioNode) Disconnect() {
	for _, o := range n.outputs {
		o.disconnectAll()
	}
}

// DisconnectOutput removes every connection of output o.
func (n *audioNode) DisconnectOutput(o int) error {
	if o < 0 || o >= len(n.outputs) {
		return errorf(ErrIndexSize, "output %d outside [0, %d)", o, len(n.outputs))
	}
	n.outputs[o].disconnectAll()
	return nil
}

// DisconnectNode removes connections from n to dst: all of them, those of output idx[0], or only
// output idx[0] to input idx[1]. InvalidAccessError if no such connection exists.
func (n *audioNode) DisconnectNode(dst AudioNode, idx ...int) error {
	if dst == nil {
		return errorf(ErrType, "disconnect from nil node")
	}
	d := dst.base()
	if len(idx) > 0 && (idx[0] < 0 || idx[0] >= len(n.outputs)) {
		return errorf(ErrIndexSize, "output %d outside [0, %d)", idx[0], len(n.outputs))
	}
	if len(idx) > 1 && (idx[1] < 0 || idx[1] >= len(d.inputs)) {
		return errorf(ErrIndexSize, "input %d outside [0, %d)", idx[1], len(d.inputs))
	}
	found := false
	for oi, o := range n.outputs {
		if len(idx) > 0 && oi != idx[0] {
			continue
		}
		for k := 0; k < len(o.inputs); k++ {
			in := o.inputs[k]
			if in.owner != d || (len(idx) > 1 && in.index != idx[1]) {
				continue
			}
			o.inputs = removeAt(o.inputs, k)
			in.srcs = removeItem(in.srcs, o)
			k--
			found = true
		}
	}
	if !found {
		return errorf(ErrInvalidAccess, "not connected to that node")
	}
	return nil
}

// DisconnectParam removes the connection(s) from n (or only its output idx[0]) to p.
func (n *audioNode) DisconnectParam(p *AudioParam, idx ...int) error {
	if len(idx) > 0 && (idx[0] < 0 || idx[0] >= len(n.outputs)) {
		return errorf(ErrIndexSize, "output %d outside [0, %d)", idx[0], len(n.outputs))
	}
	found := false
	for oi, o := range n.outputs {
		if len(idx) > 0 && oi != idx[0] {
			continue
		}
		for k, x := range o.params {
			if x == p {
				o.params = removeAt(o.params, k)
				p.srcs = removeItem(p.srcs, o)
				found = true
				break
			}
		}
	}
	if !found {
		return errorf(ErrInvalidAccess, "not connected to that AudioParam")
	}
	return nil
}

func (o *output) disconnectAll() {
	for _, in := range o.inputs {
		in.srcs = removeItem(in.srcs, o)
	}
	for _, p := range o.params {
		p.srcs = removeItem(p.srcs, o)
	}
	o.inputs = o.inputs[:0]
	o.params = o.params[:0]
}

func removeAt[T any](s []T, k int) []T {
	copy(s[k:], s[k+1:])
	var zero T
	s[len(s)-1] = zero
	return s[:len(s)-1]
}

func removeItem[T comparable](s []T, x T) []T {
	for k, y := range s {
		if y == x {
			return removeAt(s, k)
		}
	}
	return s
}

// pull makes sure n has processed the current quantum. It reports false when n is reached again
// through a cycle that contains no DelayNode: such a cycle is muted, as the spec requires. A cycle
// through a DelayNode reads the previous quantum's output of the node it re-enters, which is the
// one quantum of extra latency per loop that Chromium shows.
func (n *audioNode) pull() bool {
	c := n.ctx
	if n.stamp == c.stamp {
		if n.busy {
			return c.cycleHasDelay(n)
		}
		return true
	}
	n.stamp = c.stamp
	n.busy = true
	c.stack = append(c.stack, n)
	for _, in := range n.inputs {
		n.pullInput(in)
	}
	for _, p := range n.params {
		p.update(c.frame)
	}
	n.proc.process(c.frame)
	c.stack = c.stack[:len(c.stack)-1]
	n.busy = false
	return true
}

func (n *audioNode) pullInput(in *input) {
	chans, active := 0, 0
	var single *output
	for _, o := range in.srcs {
		if o.owner.disabled || !o.owner.pull() {
			continue
		}
		chans = max(chans, o.bus.n)
		if !o.bus.silent {
			active++
			single = o
		}
	}
	ch := n.computedChannels(chans)
	if active == 0 {
		in.mix.setSilent(ch)
		in.view = &in.mix
		return
	}
	if active == 1 && single.bus.n == ch {
		in.view = &single.bus
		return
	}
	in.mix.setChannels(ch)
	in.mix.zero()
	in.mix.silent = false
	for _, o := range in.srcs {
		if !o.bus.silent && o.owner.pull() {
			mixInto(&in.mix, &o.bus, n.interp)
		}
	}
	in.view = &in.mix
}

func (n *audioNode) computedChannels(maxIn int) int {
	switch n.mode {
	case Explicit:
		return n.channelCount
	case ClampedMax:
		return max(1, min(maxIn, n.channelCount))
	}
	return max(1, maxIn)
}
