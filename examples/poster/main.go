// Command poster draws a 1080×1920 travel share poster with package canvas:
// a photo in a shadowed white card, a round avatar cut from the photo, a
// title and wrapped Chinese copy, a red price with the struck-through original
// next to it, and a QR-like code. poster.js in this directory draws the same
// poster with the mini-program JavaScript API (`mediad run poster.js`); the
// test checks that both give the same pixels.
//
//	go run ./examples/poster -o poster.png
package main

import (
	"bufio"
	_ "embed"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/seed92233726/mediad/canvas"
)

// The photo is a 960×640 JPEG painted by scenePhoto (photo_test.go), so it can
// be regenerated rather than trusted.
const photoW, photoH = 960, 640

//go:embed photo.jpg
var photoJPEG []byte

const (
	posterW, posterH = 1080, 1920
	// Every font names the Noto CJK face that Debian's fonts-noto-cjk
	// installs, with sans-serif behind it, so Latin digits and Chinese come
	// from one family and match each other.
	family = `"Noto Sans CJK SC", sans-serif`
)

const bodyCopy = "住进苍山脚下的海景民宿，推窗就是洱海。清晨沿环海路骑行，傍晚登上观景台看落日把湖面染成金色；" +
	"夜里在古城的小院围炉煮茶，听老板讲白族的故事。含双人早餐与接送机，节假日不加价，未入住随时可退。"

func main() {
	out := flag.String("o", "poster.png", "output file (.png, .jpg or .webp by extension)")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "poster:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	photo, err := canvas.NewImageFromBytes(photoJPEG, canvas.ImageLoadOptions{})
	if err != nil {
		return err
	}
	cv, err := drawPoster(photo)
	if err != nil {
		return err
	}
	format := "png"
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jpg", ".jpeg":
		format = "jpeg"
	case ".webp":
		format = "webp"
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := cv.Encode(w, format, canvas.EncodeOptions{}); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// drawPoster draws the poster. poster.js makes the same calls in the same
// order; keep the two in step.
func drawPoster(photo *canvas.Image) (*canvas.Canvas, error) {
	cv, err := canvas.NewCanvas(posterW, posterH)
	if err != nil {
		return nil, err
	}
	ctx := cv.Context2D()

	// Background: the dusk colours of the photo, with a soft warm glow.
	bg, _ := ctx.CreateLinearGradient(0, 0, 0, posterH)
	_ = bg.AddColorStop(0, "#241e4e")
	_ = bg.AddColorStop(0.55, "#5b3a78")
	_ = bg.AddColorStop(1, "#c96f86")
	ctx.SetFillStyle(bg)
	ctx.FillRect(0, 0, posterW, posterH)
	glow, _ := ctx.CreateRadialGradient(900, 150, 0, 900, 150, 420)
	_ = glow.AddColorStop(0, "rgba(255, 190, 150, 0.45)")
	_ = glow.AddColorStop(1, "rgba(255, 190, 150, 0)")
	ctx.SetFillStyle(glow)
	ctx.FillRect(0, 0, posterW, 600)

	// Header: a round avatar (a crop of the photo around the sun) in a white
	// ring, the sharer's name and an invitation.
	ctx.SetFillStyle("#ffffff")
	ctx.BeginPath()
	if err := ctx.Arc(132, 140, 66, 0, 2*math.Pi, false); err != nil {
		return nil, err
	}
	ctx.Fill()
	ctx.Save()
	ctx.BeginPath()
	_ = ctx.Arc(132, 140, 60, 0, 2*math.Pi, false)
	ctx.Clip()
	if err := ctx.DrawImage(photo, 476, 137, 200, 200, 72, 80, 120, 120); err != nil {
		return nil, err
	}
	ctx.Restore()
	ctx.SetFont("bold 44px " + family)
	ctx.FillText("林小夏", 230, 130)
	ctx.SetFont("28px " + family)
	ctx.SetFillStyle("rgba(255, 255, 255, 0.75)")
	ctx.FillText("邀请你一起去看洱海日落", 230, 180)

	// The card and its shadow.
	const cardX, cardY, cardW, cardH = 60, 240, 960, 1500
	ctx.Save()
	ctx.SetShadowColor("rgba(20, 10, 40, 0.45)")
	ctx.SetShadowBlur(48)
	ctx.SetShadowOffsetY(20)
	ctx.SetFillStyle("#ffffff")
	ctx.BeginPath()
	_ = ctx.RoundRect(cardX, cardY, cardW, cardH, canvas.R(36))
	ctx.Fill()
	ctx.Restore()

	// The photo fills the top of the card, its upper corners rounded with it.
	ctx.Save()
	ctx.BeginPath()
	_ = ctx.RoundRect(cardX, cardY, float64(photo.Width()), float64(photo.Height()), canvas.R(36), canvas.R(36), canvas.R(0), canvas.R(0))
	ctx.Clip()
	if err := ctx.DrawImage(photo, cardX, cardY); err != nil {
		return nil, err
	}
	ctx.Restore()
	ctx.SetFillStyle("#ff4d4f")
	ctx.BeginPath()
	_ = ctx.RoundRect(96, 276, 176, 56, canvas.R(28))
	ctx.Fill()
	ctx.SetFont("bold 28px " + family)
	ctx.SetFillStyle("#ffffff")
	ctx.SetTextAlign("center")
	ctx.SetTextBaseline("middle")
	ctx.FillText("限时特惠", 184, 304)
	ctx.SetTextAlign("left")
	ctx.SetTextBaseline("alphabetic")

	// Title and copy, wrapped in the card; each block starts below the last.
	const textX, textW = 108, 864
	ctx.SetFont("bold 52px " + family)
	ctx.SetFillStyle("#1f1f1f")
	title := ctx.FillTextBox("洱海日落 · 苍山海景民宿双人三日游", textX, 916, canvas.TextBox{Width: textW, MaxLines: 2, LineHeight: 1.4})
	y := 916 + title.Height + 16
	ctx.SetFont("32px " + family)
	ctx.SetFillStyle("#595959")
	body := ctx.FillTextBox(bodyCopy, textX, y, canvas.TextBox{Width: textW, MaxLines: 4, LineHeight: 1.6})
	y += body.Height + 24

	// Tags: chips sized to their text.
	ctx.SetFont("26px " + family)
	ctx.SetTextBaseline("middle")
	x := float64(textX)
	for _, tag := range []string{"海景房", "含早餐", "接送机", "随时退"} {
		w := ctx.MeasureText(tag).Width + 40
		ctx.SetFillStyle("#fff1f0")
		ctx.BeginPath()
		_ = ctx.RoundRect(x, y, w, 48, canvas.R(24))
		ctx.Fill()
		ctx.SetFillStyle("#cf1322")
		ctx.FillText(tag, x+20, y+24)
		x += w + 16
	}
	ctx.SetTextBaseline("alphabetic")

	// Where and until when: a map pin drawn as a path, then one grey line.
	pinX, pinY := float64(textX+12), y+110
	ctx.SetFillStyle("#8c8c8c")
	ctx.BeginPath()
	_ = ctx.Arc(pinX, pinY-14, 12, math.Pi*0.8, math.Pi*2.2, false)
	ctx.LineTo(pinX, pinY+6)
	ctx.ClosePath()
	ctx.Fill()
	ctx.SetFillStyle("#ffffff")
	ctx.BeginPath()
	_ = ctx.Arc(pinX, pinY-14, 5, 0, 2*math.Pi, false)
	ctx.Fill()
	ctx.SetFont("28px " + family)
	ctx.SetFillStyle("#8c8c8c")
	ctx.FillText("大理 · 洱海生态廊道    有效期至 2026.12.31", textX+36, pinY)

	// A dashed rule, as a tear line above the price.
	ctx.SetStrokeStyle("#d9d9d9")
	ctx.SetLineWidth(2)
	ctx.SetLineDash([]float64{12, 10})
	ctx.BeginPath()
	ctx.MoveTo(textX, 1420)
	ctx.LineTo(textX+textW, 1420)
	ctx.Stroke()
	ctx.SetLineDash(nil)

	// Price: a small ¥, a big red figure, then the original price struck through.
	ctx.SetFillStyle("#f5222d")
	ctx.SetFont("bold 40px " + family)
	ctx.FillText("¥", textX, 1560)
	x = textX + ctx.MeasureText("¥").Width + 4
	ctx.SetFont("bold 96px " + family)
	ctx.FillText("1299", x, 1560)
	x += ctx.MeasureText("1299").Width + 20
	ctx.SetFont("32px " + family)
	ctx.SetFillStyle("#8c8c8c")
	ctx.FillText("¥2599", x, 1560)
	// The strike sits at about half the x-height of a 32 px face.
	ctx.FillRect(x, 1560-11, ctx.MeasureText("¥2599").Width, 2)
	ctx.SetFont("28px " + family)
	ctx.FillText("已售 3.2万 份 · 好评率 98%", textX, 1618)
	ctx.SetFont("bold 30px " + family)
	ctx.SetFillStyle("#262626")
	ctx.FillText("长按识别二维码，立即抢购", textX, 1680)

	drawCode(ctx, 736, 1452, 9)
	ctx.SetFont("22px " + family)
	ctx.SetFillStyle("#8c8c8c")
	ctx.SetTextAlign("center")
	ctx.FillText("扫码查看详情", 736+25*9/2.0, 1716)

	// Footer under the card.
	ctx.SetFont("26px " + family)
	ctx.SetFillStyle("rgba(255, 255, 255, 0.7)")
	ctx.FillText("— 由 mediad 生成 · 分享给好友一起出发 —", posterW/2, 1830)
	ctx.SetTextAlign("left")
	return cv, nil
}

// qrSize is the code's width in modules (a version-2 QR code's size).
const qrSize = 25

// drawCode draws a QR-like code with its top-left module at (x0, y0), each
// module m px: three finder squares, the alignment square, timing rows, and
// data modules from a fixed xorshift32 sequence around a clear centre that
// carries a logo. It only looks like a code: nothing here encodes a message.
func drawCode(ctx *canvas.Context2D, x0, y0, m float64) {
	// A light frame separates the code's quiet zone from the card.
	ctx.SetStrokeStyle("#f0f0f0")
	ctx.SetLineWidth(2)
	ctx.BeginPath()
	_ = ctx.RoundRect(x0-12, y0-12, qrSize*m+24, qrSize*m+24, canvas.R(12))
	ctx.Stroke()

	ctx.SetFillStyle("#1a1a1a")
	seed := uint32(0x9e3779b9)
	for row := 0; row < qrSize; row++ {
		for col := 0; col < qrSize; col++ {
			if reserved(row, col) {
				continue
			}
			var dark bool
			if row == 6 || col == 6 {
				dark = (row+col)%2 == 0 // timing pattern
			} else {
				seed ^= seed << 13
				seed ^= seed >> 17
				seed ^= seed << 5
				dark = seed>>16&1 == 1
			}
			if dark {
				ctx.FillRect(x0+float64(col)*m, y0+float64(row)*m, m, m)
			}
		}
	}
	for _, f := range [][2]float64{{0, 0}, {qrSize - 7, 0}, {0, qrSize - 7}} {
		finder(ctx, x0+f[0]*m, y0+f[1]*m, m, 7)
	}
	finder(ctx, x0+16*m, y0+16*m, m, 5)

	// The logo in the clear centre: a red tile with a white character.
	c := x0 + qrSize*m/2
	cy := y0 + qrSize*m/2
	ctx.SetFillStyle("#ffffff")
	ctx.BeginPath()
	_ = ctx.RoundRect(c-30, cy-30, 60, 60, canvas.R(12))
	ctx.Fill()
	ctx.SetFillStyle("#f5222d")
	ctx.BeginPath()
	_ = ctx.RoundRect(c-24, cy-24, 48, 48, canvas.R(10))
	ctx.Fill()
	ctx.SetFillStyle("#ffffff")
	ctx.SetFont("bold 30px " + family)
	ctx.SetTextAlign("center")
	ctx.SetTextBaseline("middle")
	ctx.FillText("游", c, cy)
	ctx.SetTextAlign("left")
	ctx.SetTextBaseline("alphabetic")
}

// reserved reports the modules the finder and alignment squares (with their
// white separators) and the logo cover.
func reserved(row, col int) bool {
	switch {
	case row < 8 && col < 8, row < 8 && col >= qrSize-8, row >= qrSize-8 && col < 8:
		return true
	case row >= 15 && row <= 21 && col >= 15 && col <= 21:
		return true
	case row >= 9 && row <= 15 && col >= 9 && col <= 15:
		return true
	}
	return false
}

// finder draws an n-module square eye: dark ring, light ring, dark core, with
// rounded corners as poster codes usually have.
func finder(ctx *canvas.Context2D, x, y, m float64, n float64) {
	ctx.SetFillStyle("#1a1a1a")
	ctx.BeginPath()
	_ = ctx.RoundRect(x, y, n*m, n*m, canvas.R(2*m/1.5))
	ctx.Fill()
	ctx.SetFillStyle("#ffffff")
	ctx.BeginPath()
	_ = ctx.RoundRect(x+m, y+m, (n-2)*m, (n-2)*m, canvas.R(m))
	ctx.Fill()
	ctx.SetFillStyle("#1a1a1a")
	ctx.BeginPath()
	_ = ctx.RoundRect(x+2*m, y+2*m, (n-4)*m, (n-4)*m, canvas.R(m/1.5))
	ctx.Fill()
}
