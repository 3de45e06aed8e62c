package model

import (
	"errors"
	"fmt"
)

// ErrEntryChanged: a worry or an action was changed by someone else (another
// member, another window) since the window saving it read it. Only that
// entry is refused; the session goes on saving.
var ErrEntryChanged = errors.New("the entry was changed by someone else since it was read")

// EntryChangedError is what SaveProgress returns for each worry or action
// it refuses because it was changed since the window saving it read it
// (several are joined with errors.Join), writing nothing of that Progress.
// It is both ErrEntryChanged and ErrChangedElsewhere.
type EntryChangedError struct {
	ID string // the worry's or the action's id
	// By names who wrote the newer version, when the store knows.
	By string
}

func (e *EntryChangedError) Error() string {
	return fmt.Sprintf("ledger entry %s: %v", e.ID, ErrEntryChanged)
}

func (e *EntryChangedError) Unwrap() []error { return []error{ErrEntryChanged, ErrChangedElsewhere} }

// EntriesChanged returns the ids of the entries err refuses as changed
// elsewhere, and true when that is all err says: a save refused for that
// alone goes on without those entries (the window keeps them as typed),
// while any other error keeps its own meaning.
func EntriesChanged(err error) ([]string, bool) {
	if err == nil {
		return nil, false
	}
	var ids []string
	var walk func(error) bool
	walk = func(err error) bool {
		if e, ok := err.(*EntryChangedError); ok {
			ids = append(ids, e.ID)
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				if !walk(inner) {
					return false
				}
			}
			return len(u.Unwrap()) > 0
		case interface{ Unwrap() error }:
			if inner := u.Unwrap(); inner != nil {
				return walk(inner)
			}
		}
		return false
	}
	if !walk(err) {
		return nil, false
	}
	return ids, true
}
