// Package raster turns device-space paths into anti-aliased coverage for the
// canvas: an exact-area accumulation rasterizer (each line adds the signed area
// it covers to the right inside every cell it crosses; a running sum along a
// row gives each pixel's winding-weighted coverage), the non-zero and even-odd
// fill rules, 8-bit coverage masks for clips and shadows, and exact
// point-in-path / point-in-stroke tests. AddStroke strokes a path the way
// Chromium draws it (hairlines for strokes at most one device pixel wide) and
// tells the caller how much to scale the paint alpha.
//
// The clip rectangle bounds all work: geometry outside it still counts for the
// winding of pixels inside, but costs nothing per pixel, and huge or non-finite
// coordinates are clamped or dropped before any per-pixel loop, so no input can
// make a fill hang or allocate without bound.
package raster
