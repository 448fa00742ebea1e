//go:build !race

package canvas

const raceBuild = false
