// size 100x40
// check: colours in every syntax render the right pixels
const colors = ['hsl(200, 80%, 40%)', 'rgb(20% 40% 60%)', '#f0a8', 'hsla(300 100% 50% / 40%)', 'darkkhaki', 'rgba(0,128,0,.7)', '#0000ff80', 'hsl(60 100% 50%)', 'chartreuse', 'transparent'];
colors.forEach((c, i) => { ctx.fillStyle = c; ctx.fillRect(i * 10, 0, 10, 40); });
