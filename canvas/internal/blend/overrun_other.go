//go:build !amd64 || purego

package blend

const minVectorGroups = 1

func overSolidGroups(dst []uint8, s, ia uint32) { overSolidGroupsGo(dst, s, ia) }
