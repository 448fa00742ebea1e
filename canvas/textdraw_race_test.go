//go:build race

package canvas

// raceBuild: the race detector makes sync.Pool drop items at random, so
// allocation counts of pooled paths mean nothing.
const raceBuild = true
