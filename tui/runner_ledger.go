package tui

import "bansou/model"

// Changes to the engagement's ledger made during a session. Each one changes
// the runner's copy (through the model's ledger edits) and marks the entry
// for the next save.

// putAnxiety adds or replaces a worry.
func (r *runner) putAnxiety(a model.Anxiety) {
	a = r.ledger.PutAnxiety(a, r.env.now())
	r.pend.Anxieties[a.ID] = true
}

// deleteAnxiety removes a worry recorded by mistake.
func (r *runner) deleteAnxiety(id string) {
	if gone, ok := r.ledger.RemoveAnxiety(id); ok {
		delete(r.pend.Anxieties, id)
		r.pend.Deleted = append(r.pend.Deleted, gone)
	}
}

// setAnxietyStatus records how a worry stands in this session.
func (r *runner) setAnxietyStatus(id string, status model.AnxietyStatus, note string) {
	if u, ok := r.ledger.SetAnxietyStatus(id, r.sess.ID, status, note, r.env.now()); ok {
		r.pend.AnxietyUpdates[u.ID] = true
	}
}

// shareAnxietyNote marks this session's note on a worry shared or private.
func (r *runner) shareAnxietyNote(id string, shared bool) {
	if u, ok := r.ledger.ShareAnxietyNote(id, r.sess.ID, shared, r.env.now()); ok {
		r.pend.AnxietyUpdates[u.ID] = true
	}
}

// putAction adds or replaces an action.
func (r *runner) putAction(a model.Action) {
	a = r.ledger.PutAction(a, r.env.now())
	r.pend.Actions[a.ID] = true
}

// deleteAction removes an action recorded by mistake.
func (r *runner) deleteAction(id string) {
	if gone, ok := r.ledger.RemoveAction(id); ok {
		delete(r.pend.Actions, id)
		r.pend.Deleted = append(r.pend.Deleted, gone)
	}
}

// setActionOutcome records what came of an action, in this session.
func (r *runner) setActionOutcome(id string, outcome model.Outcome, note string) {
	if u, ok := r.ledger.SetActionOutcome(id, r.sess.ID, outcome, note, r.env.now()); ok {
		r.pend.ActionUpdates[u.ID] = true
	}
}

// shareActionNote marks this session's note on an action shared or private.
func (r *runner) shareActionNote(id string, shared bool) {
	if u, ok := r.ledger.ShareActionNote(id, r.sess.ID, shared, r.env.now()); ok {
		r.pend.ActionUpdates[u.ID] = true
	}
}

// putAgreement records a topic of the agreement as it stands in this
// session.
func (r *runner) putAgreement(it model.AgreementItem) {
	it = r.ledger.PutAgreement(it, r.sess, r.env.now())
	r.pend.Agreement[it.Topic] = true
}
