package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestEntriesChanged: a save refused for ledger entries alone names them
// and is worded as such; any other error mixed in keeps its own meaning.
func TestEntriesChanged(t *testing.T) {
	two := fmt.Errorf("session 3: %w", errors.Join(&EntryChangedError{ID: "w1"}, &EntryChangedError{ID: "a1"}))
	if ids, ok := EntriesChanged(two); !ok || !slices.Equal(ids, []string{"w1", "a1"}) {
		t.Errorf("EntriesChanged = %v, %v", ids, ok)
	}
	if !errors.Is(two, ErrChangedElsewhere) || !errors.Is(two, ErrEntryChanged) {
		t.Error("an entry changed elsewhere is not ErrChangedElsewhere and ErrEntryChanged")
	}
	if words, _ := DescribeStoreError(Ja, two); !strings.Contains(words, "この項目は") {
		t.Errorf("worded %q", words)
	}
	for _, err := range []error{nil, ErrChangedElsewhere, errors.Join(&EntryChangedError{ID: "w1"}, ErrLocked)} {
		if ids, ok := EntriesChanged(err); ok {
			t.Errorf("EntriesChanged(%v) = %v", err, ids)
		}
	}
}
