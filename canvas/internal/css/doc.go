// Package css parses and serialises CSS colour strings the way a browser's canvas
// does: every named colour, hex notations, rgb()/rgba()/hsl()/hsla()/hwb() in the
// legacy comma syntax and the modern space/slash syntax, `transparent`, and
// `currentcolor` (black on a canvas that is not in a document).
//
// Colours are stored as 8-bit non-premultiplied sRGB (color.NRGBA), which is what
// Chromium keeps for canvas styles; channel values are rounded half up and clamped,
// alpha likewise. SerializeColor reproduces Chromium's fillStyle getter byte for
// byte, including its alpha formatting (two decimals when they round-trip through
// 8 bits, otherwise three).
//
// Not supported (ParseColor reports ok=false): calc(), lab/lch/oklab/oklch and
// color(), system colours, and relative colour syntax.
package css
