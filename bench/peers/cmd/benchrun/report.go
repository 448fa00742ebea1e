package main

import (
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/seed92233726/mediad/canvas"
)

// ratio is the peer's median time over ours: above 1 mediad is faster.
func ratio(ours, peer *outcome) float64 {
	return float64(peer.median()) / float64(ours.median())
}

// cpuRatio is the same for CPU time, "—" when either side's CPU time is unknown.
func cpuRatio(ours, peer *outcome) string {
	o, p := ours.medianCPU(), peer.medianCPU()
	if o <= 0 || p <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", float64(p)/float64(o))
}

func rss(o *outcome) string {
	if o.rssKB == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f", float64(o.rssKB)/1024)
}

func cell(o *outcome) string {
	switch {
	case o.skip != "":
		return "skipped: " + o.skip
	case o.err != "":
		return "failed: " + o.err
	}
	return fmt.Sprintf("%.1f", ms(o.median()))
}

func markdown(results []scenarioResult, m machine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# mediad side by side with its peers\n\n")
	fmt.Fprintf(&b, "Measured %s by `go run ./cmd/benchrun -reps %d` (in bench/peers), %s in all.\n\n",
		m.when.Format("2006-01-02 15:04 UTC"), m.reps, m.took.Round(time.Second))
	fmt.Fprintf(&b, "Machine: %s, %d logical CPUs, %.1f GB RAM, Linux %s, %s; load average %s at the start, %s at the end",
		m.cpu, m.cores, m.memGB, m.kernel, m.goVersion, m.loadStart, m.loadEnd)
	fmt.Fprintf(&b, " (the cores are shared with other work, so absolute times wander; ratios within a scenario are what the interleaving protects).\n\n")
	if len(m.versions) > 0 {
		fmt.Fprintf(&b, "Peers: %s.\n\n", strings.Join(m.versions, "; "))
	}
	fmt.Fprintf(&b, "Times are the median wall time of %d interleaved runs (A B C, C B A, …) after one warm-up each; "+
		"**ratio = peer ÷ mediad**, so above 1 mediad is faster. Spread is half the interquartile range over the median (the middle half of the runs lies within ±spread). "+
		"Node and Chromium times are taken inside Node or the page (no start-up); whole-process rows include start-up, "+
		"and their peak RSS comes from GNU time. In-process engines share this process, so they have no RSS of their own.\n\n"+
		"CPU time (user + system, all threads) is given beside wall time because the cores are shared: it is less disturbed by "+
		"other work, but it counts parallelism as cost, so an engine that uses both cores looks better on the wall clock than on CPU. "+
		"It comes from getrusage for this process, GNU time for whole processes, process.cpuUsage() in Node, and "+
		"/proc clock ticks (10 ms) of Chromium's processes and of `mediad serve`.\n\n", m.reps)
	fmt.Fprintf(&b, "## Summary: peer time ÷ mediad time, wall clock (CPU time)\n\n%s\n## Every measurement\n\n", summary(results))
	fmt.Fprintf(&b, "| scenario | mediad ms | peer | peer ms | ratio | CPU ratio | spread mediad / peer | peak RSS MB mediad / peer |\n")
	fmt.Fprintf(&b, "|---|---:|---|---:|---:|---:|---|---|\n")
	for _, r := range results {
		ours := r.all[0]
		oursName := fmt.Sprintf("%s/%s", r.group, r.name)
		if !ours.ok() {
			fmt.Fprintf(&b, "| %s | %s | | | | | | |\n", oursName, cell(ours))
			continue
		}
		for _, p := range r.all[1:] {
			peer := fmt.Sprintf("%s (%s)", p.name, p.how)
			if !p.ok() {
				fmt.Fprintf(&b, "| %s | %.1f | %s | %s | | | | |\n", oursName, ms(ours.median()), peer, cell(p))
				continue
			}
			fmt.Fprintf(&b, "| %s | %.1f | %s | %.1f | **%.2f** | %s | ±%.0f%% / ±%.0f%% | %s / %s |\n",
				oursName, ms(ours.median()), peer, ms(p.median()), ratio(ours, p), cpuRatio(ours, p),
				100*ours.spread(), 100*p.spread(), rss(ours), rss(p))
		}
	}
	fmt.Fprintf(&b, "\nScenarios:\n\n")
	for _, r := range results {
		fmt.Fprintf(&b, "- **%s/%s**: %s.\n", r.group, r.name, r.note)
	}
	fmt.Fprintf(&b, "\nNotes: gg has no shadows, so its poster skips them (less work than the others). "+
		"Chromium draws on an OffscreenCanvas with the GPU disabled (Skia's CPU raster) and encodes with convertToBlob. "+
		"Every JavaScript scene ends with a one-pixel getImageData so that lazily recorded drawing is finished inside the timing.")
	if m.cliFrom != "" && m.cliFrom != "working tree" {
		fmt.Fprintf(&b, " The mediad CLI was built from %s because the working tree did not build.", m.cliFrom)
	}
	if m.nodeRSSMB > 0 {
		fmt.Fprintf(&b, " The Node peer process peaked at %.0f MB over all its scenarios.", m.nodeRSSMB)
	}
	fmt.Fprintf(&b, "\n\n![ratios](latest.png)\n")
	return b.String()
}

// bar is one ratio in the chart.
type bar struct {
	label string
	ratio float64
	cpu   float64 // CPU-time ratio, 0 when unknown
}

// drawChart draws the ratios as horizontal bars on a log2 axis centred on 1, with
// mediad's own canvas: bars to the right mean mediad is faster.
func drawChart(path string, results []scenarioResult, m machine) error {
	var bars []bar
	for _, r := range results {
		ours := r.all[0]
		if !ours.ok() {
			continue
		}
		for _, p := range r.all[1:] {
			if p.ok() {
				b := bar{label: fmt.Sprintf("%s/%s · %s", r.group, r.name, p.name), ratio: ratio(ours, p)}
				if o, c := ours.medianCPU(), p.medianCPU(); o > 0 && c > 0 {
					b.cpu = float64(c) / float64(o)
				}
				bars = append(bars, b)
			}
		}
	}
	const (
		W      = 1400
		left   = 560 // label column
		right  = 60
		top    = 90
		rowH   = 26
		bottom = 60
	)
	H := top + len(bars)*rowH + bottom
	lo, hi := -2.0, 2.0 // log2 range, widened to fit every bar
	for _, b := range bars {
		for _, r := range []float64{b.ratio, b.cpu} {
			if r <= 0 {
				continue
			}
			l := math.Log2(r)
			lo = min(lo, math.Floor(l-0.7)) // room for the label left of a red bar
			hi = max(hi, math.Ceil(l))
		}
	}
	x := func(l float64) float64 { return left + (l-lo)/(hi-lo)*(W-left-right) }

	cv, err := canvas.NewCanvas(W, H)
	if err != nil {
		return err
	}
	ctx := cv.Context2D()
	ctx.SetFillStyle("#ffffff")
	ctx.FillRect(0, 0, W, float64(H))

	ctx.SetFillStyle("#111111")
	ctx.SetFont("bold 22px sans-serif")
	ctx.FillText("mediad vs peers: peer time ÷ mediad time (log scale; right of 1 = mediad faster)", 20, 34)
	ctx.SetFont("14px sans-serif")
	ctx.SetFillStyle("#555555")
	ctx.FillText(fmt.Sprintf("%s, %d CPUs, load average %s · median of %d interleaved runs · bars: wall time, black diamond: CPU time · %s",
		m.cpu, m.cores, m.loadStart, m.reps, m.when.Format("2006-01-02")), 20, 58)

	// Grid lines at powers of two.
	ctx.SetFont("13px sans-serif")
	ctx.SetTextAlign("center")
	for l := lo; l <= hi; l++ {
		gx := math.Round(x(l)) + 0.5
		ctx.SetStrokeStyle("#dddddd")
		if l == 0 {
			ctx.SetStrokeStyle("#333333")
		}
		ctx.SetLineWidth(1)
		ctx.BeginPath()
		ctx.MoveTo(gx, top-8)
		ctx.LineTo(gx, float64(top+len(bars)*rowH))
		ctx.Stroke()
		ctx.SetFillStyle("#555555")
		ctx.FillText(ratioLabel(math.Exp2(l)), gx, float64(top+len(bars)*rowH+20))
	}

	ctx.SetFont("14px sans-serif")
	for i, b := range bars {
		y := float64(top + i*rowH)
		ctx.SetTextAlign("right")
		ctx.SetFillStyle("#222222")
		ctx.FillText(b.label, left-12, y+18)
		l := math.Log2(b.ratio)
		x0, x1 := x(0), x(l)
		colour := "#2e9e5b"
		if l < 0 {
			colour = "#d1493f"
			x0, x1 = x1, x0
		}
		ctx.SetFillStyle(colour)
		ctx.FillRect(x0, y+5, max(x1-x0, 1), rowH-10)
		if b.cpu > 0 {
			// A diamond at the CPU-time ratio.
			cx, cy := x(math.Log2(b.cpu)), y+rowH/2
			ctx.SetFillStyle("#111111")
			ctx.BeginPath()
			ctx.MoveTo(cx, cy-6)
			ctx.LineTo(cx+5, cy)
			ctx.LineTo(cx, cy+6)
			ctx.LineTo(cx-5, cy)
			ctx.ClosePath()
			ctx.Fill()
		}
		ctx.SetFillStyle("#222222")
		// The label goes beyond both the bar and the diamond so neither covers it.
		right, leftEdge := x1, x0
		if b.cpu > 0 {
			right = max(right, x(math.Log2(b.cpu))+5)
			leftEdge = min(leftEdge, x(math.Log2(b.cpu))-5)
		}
		if l >= 0 {
			ctx.SetTextAlign("left")
			ctx.FillText(fmt.Sprintf("%.2f×", b.ratio), right+6, y+18)
		} else {
			ctx.SetTextAlign("right")
			ctx.FillText(fmt.Sprintf("%.2f×", b.ratio), leftEdge-6, y+18)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := cv.Encode(f, "png", canvas.EncodeOptions{}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func ratioLabel(r float64) string {
	if r >= 1 {
		return fmt.Sprintf("%g×", r)
	}
	return fmt.Sprintf("1/%g", 1/r)
}

// summary is the ratios pivoted: one row per scenario, one column per peer, for the README.
func summary(results []scenarioResult) string {
	var peers []string
	seen := map[string]bool{}
	for _, r := range results {
		for _, p := range r.all[1:] {
			if !seen[p.name] {
				seen[p.name] = true
				peers = append(peers, p.name)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| scenario | mediad ms | %s |\n|---|---:|%s\n", strings.Join(peers, " | "), strings.Repeat("---:|", len(peers)))
	for _, r := range results {
		ours := r.all[0]
		if !ours.ok() {
			continue
		}
		cells := make([]string, len(peers))
		for i, name := range peers {
			cells[i] = ""
			for _, p := range r.all[1:] {
				if p.name != name {
					continue
				}
				if p.ok() {
					cells[i] = fmt.Sprintf("%.2f× (%s)", ratio(ours, p), cpuRatio(ours, p))
				} else {
					cells[i] = "n/a"
				}
			}
		}
		fmt.Fprintf(&b, "| %s/%s | %.1f | %s |\n", r.group, r.name, ms(ours.median()), strings.Join(cells, " | "))
	}
	return b.String()
}
