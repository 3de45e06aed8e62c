package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// changed schedules a save after something was edited.
func (r *runner) changed() tea.Cmd {
	if r.pend.Empty() {
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
	now := r.env.now()
	if r.answer.Rev() != r.answerRev {
		r.sess, _ = model.Apply(r.sess, model.SetAnswer{Text: r.answer.Value()}, now)
		r.answerRev = r.answer.Rev()
		r.pend.Steps[r.sess.CurrentKey] = true
	}
	if r.note.Rev() != r.noteRev {
		r.sess, _ = model.Apply(r.sess, model.SetNote{Text: r.note.Value()}, now)
		r.noteRev = r.note.Rev()
		r.pend.Steps[r.sess.CurrentKey] = true
	}
}

// flush writes everything not yet on disk, one save at a time.
func (r *runner) flush() tea.Cmd {
	if !r.loaded {
		return nil
	}
	r.sync()
	if r.inFlight || r.pend.Empty() {
		return nil
	}
	r.sess.Place = r.place()
	taken := r.pend
	p := taken.Progress(r.sess, r.ledger)
	if taken.Round && r.round != nil {
		p.Round = r.round.rd.Copy()
	}
	r.pend = model.NewPending()
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
	if model.NoMoreSaves(msg.err) {
		// Another window has the session now, or something changed it
		// since this window read it (writing this window's older copy
		// would undo what was done there), or the database file was
		// replaced or removed. The text stays on screen, unsaved, with
		// what happened above it, and is not tried again.
		r.pend.Merge(msg.taken)
		r.saveErr = msg.err
		return r, tea.Batch(r.relayout(), showError(r.env.describeErr(msg.err)))
	}
	if msg.err != nil {
		// Keep everything in memory and try again; nothing typed is lost.
		r.pend.Merge(msg.taken)
		first := r.saveErr == nil
		r.saveErr = msg.err
		r.retry = min(max(r.retry*2, time.Second), 10*time.Second)
		id := r.id
		cmds := []tea.Cmd{tea.Tick(r.retry, func(time.Time) tea.Msg { return saveTickMsg{id} })}
		// Say it once while working; every time while the user is trying
		// to leave or quit, so that they can decide.
		if first || r.leaving != stay || r.quitting {
			cmds = append(cmds, showError(r.env.tf("runner.saveFailed", r.env.describeErr(msg.err))))
		}
		r.tickPending = true
		return r, tea.Batch(cmds...)
	}
	recovered, lost := r.saveErr != nil, r.saveLost()
	r.saveErr, r.retry, r.everSaved = nil, 0, true
	var cmds []tea.Cmd
	if recovered {
		cmds = append(cmds, showStatus(r.env.t("runner.saveRecovered")))
	}
	if lost {
		cmds = append(cmds, r.relayout()) // what was said above the answer goes
	}
	if !r.pend.Empty() {
		cmds = append(cmds, r.flush())
	} else if r.leaving != stay {
		cmds = append(cmds, r.close())
	}
	return r, tea.Batch(cmds...)
}

func (r *runner) unsaved() bool {
	if !r.loaded {
		return false
	}
	return r.inFlight || !r.pend.Empty() || r.answer.Rev() != r.answerRev || r.note.Rev() != r.noteRev
}
