package tui

import (
	"fmt"
	"slices"

	"bansou/model"
)

// Changes to the engagement's ledger made during a session. Each one changes
// the runner's copy and marks the entry for the next save.

func anxietyID(a model.Anxiety) string { return a.ID }
func actionID(a model.Action) string   { return a.ID }

// put replaces the entry with v's id in list, or appends v.
func put[T any](list []T, v T, id func(T) string) []T {
	if i := slices.IndexFunc(list, func(x T) bool { return id(x) == id(v) }); i >= 0 {
		list[i] = v
		return list
	}
	return append(list, v)
}

// take removes the entry with the id from list and returns it.
func take[T any](list []T, key string, id func(T) string) ([]T, T, bool) {
	var gone T
	i := slices.IndexFunc(list, func(x T) bool { return id(x) == key })
	if i < 0 {
		return list, gone, false
	}
	gone = list[i]
	return slices.Delete(list, i, i+1), gone, true
}

// putAnxiety adds or replaces a worry.
func (r *runner) putAnxiety(a model.Anxiety) {
	a.UpdatedAt = r.env.now()
	if a.CreatedAt.IsZero() {
		a.CreatedAt = a.UpdatedAt
	}
	r.ledger.Anxieties = put(r.ledger.Anxieties, a, anxietyID)
	r.pend.anxieties[a.ID] = true
}

// deleteAnxiety removes a worry recorded by mistake.
func (r *runner) deleteAnxiety(id string) {
	var gone model.Anxiety
	var ok bool
	if r.ledger.Anxieties, gone, ok = take(r.ledger.Anxieties, id, anxietyID); ok {
		delete(r.pend.anxieties, id)
		gone.Deleted = true
		r.pend.deleted = append(r.pend.deleted, gone)
	}
}

// setAnxietyStatus records how a worry stands in this session (one update
// per session, changed in place when set again).
func (r *runner) setAnxietyStatus(id string, status model.AnxietyStatus, note string) {
	i := slices.IndexFunc(r.ledger.Anxieties, func(x model.Anxiety) bool { return x.ID == id })
	if i < 0 {
		return
	}
	a := &r.ledger.Anxieties[i]
	j := slices.IndexFunc(a.History, func(u model.AnxietyUpdate) bool { return u.SessionID == r.sess.ID })
	if j < 0 {
		a.History = append(a.History, model.AnxietyUpdate{ID: model.NewID(), AnxietyID: id, SessionID: r.sess.ID})
		j = len(a.History) - 1
	}
	u := &a.History[j]
	u.Status, u.Note, u.At = status, note, r.env.now()
	r.pend.anxietyUpdates[u.ID] = true
}

// putAction adds or replaces an action.
func (r *runner) putAction(a model.Action) {
	a.UpdatedAt = r.env.now()
	if a.CreatedAt.IsZero() {
		a.CreatedAt = a.UpdatedAt
	}
	r.ledger.Actions = put(r.ledger.Actions, a, actionID)
	r.pend.actions[a.ID] = true
}

// deleteAction removes an action recorded by mistake.
func (r *runner) deleteAction(id string) {
	var gone model.Action
	var ok bool
	if r.ledger.Actions, gone, ok = take(r.ledger.Actions, id, actionID); ok {
		delete(r.pend.actions, id)
		gone.Deleted = true
		r.pend.deleted = append(r.pend.deleted, gone)
	}
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
	it.SessionID, it.SessionStarted = r.sess.ID, r.sess.StartedAt
	it.UpdatedAt = r.env.now()
	r.ledger.Agreement = put(r.ledger.Agreement, it, func(x model.AgreementItem) string {
		return fmt.Sprint(x.SessionID, "/", x.Topic)
	})
	r.pend.agreement[it.Topic] = true
}
