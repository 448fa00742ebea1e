package text

import "testing"

// TestWordCacheTwoWay stores three words whose hashes share a slot pair:
// the first two stay findable together, and the third replaces the older.
func TestWordCacheTwoWay(t *testing.T) {
	ctx := wordCtx{flags: 7, lang: "x-test"} // no real word has this context
	const h = 0x1234 << 1
	ws := [3]*wordShape{{width: 1}, {width: 2}, {width: 3}}
	keys := []string{"alpha", "beta", "gamma"}
	defer func() {
		words.slots[h&words.mask].Store(nil)
		words.slots[(h^1)&words.mask].Store(nil)
	}()
	words.slots[h&words.mask].Store(nil)
	words.slots[(h^1)&words.mask].Store(nil)
	storeWord(h, &wordEntry{ctx: ctx, word: keys[0], ws: ws[0]})
	storeWord(h^1, &wordEntry{ctx: ctx, word: keys[1], ws: ws[1]}) // the same pair from its other slot
	for i := 0; i < 2; i++ {
		if got := lookupWord(h, ctx, []byte(keys[i])); got != ws[i] {
			t.Errorf("%s: got %v, want %v", keys[i], got, ws[i])
		}
	}
	storeWord(h, &wordEntry{ctx: ctx, word: keys[2], ws: ws[2]})
	if lookupWord(h, ctx, []byte(keys[0])) != nil {
		t.Errorf("the oldest word was kept")
	}
	for _, i := range []int{1, 2} {
		if got := lookupWord(h^1, ctx, []byte(keys[i])); got != ws[i] {
			t.Errorf("%s after eviction: got %v, want %v", keys[i], got, ws[i])
		}
	}
	if lookupWord(h, wordCtx{lang: "other"}, []byte(keys[1])) != nil {
		t.Errorf("a word was found under another context")
	}
}
