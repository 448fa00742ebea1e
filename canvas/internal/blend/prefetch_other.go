//go:build !amd64 || purego

package blend

// prefetchRows has no portable prefetch instruction to use; without it the
// hint is skipped (touching the bytes instead would stall on each miss).
func prefetchRows(p []uint8, stride, n, rows int) {}
