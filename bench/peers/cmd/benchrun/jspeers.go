package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/seed92233726/mediad/internal/browser"
)

// nodePeer is one long-lived Node process running bench/node/peer.js: @napi-rs/canvas and
// node-web-audio-api, timed inside Node so its start-up is not counted.
type nodePeer struct {
	skip     string
	version  string
	packages string // installed versions of the npm peers
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Scanner
}

// startNode installs the Node peers (npm install in bench/node) when they are missing and
// starts peer.js. Any failure becomes the skip reason of every Node engine.
func startNode(dir string) *nodePeer {
	p := &nodePeer{}
	node, err := exec.LookPath("node")
	if err != nil {
		p.skip = "node not installed"
		return p
	}
	if v, err := exec.Command(node, "--version").Output(); err == nil {
		p.version = strings.TrimSpace(string(v))
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@napi-rs", "canvas")); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			p.skip = "npm not installed"
			return p
		}
		logf("installing the Node peers (npm install in %s)", dir)
		cmd := exec.Command(npm, "install", "--no-audit", "--no-fund")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			p.skip = "npm install failed: " + firstLine(lastLines(string(out)))
			return p
		}
	}
	var pkgs []string
	for _, name := range []string{"@napi-rs/canvas", "node-web-audio-api"} {
		var pj struct{ Version string }
		if b, err := os.ReadFile(filepath.Join(dir, "node_modules", name, "package.json")); err == nil && json.Unmarshal(b, &pj) == nil {
			pkgs = append(pkgs, name+" "+pj.Version)
		}
	}
	p.packages = strings.Join(pkgs, ", ")
	p.cmd = exec.Command(node, "peer.js")
	p.cmd.Dir = dir
	p.cmd.Stderr = os.Stderr
	if p.in, err = p.cmd.StdinPipe(); err != nil {
		p.skip = err.Error()
		return p
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		p.skip = err.Error()
		return p
	}
	p.out = bufio.NewScanner(stdout)
	if err := p.cmd.Start(); err != nil {
		p.skip = "starting node: " + err.Error()
	}
	return p
}

func lastLines(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// call sends one request and returns the wall and CPU milliseconds Node measured.
func (p *nodePeer) call(req map[string]any) (sample, error) {
	b, _ := json.Marshal(req)
	if _, err := p.in.Write(append(b, '\n')); err != nil {
		return sample{}, err
	}
	if !p.out.Scan() {
		return sample{}, fmt.Errorf("node peer exited: %v", p.out.Err())
	}
	var r struct {
		Ms    float64
		CPUMs float64 `json:"cpuMs"`
		Error string
	}
	if err := json.Unmarshal(p.out.Bytes(), &r); err != nil {
		return sample{}, err
	}
	if r.Error != "" {
		return sample{}, errors.New(r.Error)
	}
	return sample{d: msDuration(r.Ms), cpu: msDuration(r.CPUMs)}, nil
}

func msDuration(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

func (p *nodePeer) canvasEngine(scene, photo string) engine {
	return engine{name: "@napi-rs/canvas (Skia)", how: "in Node", skip: p.skip, run: func() (sample, error) {
		return p.call(map[string]any{"kind": "canvas", "name": scene, "photo": photo})
	}}
}

func (p *nodePeer) audioEngine(graph string, seconds float64) engine {
	return engine{name: "node-web-audio-api", how: "in Node", skip: p.skip, run: func() (sample, error) {
		return p.call(map[string]any{"kind": "audio", "name": graph, "seconds": seconds})
	}}
}

// peakRSSMB is the Node process's peak resident set so far.
func (p *nodePeer) peakRSSMB() float64 {
	if p.skip != "" {
		return 0
	}
	s, _ := p.call(map[string]any{"kind": "rss"})
	return ms(s.d) // the peer answers megabytes in the "ms" field
}

func (p *nodePeer) close() {
	if p.cmd != nil && p.cmd.Process != nil {
		p.in.Close()
		p.cmd.Wait()
	}
}

// chromiumPeer is headless Chromium with scenes.js loaded in its page; canvas scenes draw
// on an OffscreenCanvas and audio graphs render in an OfflineAudioContext, both timed with
// performance.now() inside the page.
type chromiumPeer struct {
	skipCPU []int // pids under this process that are not Chromium (Node, mediad serve)
	skip    string
	b       *browser.Browser
	version string
}

func startChromium(scenesJS []byte, photoPath string) *chromiumPeer {
	p := &chromiumPeer{}
	b, err := browser.Start(context.Background())
	if err != nil {
		p.skip = firstLine(err.Error())
		return p
	}
	p.b = b
	p.version = b.Version()
	photo, err := os.ReadFile(photoPath)
	if err != nil {
		p.skip = "photo: " + err.Error()
		return p
	}
	// The page has no file access: the photograph travels as a data URL and is decoded
	// once, before any timing, as the Node peer and the Go engines also do.
	setup := string(scenesJS) + fmt.Sprintf(`
;(async () => {
  const blob = await (await fetch('data:image/jpeg;base64,%s')).blob();
  const photo = await createImageBitmap(blob);
  globalThis.benchScenes = benchCanvasScenes({
    createCanvas: (w, h) => new OffscreenCanvas(w, h),
    encode: (c, mime, q) => c.convertToBlob({type: mime, quality: q}),
    photo,
  });
  return true;
})()`, base64.StdEncoding.EncodeToString(photo))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := b.Eval(ctx, setup); err != nil {
		p.skip = "loading scenes.js: " + firstLine(err.Error())
	}
	return p
}

// eval runs expr, which measures itself and answers wall milliseconds (a number) or
// {ms}. CPU time is that of every process under this one except Node and the others in
// skipCPU — in practice Chromium's, since nothing else runs meanwhile — so it also counts
// the little work of handing the expression over.
func (p *chromiumPeer) eval(expr string) (sample, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c0 := childrenCPU(p.skipCPU...)
	raw, err := p.b.Eval(ctx, expr)
	cpu := childrenCPU(p.skipCPU...) - c0
	if err != nil {
		return sample{}, err
	}
	var r struct{ Ms float64 }
	if err := json.Unmarshal(raw, &r); err != nil {
		return sample{}, err
	}
	return sample{d: msDuration(r.Ms), cpu: cpu}, nil
}

func (p *chromiumPeer) canvasEngine(scene string) engine {
	return engine{name: "Chromium", how: "in page", skip: p.skip, run: func() (sample, error) {
		return p.eval(fmt.Sprintf(`(async () => { const t0 = performance.now(); await benchScenes[%q](); return {ms: performance.now() - t0}; })()`, scene))
	}}
}

func (p *chromiumPeer) audioEngine(graph string, seconds float64) engine {
	return engine{name: "Chromium", how: "in page", skip: p.skip, run: func() (sample, error) {
		return p.eval(fmt.Sprintf(`benchAudio(OfflineAudioContext, %q, %v)`, graph, seconds))
	}}
}

func (p *chromiumPeer) close() {
	if p.b != nil {
		p.b.Close()
	}
}
