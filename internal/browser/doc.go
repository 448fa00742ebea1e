// Package browser drives headless Chromium for differential tests: start one browser
// per test suite, evaluate JavaScript in a blank page and get its result back as
// JSON, or a canvas's pixels and PNG bytes.
//
// Chromium is the reference for canvas (and later WebAudio) output; tests compare
// mediad against what this package reports. When no Chromium binary can be found,
// Start returns ErrNotFound and tests skip with that message.
package browser
