// size 10x10
// check: fillStyle getter serialisation for named, hex, rgb/rgba/hsl/hsla (legacy and space-separated, percentages), transparent and currentcolor
const inputs = ['red', 'RebeccaPurple', '#abc', '#abcd', '#a1b2c3', '#a1b2c380', 'rgb(10, 20, 30)', 'rgba(10, 20, 30, 0.5)',
  'rgb(10 20 30 / 50%)', 'rgb(100%, 50%, 0%)', 'rgba(255,0,0,0)', 'hsl(120, 100%, 25%)', 'hsla(240, 50%, 50%, 0.3)',
  'hsl(30deg 80% 60% / 0.8)', 'transparent', 'rgb(300, -10, 20.6)', 'rgba(0, 0, 0, 1.5)', '  #FFF  ', 'hsl(0.5turn 100% 50%)', 'rgba(1,2,3,.25)'];
return inputs.map(s => { ctx.fillStyle = '#000'; ctx.fillStyle = s; return ctx.fillStyle; });
