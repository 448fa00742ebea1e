//go:build !amd64 || purego

package blend

const minVectorGroups = 1

func overSolidGroups(dst []uint8, s, ia uint32) { overSolidGroupsGo(dst, s, ia) }

func overSolidAVX2(dst *uint8, n int, s, ia uint32) {}
