package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// changed schedules a save after something was edited.
func (r *runner) changed() tea.Cmd {
	if !r.wk.Unsaved() {
		return nil
	}
	return r.scheduleSave()
}

func (r *runner) scheduleSave() tea.Cmd {
	if r.tickPending {
		return nil
	}
	r.tickPending = true
	id := r.id
	return tea.Tick(r.env.saveDelay, func(time.Time) tea.Msg { return saveTickMsg{id} })
}

// sync copies the editors into the session.
func (r *runner) sync() {
	if r.answer.Rev() != r.answerRev {
		r.wk.SetAnswer(r.answer.Value())
		r.answerRev = r.answer.Rev()
	}
	if r.note.Rev() != r.noteRev {
		r.wk.SetNote(r.note.Value())
		r.noteRev = r.note.Rev()
	}
}

// flush writes everything not yet on disk, one save at a time.
func (r *runner) flush() tea.Cmd {
	if !r.loaded || r.givenUp {
		return nil
	}
	r.sync()
	if r.inFlight || !r.wk.Unsaved() {
		return nil
	}
	if r.wk.Stopped() {
		// Nothing more is tried (see work.Take); saying why again is
		// what a refused save would have done.
		return showError(r.env.describeErr(r.wk.Err()))
	}
	r.wk.Sess.Place = r.place()
	p, taken, ok := r.wk.Take()
	if !ok {
		return nil
	}
	r.inFlight = true
	store, id := r.env.store, r.id
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		return progressSavedMsg{id: id, taken: taken, err: store.SaveProgress(ctx, p)}
	}
}

func (r *runner) saved(msg progressSavedMsg) (screen, tea.Cmd) {
	r.inFlight = false
	lost := r.saveLost()
	res := r.wk.Saved(msg.taken, msg.err)
	if len(res.Conflicts) > 0 {
		return r, r.conflicted(res.Conflicts)
	}
	if res.Stopped {
		// Another window has the session now, or something changed it
		// since this window read it (writing this window's older copy
		// would undo what was done there), or the database file was
		// replaced or removed. The text stays on screen, unsaved, with
		// what happened above it, and is not tried again.
		return r, tea.Batch(r.relayout(), showError(r.env.describeErr(msg.err)))
	}
	if res.Err != nil {
		// Keep everything in memory and try again; nothing typed is lost.
		r.retry = min(max(r.retry*2, time.Second), 10*time.Second)
		id := r.id
		cmds := []tea.Cmd{tea.Tick(r.retry, func(time.Time) tea.Msg { return saveTickMsg{id} })}
		// Say it once while working; every time while the user is trying
		// to leave or quit, so that they can decide.
		if res.FirstFailure || r.leaving != stay || r.quitting {
			cmds = append(cmds, showError(r.env.tf("runner.saveFailed", r.env.describeErr(msg.err))))
		}
		r.tickPending = true
		return r, tea.Batch(cmds...)
	}
	r.retry, r.everSaved = 0, true
	var cmds []tea.Cmd
	if res.Recovered {
		cmds = append(cmds, showStatus(r.env.t("runner.saveRecovered")))
	}
	if lost {
		cmds = append(cmds, r.relayout()) // what was said above the answer goes
	}
	if r.wk.Unsaved() {
		cmds = append(cmds, r.flush())
	} else if r.leaving != stay {
		cmds = append(cmds, r.close())
	}
	return r, tea.Batch(cmds...)
}

func (r *runner) unsaved() bool {
	if !r.loaded || r.givenUp {
		return false
	}
	return r.inFlight || r.wk.Unsaved() || r.answer.Rev() != r.answerRev || r.note.Rev() != r.noteRev
}
