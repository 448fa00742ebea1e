package canvas

import (
	"testing"
	"time"
)

func TestClearRectFarOutside(t *testing.T) {
	cv, _ := NewCanvas(20, 20)
	ctx := cv.Context2D()
	done := make(chan bool)
	go func() {
		ctx.FillRect(0, 0, 20, 20)
		ctx.ClearRect(0, 1e19, 10, 10)
		ctx.ClearRect(-1e19, 0, 1e19+5, 10)
		ctx.ClearRect(1e19, 1e19, -3e19, -3e19)
		ctx.Translate(1e30, 1e30)
		ctx.ClearRect(0, 0, 10, 10)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("clearRect far outside the canvas did not return")
	}
}
