package work

import (
	"context"
	"errors"
	"slices"
	"time"

	"bansou/model"
)

// Taken is what a save carries, to be put back if it fails, and the time
// of last change of each worry and action it writes: once saved, that is
// the version this window's copy is of (Anxiety.Read).
type Taken struct {
	pend    model.Pending
	written map[string]time.Time
}

// Take gives everything not yet on disk as one Progress to save, and
// reports false when there is nothing, or when nothing more may be saved
// from here (Stopped): once a save found the session taken over or changed
// elsewhere, no later one is even tried, so that none can land after the
// claim is let go and write this older copy over the newer one. The
// front-end saves it (in whatever goroutine it likes) and hands the result
// to Saved with t.
func (w *Work) Take() (p model.Progress, t Taken, ok bool) {
	w.dropConflicts()
	if w.pend.Empty() || w.Stopped() {
		return model.Progress{}, Taken{}, false
	}
	w.flying = w.pend
	p = w.pend.Progress(w.Sess, w.Ledger)
	t = Taken{pend: w.pend, written: map[string]time.Time{}}
	for _, a := range p.Anxieties {
		t.written[a.ID] = a.UpdatedAt
	}
	for _, a := range p.Actions {
		t.written[a.ID] = a.UpdatedAt
	}
	if p.Layout {
		// The steps go to another goroutine; this copy's change in place.
		p.Steps = slices.Clone(p.Steps)
	}
	if w.pend.Round && w.Round != nil {
		p.Round = w.Round.Copy()
	}
	w.pend = model.NewPending()
	return p, t, true
}

// Result says what a save came to, for the front-end to word.
type Result struct {
	Err error // nil: saved
	// FirstFailure: this failure follows a save that worked, so it is
	// news (a failure after a failure need not be said again).
	FirstFailure bool
	// Recovered: saved after failures.
	Recovered bool
	// Stopped: nothing more can be saved from this front-end (taken over,
	// changed under it, the database file replaced); not to be retried.
	Stopped bool
	// StoppedNow: Stopped, and this save is the one that found it out.
	StoppedNow bool
	// Conflicts are the worries and actions this save found changed by
	// someone else since this window read them (model.EntriesChanged):
	// nothing was written, they stay here as typed and are not saved
	// from here again, and the rest is to be saved again at once.
	Conflicts []string
}

// Saved takes the result of saving what Take gave. A failure puts it back,
// merged under anything changed since, so that nothing typed is lost.
func (w *Work) Saved(t Taken, err error) Result {
	prev := w.err
	w.flying = model.NewPending()
	if ids, ok := model.EntriesChanged(err); ok {
		w.pend.Merge(t.pend)
		if w.conflicts == nil {
			w.conflicts = map[string]bool{}
		}
		for _, id := range ids {
			w.conflicts[id] = true
		}
		w.dropConflicts()
		return Result{Conflicts: ids}
	}
	if err != nil {
		w.pend.Merge(t.pend)
		w.err = err
		stopped := model.NoMoreSaves(err)
		return Result{Err: err, FirstFailure: prev == nil, Stopped: stopped, StoppedNow: stopped && !model.NoMoreSaves(prev)}
	}
	w.err = nil
	for i, a := range w.Ledger.Anxieties {
		if at, ok := t.written[a.ID]; ok {
			w.Ledger.Anxieties[i].Read = at
		}
	}
	for i, a := range w.Ledger.Actions {
		if at, ok := t.written[a.ID]; ok {
			w.Ledger.Actions[i].Read = at
		}
	}
	return Result{Recovered: prev != nil}
}

// dropConflicts takes the entries found changed elsewhere out of what is
// to be saved: this window's copy of them is not written over the newer
// one.
func (w *Work) dropConflicts() {
	for id := range w.conflicts {
		delete(w.pend.Anxieties, id)
		delete(w.pend.Actions, id)
	}
	w.pend.Deleted = slices.DeleteFunc(w.pend.Deleted, func(d any) bool {
		switch v := d.(type) {
		case model.Anxiety:
			return w.conflicts[v.ID]
		case model.Action:
			return w.conflicts[v.ID]
		}
		return false
	})
}

// Conflicted reports whether a worry or an action was found changed by
// someone else since this window read it: what is typed into it here is
// kept on screen and not saved.
func (w *Work) Conflicted(id string) bool { return w.conflicts[id] }

// Conflicts is how many entries were found changed by someone else.
func (w *Work) Conflicts() int { return len(w.conflicts) }

// Unsaved reports whether anything is not yet on disk.
func (w *Work) Unsaved() bool { return !w.pend.Empty() }

// Err is the last save's failure, nil once a save worked.
func (w *Work) Err() error { return w.err }

// Stopped reports whether nothing more can be saved from this front-end.
func (w *Work) Stopped() bool { return model.NoMoreSaves(w.err) }

// Pending is what is not yet on disk, as a Progress: for a front-end that
// must show it before closing, so that it is not lost.
func (w *Work) Pending() model.Progress { return w.pend.Progress(w.Sess, w.Ledger) }

// Release lets go of the session when the front-end closes it, so that it
// opens again here or elsewhere. A session taken over is the other
// front-end's and stays so; after the database file was replaced there is
// nothing to write to.
func (w *Work) Release(ctx context.Context, store model.Store) error {
	if !w.Held() {
		return nil
	}
	return store.SetSessionOpen(ctx, w.Sess.ID, false)
}

// Held reports whether the session's claim is still this front-end's to
// let go of: not taken over, and its database file still the one opened.
func (w *Work) Held() bool {
	return !errors.Is(w.err, model.ErrTakenOver) && !errors.Is(w.err, model.ErrReplaced)
}
