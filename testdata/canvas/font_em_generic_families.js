// size 10x10
// check: font sizes in em are relative to the default 10px, scaled for the monospace generic family (Chromium: 13/16 of the size)
return ['1.5em monospace', '2em serif', '1em monospace, serif', '150% monospace', 'larger monospace', '12px monospace'].map(f => { ctx.font = '10px sans-serif'; ctx.font = f; return ctx.font; });
