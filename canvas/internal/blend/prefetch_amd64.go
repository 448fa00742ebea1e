//go:build !purego

package blend

// prefetchRows issues PREFETCHT0 for every 64-byte line of the rows (and the
// last byte of each row); p covers exactly the rows, checked by the caller.
//
//go:noescape
func prefetchRowsAsm(p *uint8, stride, n, rows int)

func prefetchRows(p []uint8, stride, n, rows int) { prefetchRowsAsm(&p[0], stride, n, rows) }
