package model

import (
	"errors"
	"fmt"
	"testing"
)

func TestEveryStoreErrorHasWordsInBothLanguages(t *testing.T) {
	seen := map[string]bool{}
	for _, kind := range []error{ErrLocked, ErrOpenElsewhere, ErrTakenOver, ErrEntryChanged, ErrChangedElsewhere, ErrReplaced, ErrMissing, ErrDiskFull, ErrDiskIO, ErrReadOnly, ErrCorrupt, ErrNotDatabase, ErrNewerSchema, ErrNotFound,
		ErrNotAllowed, ErrCodeInvalid, ErrKeyTaken, ErrNameTaken, ErrHasKey} {
		wrapped := fmt.Errorf("/tmp/伴走.db: %w (detail)", kind)
		for _, lang := range []Lang{Ja, En} {
			words, ok := DescribeStoreError(lang, wrapped)
			if !ok || words == "" || seen[words] {
				t.Errorf("%v in %s: %q %v (empty, missing or shared with another kind)", kind, lang, words, ok)
			}
			seen[words] = true
			if lang == Ja && !hasJapanese(words) {
				t.Errorf("%v: Japanese words are not Japanese: %q", kind, words)
			}
		}
	}
	if _, ok := DescribeStoreError(Ja, errors.New("something else")); ok {
		t.Error("an error of no store kind was given store words")
	}
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff {
			return true
		}
	}
	return false
}
