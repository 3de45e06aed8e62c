package work

import "bansou/model"

// Changes to the engagement's ledger made during a session: each one
// changes the held copy (through the model's ledger edits) and marks the
// entry for the next save.

// PutAnxiety adds or replaces a worry and returns it as recorded.
func (w *Work) PutAnxiety(a model.Anxiety) model.Anxiety {
	a = w.Ledger.PutAnxiety(a, w.now())
	w.pend.Anxieties[a.ID] = true
	return a
}

// RemoveAnxiety removes a worry recorded by mistake.
func (w *Work) RemoveAnxiety(id string) {
	if gone, ok := w.Ledger.RemoveAnxiety(id); ok {
		delete(w.pend.Anxieties, id)
		w.pend.Deleted = append(w.pend.Deleted, gone)
	}
}

// SetAnxietyStatus records how a worry stands in this session.
func (w *Work) SetAnxietyStatus(id string, status model.AnxietyStatus, note string) {
	if u, ok := w.Ledger.SetAnxietyStatus(id, w.Sess.ID, status, note, w.now()); ok {
		w.pend.AnxietyUpdates[u.ID] = true
	}
}

// ShareAnxietyNote marks this session's note on a worry shared or private.
func (w *Work) ShareAnxietyNote(id string, shared bool) {
	if u, ok := w.Ledger.ShareAnxietyNote(id, w.Sess.ID, shared, w.now()); ok {
		w.pend.AnxietyUpdates[u.ID] = true
	}
}

// PutAction adds or replaces an action and returns it as recorded.
func (w *Work) PutAction(a model.Action) model.Action {
	a = w.Ledger.PutAction(a, w.now())
	w.pend.Actions[a.ID] = true
	return a
}

// RemoveAction removes an action recorded by mistake.
func (w *Work) RemoveAction(id string) {
	if gone, ok := w.Ledger.RemoveAction(id); ok {
		delete(w.pend.Actions, id)
		w.pend.Deleted = append(w.pend.Deleted, gone)
	}
}

// SetActionOutcome records what came of an action, in this session.
func (w *Work) SetActionOutcome(id string, outcome model.Outcome, note string) {
	if u, ok := w.Ledger.SetActionOutcome(id, w.Sess.ID, outcome, note, w.now()); ok {
		w.pend.ActionUpdates[u.ID] = true
	}
}

// ShareActionNote marks this session's note on an action shared or private.
func (w *Work) ShareActionNote(id string, shared bool) {
	if u, ok := w.Ledger.ShareActionNote(id, w.Sess.ID, shared, w.now()); ok {
		w.pend.ActionUpdates[u.ID] = true
	}
}

// PutAgreement records a topic of the agreement as it stands in this
// session.
func (w *Work) PutAgreement(it model.AgreementItem) {
	it = w.Ledger.PutAgreement(it, w.Sess, w.now())
	w.pend.Agreement[it.Topic] = true
}

// SkillNotes are what a self-review shows beside a skill: the rating given
// last time (ok false if the skill was never rated before, at the index
// into History of that review) and what learners said about the support in
// sessions exercising the skill, latest first.
func (w *Work) SkillNotes(skillID string) (last model.Rating, at int, voices []model.FeedbackNote) {
	last, at = w.History.Latest(len(w.History)-1, skillID)
	return last, at, w.lib.FeedbackFor(w.Feedback, skillID)
}
