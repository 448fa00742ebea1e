// size 10x10
// check: text and filter state attributes (no text drawn): defaults, serialisation of font/letterSpacing/filter, invalid values ignored
const attrs = ['font', 'textAlign', 'textBaseline', 'direction', 'letterSpacing', 'wordSpacing', 'fontKerning', 'fontStretch', 'fontVariantCaps', 'textRendering', 'filter'];
const out = [attrs.map(a => ctx[a])];
const tries = {
  font: ['bold 20px serif', 'italic small-caps 300 12pt "Noto Sans", sans-serif', '20px', 'bogus', '1.5em serif', 'condensed 10px/2 a'],
  textAlign: ['center', 'middle', 'END'],
  textBaseline: ['hanging', 'center', 'ideographic'],
  direction: ['rtl', 'up'],
  letterSpacing: ['2px', '0.5em', 'abc', '-1PX'],
  wordSpacing: ['3px', '1%', '2rem'],
  fontKerning: ['none', 'off'],
  fontStretch: ['ultra-condensed', '50%'],
  fontVariantCaps: ['all-small-caps', 'small'],
  textRendering: ['optimizeLegibility', 'geometricprecision', 'fast'],
  filter: ['blur(2px)', 'none', 'url(#x)', 'drop-shadow(1px 2px 3px red)', 'garbage(', 'brightness(150%) contrast(0.5)'],
};
for (const [a, vals] of Object.entries(tries)) out.push(vals.map(v => { ctx[a] = v; return ctx[a]; }));
ctx.lang = 'zh-CN';
out.push(ctx.lang);
return out;
