package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGoEnginesRunOnce runs mediad and the in-process Go peers once in every scenario,
// so that CI keeps the side-by-side code compiling and working without the JavaScript
// peers, the whole-process tools or minutes of timing.
func TestGoEnginesRunOnce(t *testing.T) {
	e := &env{tmp: t.TempDir(), photoPath: wallpaper("Path"),
		node: &nodePeer{skip: "not in tests"}, chromium: &chromiumPeer{skip: "not in tests"}}
	if _, err := os.Stat(e.photoPath); err != nil {
		t.Skipf("no photographs (Debian plasma-workspace-wallpapers): %v", err)
	}
	e.mosaicPath = filepath.Join(e.tmp, "mosaic.jpg")
	e.mosaicErr = makeMosaic(e.mosaicPath)
	e.videoPath = filepath.Join(e.tmp, "v.mp4")
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		e.videoErr = err
	} else {
		e.videoErr = makeVideo(e.videoPath)
	}
	e.cliErr = os.ErrNotExist // whole-process rows are left to the real run

	var all []scenario
	all = append(all, canvasScenarios(e)...)
	all = append(all, imageScenarios(e)...)
	all = append(all, audioScenarios(e)...)
	all = append(all, videoScenarios(e)...)
	for _, s := range all {
		for _, en := range append([]engine{s.ours}, s.peers...) {
			if en.skip != "" || en.how != "in-process" {
				continue
			}
			if _, err := en.run(); err != nil {
				t.Errorf("%s/%s %s: %v", s.group, s.name, en.name, err)
			}
		}
	}
}
