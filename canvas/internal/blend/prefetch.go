package blend

// PrefetchRows asks the CPU to start loading the bytes [off+i·stride,
// off+i·stride+n) of pix for rows i = 0 … rows-1, without waiting for them.
// A canvas is larger than the cache and small shapes land anywhere on it, so
// every row of a small fill starts cold; asking for all of its rows while the
// rasterizer is still accumulating coverage overlaps those memory round
// trips with useful work. It is only a hint: ranges outside pix are ignored
// and nothing is read or written.
func PrefetchRows(pix []uint8, off, stride, n, rows int) {
	if off < 0 || n <= 0 || rows <= 0 || stride < n {
		return
	}
	last := off + (rows-1)*stride + n // one past the last byte
	if last > len(pix) || last < off {
		return
	}
	prefetchRows(pix[off:last], stride, n, rows)
}
