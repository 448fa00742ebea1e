package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
)

// env is what the scenarios share: inputs generated once, the mediad CLI and the
// long-lived JavaScript peers.
type env struct {
	tmp        string
	photoPath  string
	mosaicPath string
	mosaicErr  error
	videoPath  string
	videoErr   error
	cli        string
	cliFrom    string // what the CLI was built from: "working tree" or "HEAD <commit>"
	cliErr     error
	node       *nodePeer
	chromium   *chromiumPeer
	closers    []func() // processes the scenarios started, stopped at exit
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchrun: "+format+"\n", args...)
}

func main() {
	if err := run(); err != nil {
		logf("%v", err)
		os.Exit(1)
	}
}

// run does the work of main; returning instead of exiting lets the deferred clean-ups
// stop the browser, Node and the server.
func run() error {
	reps := flag.Int("reps", 7, "timed runs per engine and scenario (median of these; at least 5 for published figures)")
	only := flag.String("only", "", "run only scenarios whose group/name matches this regular expression")
	root := flag.String("root", "", "repository root (default: found from the working directory)")
	outDir := flag.String("out", "", "where latest.md and latest.png go (default: ROOT/bench/results)")
	dump := flag.String("dump", "", "write mediad's and gg's picture of every canvas scene as PNG into this directory and exit")
	flag.Parse()

	if *root == "" {
		r, err := findRoot()
		if err != nil {
			return err
		}
		*root = r
	}
	if *outDir == "" {
		*outDir = filepath.Join(*root, "bench", "results")
	}
	var filter *regexp.Regexp
	if *only != "" {
		filter = regexp.MustCompile(*only)
	}

	if *dump != "" {
		return dumpScenes(*dump, wallpaper("Path"))
	}

	tmp, err := os.MkdirTemp("", "mediad-benchrun-")
	if err != nil {
		return err
	}
	e := &env{tmp: tmp, photoPath: wallpaper("Path")}
	// One clean-up, run on return and on ^C/SIGTERM, stops every helper process this run
	// started (Chromium, Node, mediad serve) and removes the inputs.
	var mu sync.Mutex
	cleanup := func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range e.closers {
			c()
		}
		e.closers = nil
		os.RemoveAll(tmp)
	}
	defer cleanup()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		logf("interrupted; stopping helpers")
		cleanup()
		os.Exit(130)
	}()
	logf("preparing inputs in %s", tmp)
	e.mosaicPath = filepath.Join(tmp, "mosaic-12mp.jpg")
	e.mosaicErr = makeMosaic(e.mosaicPath)
	e.videoPath = filepath.Join(tmp, "1080p30.mp4")
	e.videoErr = makeVideo(e.videoPath)
	e.cli = filepath.Join(tmp, "mediad")
	e.cliFrom, e.cliErr = buildCLI(*root, tmp, e.cli)

	scenesJS, err := os.ReadFile(filepath.Join(*root, "bench", "node", "scenes.js"))
	if err != nil {
		return err
	}
	node := startNode(filepath.Join(*root, "bench", "node"))
	mu.Lock()
	e.node = node
	e.closers = append(e.closers, node.close)
	mu.Unlock()
	chromium := startChromium(scenesJS, e.photoPath)
	mu.Lock()
	e.chromium = chromium
	e.closers = append(e.closers, chromium.close)
	mu.Unlock()
	if e.node.cmd != nil && e.node.cmd.Process != nil {
		e.chromium.skipCPU = append(e.chromium.skipCPU, e.node.cmd.Process.Pid)
	}

	var all []scenario
	all = append(all, canvasScenarios(e)...)
	all = append(all, imageScenarios(e)...)
	all = append(all, audioScenarios(e)...)
	all = append(all, videoScenarios(e)...)
	mu.Lock()
	all = append(all, serviceScenarios(e)...) // it may start `mediad serve` and add its closer
	mu.Unlock()

	start := time.Now()
	machine := describeMachine(e)
	var results []scenarioResult
	for _, s := range all {
		if filter != nil && !filter.MatchString(s.group+"/"+s.name) {
			continue
		}
		logf("%s/%s", s.group, s.name)
		r := runScenario(s, *reps)
		for _, o := range r.all {
			switch {
			case o.skip != "":
				logf("  %-24s skipped: %s", o.name, o.skip)
			case o.err != "":
				logf("  %-24s failed: %s", o.name, o.err)
			default:
				logf("  %-24s %9.1f ms ±%.0f%%", o.name, ms(o.median()), 100*o.spread())
			}
		}
		results = append(results, r)
	}
	machine.nodeRSSMB = e.node.peakRSSMB()
	machine.cliFrom = e.cliFrom
	machine.loadEnd = loadAvg()
	machine.took = time.Since(start)
	machine.reps = *reps

	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		return err
	}
	md := filepath.Join(*outDir, "latest.md")
	if err := os.WriteFile(md, []byte(markdown(results, machine)), 0o644); err != nil {
		return err
	}
	pngPath := filepath.Join(*outDir, "latest.png")
	if err := drawChart(pngPath, results, machine); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	logf("wrote %s and %s in %s", md, pngPath, machine.took.Round(time.Second))
	return nil
}

// findRoot walks up from the working directory to the main module's go.mod.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(string(b), "module github.com/seed92233726/mediad\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no mediad go.mod above the working directory; pass -root")
		}
		dir = parent
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// machine describes where the figures were measured.
type machine struct {
	cpu       string
	cores     int
	memGB     float64
	kernel    string
	goVersion string
	versions  []string
	loadStart string
	loadEnd   string
	nodeRSSMB float64
	cliFrom   string
	took      time.Duration
	reps      int
	when      time.Time
}

func describeMachine(e *env) machine {
	m := machine{cores: runtime.NumCPU(), goVersion: runtime.Version(), loadStart: loadAvg(), when: time.Now().UTC()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		fmt.Sscanf(string(b), "MemTotal: %f kB", &kb)
		m.memGB = kb / 1024 / 1024
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(b))
	}
	// ver records the first words of a tool's version line ("vips-8.14.1", "ffmpeg version 5.1.9").
	ver := func(words int, name string, args ...string) {
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			return
		}
		f := strings.Fields(firstLine(string(out)))
		m.versions = append(m.versions, strings.Join(f[:min(words, len(f))], " "))
	}
	if e.node.version != "" {
		m.versions = append(m.versions, "Node "+e.node.version+" with "+e.node.packages)
	}
	if _, v, ok := strings.Cut(e.chromium.version, "Chrome/"); ok {
		m.versions = append(m.versions, "Chromium "+strings.Fields(v)[0])
	}
	ver(1, "vips", "--version")
	ver(3, "ffmpeg", "-version")
	m.versions = append(m.versions, "gg v1.3.0, imaging v1.6.2")
	return m
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// buildCLI builds cmd/mediad from the working tree. When the working tree does not build
// (a change in progress elsewhere), it builds the committed HEAD from a `git archive`
// copy instead, and says so in the results.
func buildCLI(root, tmp, out string) (string, error) {
	build := exec.Command("go", "build", "-o", out, "./cmd/mediad")
	build.Dir = root
	firstOut, err := build.CombinedOutput()
	if err == nil {
		return "working tree", nil
	}
	logf("the working tree does not build cmd/mediad (%s); building HEAD instead", firstLine(string(firstOut)))
	head, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "", fmt.Errorf("%v: %s", err, firstOut)
	}
	src := filepath.Join(tmp, "head-src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return "", err
	}
	archive := exec.Command("sh", "-c", "git -C \"$1\" archive HEAD | tar -x -C \"$2\"", "sh", root, src)
	if b, err := archive.CombinedOutput(); err != nil {
		return "", fmt.Errorf("git archive: %v: %s", err, b)
	}
	build = exec.Command("go", "build", "-o", out, "./cmd/mediad")
	build.Dir = src
	if b, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("%v: %s", err, b)
	}
	return "HEAD " + strings.TrimSpace(string(head)), nil
}
