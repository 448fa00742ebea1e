package text

import "encoding/binary"

// baseBaselines reads the horizontal axis of an OpenType BASE table and
// returns the ideographic ('ideo') and hanging ('hang') baselines in font
// units above the alphabetic one, for the DFLT script (else latn, else the
// first script). Chromium positions those canvas baselines from this table
// when a font has one (Noto CJK does). Malformed tables yield ok = false.
func baseBaselines(b []byte) (ideo, hang float64, hasIdeo, hasHang bool) {
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(b[off:])), true
	}
	horiz, ok := u16(4)
	if !ok || horiz == 0 {
		return
	}
	tagListOff, ok1 := u16(horiz)
	scriptListOff, ok2 := u16(horiz + 2)
	if !ok1 || !ok2 || tagListOff == 0 || scriptListOff == 0 {
		return
	}
	tagList, scriptList := horiz+tagListOff, horiz+scriptListOff
	nTags, ok := u16(tagList)
	if !ok || tagList+2+4*nTags > len(b) {
		return
	}
	nScripts, ok := u16(scriptList)
	if !ok || nScripts == 0 || scriptList+2+6*nScripts > len(b) {
		return
	}
	pick := -1
	for _, want := range []string{"DFLT", "latn"} {
		for i := 0; i < nScripts && pick < 0; i++ {
			rec := scriptList + 2 + 6*i
			if string(b[rec:rec+4]) == want {
				pick = i
			}
		}
	}
	if pick < 0 {
		pick = 0
	}
	rec := scriptList + 2 + 6*pick
	so, _ := u16(rec + 4)
	script := scriptList + so
	valuesOff, ok := u16(script)
	if !ok || valuesOff == 0 {
		return
	}
	values := script + valuesOff
	nCoords, ok := u16(values + 2)
	if !ok {
		return
	}
	for i := 0; i < nCoords && i < nTags; i++ {
		co, ok := u16(values + 4 + 2*i)
		if !ok || co == 0 {
			return
		}
		format, ok1 := u16(values + co)
		v, ok2 := u16(values + co + 2)
		if !ok1 || !ok2 || format < 1 || format > 3 {
			continue
		}
		coord := float64(int16(v))
		switch string(b[tagList+2+4*i : tagList+6+4*i]) {
		case "ideo":
			ideo, hasIdeo = coord, true
		case "hang":
			hang, hasHang = coord, true
		}
	}
	return
}
