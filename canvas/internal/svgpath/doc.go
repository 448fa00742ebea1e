// Package svgpath parses SVG path data (the `d` attribute, and the string form of
// the Path2D constructor) into a geom.Path.
//
// All commands are supported, absolute and relative: M L H V C S Q T A Z with
// implicit repetition, the full number grammar ("1e3", ".5.5", "-1-2") and arc
// flags written without separators ("a1 1 0 00 5 5"). Elliptical arcs are
// converted to cubic Béziers of at most 90° each. Errors follow SVG's rule: the
// path keeps every command up to the last complete one, and Parse reports where
// parsing stopped.
package svgpath
