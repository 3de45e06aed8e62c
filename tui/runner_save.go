package tui

import (
	"maps"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// pending is what a runner holds that is not yet on disk: steps whose answer,
// note, point or choices changed, whether steps were added, whether the
// position moved, and ledger entries made or changed.
type pending struct {
	steps          map[string]bool
	layout, pos    bool
	round          bool // a peer round's timer changed
	anxieties      map[string]bool
	anxietyUpdates map[string]bool
	actions        map[string]bool
	actionUpdates  map[string]bool
	agreement      map[string]bool // topics
	deleted        []any           // model.Anxiety or model.Action marked Deleted
}

func newPending() pending {
	return pending{steps: map[string]bool{}, anxieties: map[string]bool{}, anxietyUpdates: map[string]bool{},
		actions: map[string]bool{}, actionUpdates: map[string]bool{}, agreement: map[string]bool{}}
}

func (p pending) empty() bool {
	return len(p.steps) == 0 && !p.layout && !p.pos && !p.round && len(p.anxieties) == 0 && len(p.anxietyUpdates) == 0 &&
		len(p.actions) == 0 && len(p.actionUpdates) == 0 && len(p.agreement) == 0 && len(p.deleted) == 0
}

// merge puts back what a failed save took, without losing newer changes.
func (p *pending) merge(o pending) {
	for _, pair := range [][2]map[string]bool{
		{p.steps, o.steps}, {p.anxieties, o.anxieties}, {p.anxietyUpdates, o.anxietyUpdates},
		{p.actions, o.actions}, {p.actionUpdates, o.actionUpdates}, {p.agreement, o.agreement},
	} {
		maps.Copy(pair[0], pair[1])
	}
	p.layout = p.layout || o.layout
	p.round = p.round || o.round
	p.pos = true
	p.deleted = append(o.deleted, p.deleted...)
}

// progress builds the Progress that writes everything pending.
func (p pending) progress(s model.Session, l model.Ledger) model.Progress {
	pr := model.ProgressOf(s, slices.Sorted(maps.Keys(p.steps)), p.layout)
	for _, a := range l.Anxieties {
		if p.anxieties[a.ID] {
			pr.Anxieties = append(pr.Anxieties, a)
		}
		for _, u := range a.History {
			if p.anxietyUpdates[u.ID] {
				pr.AnxietyUpdates = append(pr.AnxietyUpdates, u)
			}
		}
	}
	for _, a := range l.Actions {
		if p.actions[a.ID] {
			pr.Actions = append(pr.Actions, a)
		}
		for _, u := range a.History {
			if p.actionUpdates[u.ID] {
				pr.ActionUpdates = append(pr.ActionUpdates, u)
			}
		}
	}
	for _, d := range p.deleted {
		switch v := d.(type) {
		case model.Anxiety:
			pr.Anxieties = append(pr.Anxieties, v)
		case model.Action:
			pr.Actions = append(pr.Actions, v)
		}
	}
	for topic, it := range l.AgreementIn(s.ID) {
		if p.agreement[topic] {
			pr.Agreement = append(pr.Agreement, it)
		}
	}
	return pr
}

// changed schedules a save after something was edited.
func (r *runner) changed() tea.Cmd {
	if r.pend.empty() {
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
		r.pend.steps[r.sess.CurrentKey] = true
	}
	if r.note.Rev() != r.noteRev {
		r.sess, _ = model.Apply(r.sess, model.SetNote{Text: r.note.Value()}, now)
		r.noteRev = r.note.Rev()
		r.pend.steps[r.sess.CurrentKey] = true
	}
}

// flush writes everything not yet on disk, one save at a time.
func (r *runner) flush() tea.Cmd {
	if !r.loaded {
		return nil
	}
	r.sync()
	if r.inFlight || r.pend.empty() {
		return nil
	}
	taken := r.pend
	p := taken.progress(r.sess, r.ledger)
	if taken.round && r.round != nil {
		rd := r.round.rd
		rd.Timer.Phases = slices.Clone(rd.Timer.Phases) // written while the clock goes on
		p.Round = &rd
	}
	r.pend = newPending()
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
	if msg.err != nil {
		// Keep everything in memory and try again; nothing typed is lost.
		r.pend.merge(msg.taken)
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
	recovered := r.saveErr != nil
	r.saveErr, r.retry, r.everSaved = nil, 0, true
	var cmds []tea.Cmd
	if recovered {
		cmds = append(cmds, showStatus(r.env.t("runner.saveRecovered")))
	}
	if !r.pend.empty() {
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
	return r.inFlight || !r.pend.empty() || r.answer.Rev() != r.answerRev || r.note.Rev() != r.noteRev
}
