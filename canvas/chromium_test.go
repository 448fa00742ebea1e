package canvas

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/seed92233726/mediad/internal/browser"
)

// TestChromiumScenes compares every golden scene, drawn through the Go API,
// with the same drawing done by Chromium in JavaScript (chromiumScenes). The
// references in testdata/chromium are Chromium's pixels; MAKE_REF=1 regenerates
// them with headless Chromium (the test is skipped then if none is installed).
//
// Tolerance, on premultiplied channels: Chromium quantises anti-aliasing
// coverage and dithers gradients, so a pixel next to a sharp change in the
// reference (an edge: some neighbour differs by more than 24 levels) may
// differ by up to Edge levels, any other pixel by up to Interior, and at most
// Fail pixels may exceed their limit.
func TestChromiumScenes(t *testing.T) {
	def := edgeTolerance{interior: 6, edge: 96, fail: 8}
	loose := map[string]edgeTolerance{
		"blend_modes": {interior: 12, edge: 96, fail: 8}, // soft-light/colour modes in Chromium's float math
	}
	scenes := append(goldenScenes[:len(goldenScenes):len(goldenScenes)], posterScene, miscScene)
	dir := filepath.Join("testdata", "chromium")
	if os.Getenv("MAKE_REF") != "" {
		if _, err := browser.Find(); err != nil {
			t.Skipf("no Chromium to regenerate references: %v", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		b, err := browser.Start(ctx)
		if err != nil {
			t.Skipf("cannot start Chromium: %v", err)
		}
		defer b.Close()
		must(t, os.MkdirAll(dir, 0o755))
		for _, sc := range scenes {
			res, err := b.RunCanvas(ctx, sc.w, sc.h, chromiumScenes[sc.name])
			if err != nil || res.Error != "" {
				t.Fatalf("%s: %v %s", sc.name, err, res.Error)
			}
			must(t, writePNG(filepath.Join(dir, sc.name+".png"), res.Image))
		}
		t.Logf("references from Chromium %s", b.Version())
		return
	}
	for _, sc := range scenes {
		t.Run(sc.name, func(t *testing.T) {
			if chromiumScenes[sc.name] == "" {
				t.Fatalf("scene %s has no JavaScript twin", sc.name)
			}
			want, err := readPNG(filepath.Join(dir, sc.name+".png"))
			if err != nil {
				t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run Chromium ./canvas)", err)
			}
			cv, err := NewCanvas(sc.w, sc.h)
			must(t, err)
			sc.draw(t, cv.Context2D())
			got := toNRGBA(cv)
			tl, ok := loose[sc.name]
			if !ok {
				tl = def
			}
			checkEdgeAware(t, want, got, tl, sc.name+"-chromium.png")
		})
	}
}

// edgeTolerance bounds a comparison with Chromium: the levels a pixel may
// differ inside shapes and on edges, and how many pixels may exceed them.
type edgeTolerance struct{ interior, edge, fail int }

// checkEdgeAware fails t when got differs from Chromium's want beyond tl, and
// writes a Chromium|mediad|diff strip to testdata/failed/<strip>.
func checkEdgeAware(t *testing.T, want, got *image.NRGBA, tl edgeTolerance, strip string) {
	t.Helper()
	bad, maxInterior, maxEdge := compareEdgeAware(want, got, tl.interior, tl.edge)
	if bad <= tl.fail {
		if testing.Verbose() {
			t.Logf("max interior %d, max edge %d, %d beyond", maxInterior, maxEdge, bad)
		}
		return
	}
	_, _, diff := compareNRGBA(want, got)
	path := filepath.Join("testdata", "failed", strip)
	_ = os.MkdirAll(filepath.Dir(path), 0o755)
	_ = writePNG(path, makeStrip(want, got, diff))
	t.Errorf("%d pixels beyond tolerance %+v (max interior %d, max edge %d); Chromium|mediad|diff: %s",
		bad, tl, maxInterior, maxEdge, path)
}

// compareEdgeAware counts pixels of got beyond the interior/edge tolerance
// against the reference want (premultiplied channels).
func compareEdgeAware(want, got *image.NRGBA, interior, edge int) (bad, maxInterior, maxEdge int) {
	w, h := want.Rect.Dx(), want.Rect.Dy()
	if got.Rect != want.Rect {
		return w * h, 255, 255
	}
	pm := func(p []uint8, i, k int) int {
		if k == 3 {
			return int(p[i+3])
		}
		return int(p[i+k]) * int(p[i+3]) / 255
	}
	isEdge := func(x, y int) bool {
		i := (y*w + x) * 4
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				xx, yy := x+dx, y+dy
				if xx < 0 || yy < 0 || xx >= w || yy >= h {
					continue
				}
				j := (yy*w + xx) * 4
				for k := 0; k < 4; k++ {
					if abs(pm(want.Pix, i, k)-pm(want.Pix, j, k)) > 24 {
						return true
					}
				}
			}
		}
		return false
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := (y*w + x) * 4
			d := 0
			for k := 0; k < 4; k++ {
				d = max(d, abs(pm(want.Pix, i, k)-pm(got.Pix, i, k)))
			}
			if isEdge(x, y) {
				maxEdge = max(maxEdge, d)
				if d > edge {
					bad++
				}
			} else {
				maxInterior = max(maxInterior, d)
				if d > interior {
					bad++
				}
			}
		}
	}
	return bad, maxInterior, maxEdge
}

// chromiumScenes holds, for each golden scene, the same drawing as a JavaScript
// body of (canvas, ctx), run in Chromium to make testdata/chromium/NAME.png.
var chromiumScenes = map[string]string{
	"shapes": `const c = ctx;
c.fillStyle="#f0f0f0";c.fillRect(0,0,160,120);c.fillStyle="tomato";c.fillRect(10.5,10.25,40,30);
 c.fillStyle="rgba(30, 144, 255, 0.7)";c.beginPath();c.arc(80,40,28,0,2*Math.PI,false);c.fill();
 c.fillStyle="seagreen";c.beginPath();c.ellipse(130,40,22,12,Math.PI/6,0,2*Math.PI,false);c.fill();
 c.fillStyle="goldenrod";c.beginPath();c.roundRect(10,70,60,40,[4,12,20,{x:30,y:10}]);c.fill();
 c.strokeStyle="purple";c.lineWidth=3;c.beginPath();c.moveTo(90,110);c.quadraticCurveTo(110,60,130,110);c.bezierCurveTo(140,70,150,130,155,80);c.stroke();`,
	"star_evenodd": `const c = ctx;
c.fillStyle="navy";c.beginPath();for(let i=0;i<5;i++){const a=i*4*Math.PI/5-Math.PI/2;c.lineTo(60+50*Math.cos(a),60+50*Math.sin(a));}c.closePath();c.fill("evenodd");`,
	"strokes": `const c = ctx;
const joins=["miter","round","bevel"],caps=["butt","round","square"];c.lineWidth=10;
 for(let i=0;i<3;i++){c.lineJoin=joins[i];c.lineCap=caps[i];c.strokeStyle=["crimson","teal","darkorange"][i];c.beginPath();const x=20+i*50;c.moveTo(x,60);c.lineTo(x+15,20);c.lineTo(x+30,60);c.stroke();}
 c.lineWidth=4;c.lineCap="round";c.setLineDash([12,6,2,6]);c.lineDashOffset=3;c.strokeStyle="black";c.strokeRect(15,80,130,30);`,
	"gradients": `const c = ctx;
const lg=c.createLinearGradient(0,0,60,60);lg.addColorStop(0,"red");lg.addColorStop(0.5,"yellow");lg.addColorStop(1,"rgba(0,0,255,0.5)");c.fillStyle=lg;c.fillRect(0,0,60,60);
 const rg=c.createRadialGradient(85,25,5,90,30,28);rg.addColorStop(0,"white");rg.addColorStop(1,"darkblue");c.fillStyle=rg;c.fillRect(60,0,60,60);
 const cg=c.createConicGradient(0,150,30);["red","lime","blue","red"].forEach((col,i)=>cg.addColorStop(i/3,col));c.fillStyle=cg;c.fillRect(120,0,60,60);`,
	"pattern_transform": `const c = ctx;
const tile=document.createElement('canvas');tile.width=8;tile.height=8;const tc=tile.getContext('2d');tc.fillStyle="orange";tc.fillRect(0,0,4,4);tc.fillRect(4,4,4,4);tc.fillStyle="rgba(0,0,128,0.5)";tc.fillRect(4,0,4,4);
 const p=c.createPattern(tile,"repeat");p.setTransform(new DOMMatrix().rotate(180/8).scale(1.5,1.5));c.fillStyle=p;c.fillRect(0,0,60,80);
 const px=c.createPattern(tile,"repeat-x");c.fillStyle=px;c.translate(60,20);c.fillRect(0,0,60,60);`,
	"shadow_blur": `const c = ctx;
c.shadowColor="rgba(0, 0, 0, 0.6)";c.shadowBlur=10;c.shadowOffsetX=6;c.shadowOffsetY=8;c.fillStyle="skyblue";c.fillRect(20,15,50,40);
 c.shadowColor="red";c.shadowOffsetX=0;c.shadowOffsetY=0;c.shadowBlur=4;c.strokeStyle="white";c.lineWidth=3;c.beginPath();c.arc(90,60,15,0,2*Math.PI,false);c.stroke();`,
	"clip_composite": `const c = ctx;
c.fillStyle="steelblue";c.fillRect(0,0,120,120);c.beginPath();c.arc(60,60,45,0,2*Math.PI,false);c.clip();
 c.globalCompositeOperation="source-atop";c.fillStyle="gold";c.fillRect(40,0,80,60);c.globalCompositeOperation="destination-out";c.beginPath();c.arc(60,90,15,0,2*Math.PI,false);c.fill();
 c.save();c.beginPath();c.rect(0,30,40,60);c.clip();c.globalCompositeOperation="copy";c.globalAlpha=0.5;c.fillStyle="crimson";c.fillRect(10,45,40,20);c.restore();`,
	"blend_modes": `const c = ctx;
const ops=["multiply","screen","overlay","darken","lighten","color-dodge","color-burn","hard-light","soft-light","difference","exclusion","hue","saturation","color","luminosity","lighter"];
 ops.forEach((op,i)=>{const x=(i%8)*26,y=Math.floor(i/8)*26;c.globalCompositeOperation="source-over";c.fillStyle="rgb(200, 80, 40)";c.fillRect(x,y,26,26);c.globalCompositeOperation=op;c.fillStyle="rgba(40, 120, 220, 0.8)";c.beginPath();c.arc(x+13,y+13,10,0,2*Math.PI,false);c.fill();});`,
	"transforms_path2d": `const c = ctx;
const heart=new Path2D("M10 30 A20 20 0 0 1 50 30 A20 20 0 0 1 90 30 Q90 60 50 90 Q10 60 10 30 z");c.fillStyle="rgba(220, 20, 60, 0.6)";
 for(let i=0;i<4;i++){c.save();c.translate(60,60);c.rotate(i*Math.PI/2);c.scale(0.5,0.5);c.translate(-50,-100);c.fill(heart);c.restore();}
 c.strokeStyle="black";c.transform(1,0.2,0.3,1,0,0);c.stroke(heart);`,
	"poster": `const c = ctx;
const bg=c.createLinearGradient(0,0,540,720);bg.addColorStop(0,"#ff9a9e");bg.addColorStop(1,"#fad0c4");c.fillStyle=bg;c.fillRect(0,0,540,720);
c.save();c.shadowColor="rgba(0, 0, 0, 0.25)";c.shadowBlur=24;c.shadowOffsetY=12;c.fillStyle="white";c.beginPath();c.roundRect(40,60,460,600,28);c.fill();c.restore();
const tile=document.createElement('canvas');tile.width=24;tile.height=24;const tc=tile.getContext('2d');tc.fillStyle="#4facfe";tc.fillRect(0,0,24,24);tc.fillStyle="#00f2fe";tc.beginPath();tc.arc(12,12,8,0,2*Math.PI,false);tc.fill();
const pat=c.createPattern(tile,"repeat");pat.setTransform(new DOMMatrix().rotate(0.2*180/Math.PI).scale(1.3,1.3));
c.save();c.beginPath();c.roundRect(64,84,412,360,[18,18,0,0]);c.clip();c.fillStyle=pat;c.fillRect(64,84,412,360);
const vg=c.createRadialGradient(270,264,40,270,264,260);vg.addColorStop(0,"rgba(0,0,0,0)");vg.addColorStop(1,"rgba(0,0,0,0.45)");c.fillStyle=vg;c.fillRect(64,84,412,360);c.restore();
c.fillStyle="#e0e0e0";for(let i=0;i<4;i++)c.fillRect(64,470+i*28,412-i*70,14);
c.globalCompositeOperation="multiply";c.fillStyle="#ffd200";c.beginPath();c.arc(430,600,40,0,2*Math.PI,false);c.fill();
c.globalCompositeOperation="source-over";c.strokeStyle="#333";c.lineWidth=3;c.setLineDash([6,4]);c.strokeRect(64,590,300,40);`,
	"misc": `const c = ctx;
c.fillStyle = "#eef"; c.fillRect(0, 0, 200, 140);
c.lineWidth = 4; c.strokeStyle = "teal";
c.beginPath(); c.moveTo(10, 60); c.arcTo(40, 10, 70, 60, 18); c.arcTo(70, 60, 100, 10, 40); c.lineTo(100, 10); c.stroke();
c.save(); c.translate(150, 35); c.scale(3, 1); c.lineWidth = 3; c.strokeStyle = "crimson";
c.beginPath(); c.arc(0, 0, 12, 0, 2 * Math.PI, false); c.stroke(); c.restore();
c.clearRect(10.3, 70.6, 30.5, 20.2);
c.save(); c.beginPath(); c.rect(50, 70, 50, 60); c.clip();
c.shadowColor = "rgba(0,0,128,0.7)"; c.shadowBlur = 6; c.shadowOffsetX = 8; c.shadowOffsetY = 5;
c.fillStyle = "orange"; c.beginPath(); c.arc(65, 95, 15, 0, 2 * Math.PI, false); c.fill(); c.restore();
const tile = document.createElement('canvas'); tile.width = 10; tile.height = 10; const tc = tile.getContext('2d');
tc.fillStyle = "purple"; tc.fillRect(0, 0, 5, 10); tc.fillStyle = "rgba(0,200,0,0.5)"; tc.fillRect(5, 0, 5, 10);
const p = c.createPattern(tile, "no-repeat"); p.setTransform(new DOMMatrix([2, 0, 0, 2, 110, 70]));
c.globalAlpha = 0.6; c.fillStyle = p; c.fillRect(105, 65, 40, 40); c.globalAlpha = 1;
c.fillStyle = "rgba(255,0,0,0.5)"; c.beginPath(); c.roundRect(190, 130, -35, -20, [8, 2]); c.fill();
c.lineJoin = "miter"; c.miterLimit = 2; c.lineWidth = 6; c.strokeStyle = "black";
c.beginPath(); c.moveTo(150, 80); c.lineTo(165, 60); c.lineTo(180, 80); c.stroke();
["source-atop", "lighter", "xor"].forEach((op, i) => { c.globalCompositeOperation = op; c.fillStyle = ["rgba(0,0,255,0.6)", "#404040", "green"][i]; c.fillRect(10 + i * 12, 100, 20, 30); });`,
}
