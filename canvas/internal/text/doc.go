// Package text is the canvas text engine: it loads font files (TrueType,
// OpenType/CFF, TTC/OTC collections, WOFF), keeps a registry of fonts
// registered by the program layered over the fonts installed on the system
// (found through the fontconfig directories), resolves a CSS family list to a
// face per character with fallback so mixed Latin/Chinese/Arabic/emoji text
// has no missing glyphs, shapes runs with go-text/typesetting (HarfBuzz
// port: kerning, ligatures, Arabic and Indic shaping, bidi), and turns glyphs
// into outlines for the canvas rasterizer through a bounded cache shared by
// every canvas and goroutine. It also measures text the way Chromium's
// measureText does and breaks paragraphs into lines (UAX #14 with CJK rules)
// for the layout helper.
//
// Distances inside the package are kept in font units as long as possible and
// scaled in float64 at the end, so advances are exact rather than rounded to
// 1/64 px as a 26.6 shaper output would be.
package text
