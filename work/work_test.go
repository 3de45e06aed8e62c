package work_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"bansou/content"
	"bansou/model"
	"bansou/model/sqlite"
	"bansou/work"
)

var clock = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

func now() time.Time { return clock }

// held opens a new purpose extraction through the engine.
func held(t *testing.T) (*work.Work, *sqlite.Store) {
	t.Helper()
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "bansou.db"), sqlite.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"},
		Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31)})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := lib.Flow("purpose")
	sess, err := s.StartSession(ctx, model.NewSession(f, e.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	w, err := work.Open(ctx, s, lib, sess.ID, false, now)
	if err != nil {
		t.Fatal(err)
	}
	return w, s
}

// TestNothingIsTriedOnceSavesStopped: a save refused because the session
// was changed elsewhere (or taken over, or its file replaced) stops every
// later save from this holder, even after its claim is let go, so that no
// save can land then and write the older copy over the newer one; a
// failure that may mend (a locked database) is tried again.
func TestNothingIsTriedOnceSavesStopped(t *testing.T) {
	for _, c := range []struct {
		err   error
		again bool
	}{
		{model.ErrChangedElsewhere, false}, {model.ErrTakenOver, false}, {model.ErrReplaced, false},
		{model.ErrLocked, true},
	} {
		t.Run(fmt.Sprint(c.err), func(t *testing.T) {
			w, s := held(t)
			w.SetAnswer("窓で書いた答え")
			_, taken, ok := w.Take()
			if !ok {
				t.Fatal("nothing to save after an answer")
			}
			res := w.Saved(taken, fmt.Errorf("session 1: %w", c.err))
			if res.Stopped == c.again || !res.FirstFailure || !errors.Is(res.Err, c.err) {
				t.Fatalf("result %+v", res)
			}
			w.SetAnswer("窓で書いた答え、続き")
			if err := w.Release(context.Background(), s); err != nil {
				t.Fatal(err)
			}
			if _, _, ok := w.Take(); ok != c.again || w.Unsaved() == c.again {
				t.Errorf("after %v and letting go: a save is given %v (want %v), unsaved %v", c.err, ok, c.again, w.Unsaved())
			}
		})
	}
}
