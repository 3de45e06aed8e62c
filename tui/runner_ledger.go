package tui

import (
	"slices"

	"bansou/model"
)

// Changes to the engagement's ledger made during a session. Each one changes
// the runner's copy and marks the entry for the next save.

// putAnxiety adds or replaces a worry.
func (r *runner) putAnxiety(a model.Anxiety) {
	a.UpdatedAt = r.env.now()
	if i := slices.IndexFunc(r.ledger.Anxieties, func(x model.Anxiety) bool { return x.ID == a.ID }); i >= 0 {
		r.ledger.Anxieties[i] = a
	} else {
		a.CreatedAt = a.UpdatedAt
		r.ledger.Anxieties = append(r.ledger.Anxieties, a)
	}
	r.pend.anxieties[a.ID] = true
}

// deleteAnxiety removes a worry recorded by mistake.
func (r *runner) deleteAnxiety(id string) {
	i := slices.IndexFunc(r.ledger.Anxieties, func(x model.Anxiety) bool { return x.ID == id })
	if i < 0 {
		return
	}
	gone := r.ledger.Anxieties[i]
	r.ledger.Anxieties = slices.Delete(r.ledger.Anxieties, i, i+1)
	delete(r.pend.anxieties, id)
	gone.Deleted = true
	r.pend.deleted = append(r.pend.deleted, gone)
}

// setAnxietyStatus records how a worry stands in this session (one update
// per session, changed in place when set again).
func (r *runner) setAnxietyStatus(id string, status model.AnxietyStatus, note string) {
	i := slices.IndexFunc(r.ledger.Anxieties, func(x model.Anxiety) bool { return x.ID == id })
	if i < 0 {
		return
	}
	a := &r.ledger.Anxieties[i]
	now := r.env.now()
	j := slices.IndexFunc(a.History, func(u model.AnxietyUpdate) bool { return u.SessionID == r.sess.ID })
	if j < 0 {
		a.History = append(a.History, model.AnxietyUpdate{ID: model.NewID(), AnxietyID: id, SessionID: r.sess.ID})
		j = len(a.History) - 1
	}
	u := &a.History[j]
	u.Status, u.Note, u.At = status, note, now
	r.pend.anxietyUpdates[u.ID] = true
}

// putAction adds or replaces an action.
func (r *runner) putAction(a model.Action) {
	a.UpdatedAt = r.env.now()
	if i := slices.IndexFunc(r.ledger.Actions, func(x model.Action) bool { return x.ID == a.ID }); i >= 0 {
		r.ledger.Actions[i] = a
	} else {
		a.CreatedAt = a.UpdatedAt
		r.ledger.Actions = append(r.ledger.Actions, a)
	}
	r.pend.actions[a.ID] = true
}

// deleteAction removes an action recorded by mistake.
func (r *runner) deleteAction(id string) {
	i := slices.IndexFunc(r.ledger.Actions, func(x model.Action) bool { return x.ID == id })
	if i < 0 {
		return
	}
	gone := r.ledger.Actions[i]
	r.ledger.Actions = slices.Delete(r.ledger.Actions, i, i+1)
	delete(r.pend.actions, id)
	gone.Deleted = true
	r.pend.deleted = append(r.pend.deleted, gone)
}

// setActionOutcome records what came of an action, in this session.
func (r *runner) setActionOutcome(id string, outcome model.Outcome, note string) {
	i := slices.IndexFunc(r.ledger.Actions, func(x model.Action) bool { return x.ID == id })
	if i < 0 {
		return
	}
	a := &r.ledger.Actions[i]
	j := slices.IndexFunc(a.History, func(u model.ActionUpdate) bool { return u.SessionID == r.sess.ID })
	if j < 0 {
		a.History = append(a.History, model.ActionUpdate{ID: model.NewID(), ActionID: id, SessionID: r.sess.ID})
		j = len(a.History) - 1
	}
	u := &a.History[j]
	u.Outcome, u.Note, u.At = outcome, note, r.env.now()
	r.pend.actionUpdates[u.ID] = true
}

// putAgreement records a topic of the agreement as it stands in this
// session.
func (r *runner) putAgreement(it model.AgreementItem) {
	it.SessionID = r.sess.ID
	it.UpdatedAt = r.env.now()
	i := slices.IndexFunc(r.ledger.Agreement, func(x model.AgreementItem) bool {
		return x.SessionID == it.SessionID && x.Topic == it.Topic
	})
	if i >= 0 {
		r.ledger.Agreement[i] = it
	} else {
		r.ledger.Agreement = append(r.ledger.Agreement, it)
	}
	r.pend.agreement[it.Topic] = true
}
