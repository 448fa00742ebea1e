// Package text is the canvas text engine: it loads font files (TrueType,
// OpenType/CFF, TTC/OTC collections, WOFF, WOFF2), keeps a registry of fonts
// registered by the program layered over the fonts installed on the system
// (found through the fontconfig directories), resolves a CSS family list to a
// face per character with fallback so mixed Latin/Chinese/Arabic/emoji text
// has no missing glyphs, shapes runs with go-text/typesetting (HarfBuzz
// port: kerning, ligatures, Arabic and Indic shaping, bidi), and turns glyphs
// into outlines for the canvas rasterizer, or into colour images for colour
// fonts (CBDT/sbix bitmaps, COLRv0 layers and COLRv1 paint graphs). It also
// measures simple-script text straight from cached advances and pair kerning,
// bit-identical to shaping, and breaks paragraphs into lines (UAX #14 with CJK rules) for the layout
// helper.
//
// Everything expensive is cached process-wide in fixed-size, lock-free
// direct-mapped tables (see slotTable): glyph outlines, shaped words (simple
// scripts are shaped a word at a time, as Chromium's word cache does) and the
// face chosen for each character.
//
// Distances inside the package are kept in font units as long as possible and
// scaled in float64 at the end, so advances are exact rather than rounded to
// 1/64 px as a 26.6 shaper output would be.
package text
