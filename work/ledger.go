package work

import (
	"slices"
	"time"

	"bansou/model"
)

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

// FocusRows are the skills as a self-review's choice of skills to develop
// shows them, with the suggestions and their reasons (see model.FocusRows):
// the balance warnings are those of the companion's engagements today,
// reading days in loc.
func (w *Work) FocusRows(loc *time.Location) []model.FocusRow {
	m := w.lib.Skills
	if m == nil {
		return nil
	}
	if loc == nil {
		loc = time.UTC
	}
	// The warnings and the learners' voice come from what Open read and
	// change only with the day: worked out once a day, not on every frame
	// the focus panel draws.
	today := model.DateOf(w.now().In(loc))
	if c := &w.focusBasis; !c.ready || c.day != today {
		c.warns = nil
		for _, st := range w.States {
			c.warns = append(c.warns, model.Warnings(today, loc, st)...)
		}
		c.voices = map[string][]model.FeedbackNote{}
		for _, sk := range m.Skills {
			c.voices[sk.ID] = w.lib.FeedbackFor(w.Feedback, sk.ID)
		}
		c.day, c.ready = today, true
	}
	return model.FocusRows(model.FocusInput{Map: m, Session: w.Sess, History: w.History, Voices: w.focusBasis.voices,
		Warnings: w.focusBasis.warns, Type: w.Sess.HolderType, Ratings: w.Ratings, Rounds: w.Rounds})
}

// Refresh takes the engagement's ledger as read again from the store after
// another member changed it, keeping what is this window's: every worry
// and action it changed and has not saved yet (or is saving), those named
// in holding (open in a form here), those a save found changed elsewhere
// (Conflicts), and every status, outcome and agreement topic recorded in
// this session, which only this window writes. The rest is the store's:
// others' new entries, and others' changes to entries this window is not
// changing. Nothing typed here is dropped.
func (w *Work) Refresh(read model.Ledger, holding ...string) {
	mine := map[string]bool{}
	for _, p := range []model.Pending{w.pend, w.flying} {
		for id := range p.Anxieties {
			mine[id] = true
		}
		for id := range p.Actions {
			mine[id] = true
		}
		for _, d := range p.Deleted {
			switch v := d.(type) {
			case model.Anxiety:
				mine[v.ID] = true
			case model.Action:
				mine[v.ID] = true
			}
		}
	}
	for _, id := range holding {
		mine[id] = true
	}
	for id := range w.conflicts {
		mine[id] = true
	}
	sid, old := w.Sess.ID, w.Ledger
	w.Ledger = model.Ledger{
		Anxieties: refreshed(old.Anxieties, read.Anxieties, mine,
			func(a model.Anxiety) string { return a.ID },
			func(a, here model.Anxiety) model.Anxiety {
				a.History = withUpdatesOf(sid, a.History, here.History,
					func(u model.AnxietyUpdate) (int64, time.Time) { return u.SessionID, u.At })
				return a
			},
			func(a model.Anxiety) bool { _, ok := a.UpdateIn(sid); return ok }),
		Actions: refreshed(old.Actions, read.Actions, mine,
			func(a model.Action) string { return a.ID },
			func(a, here model.Action) model.Action {
				a.History = withUpdatesOf(sid, a.History, here.History,
					func(u model.ActionUpdate) (int64, time.Time) { return u.SessionID, u.At })
				return a
			},
			func(a model.Action) bool { _, ok := a.UpdateIn(sid); return ok }),
	}
	for _, it := range read.Agreement {
		if it.SessionID != sid {
			w.Ledger.Agreement = append(w.Ledger.Agreement, it)
		}
	}
	for _, it := range old.Agreement {
		if it.SessionID == sid {
			w.Ledger.Agreement = append(w.Ledger.Agreement, it)
		}
	}
}

// refreshed merges a list of entries read again (read) with this window's
// (here): an entry of mine is this window's copy (left out if removed
// here); any other is the store's, given this session's updates from here
// (withMine). An entry only here stays if it is mine or has an update of
// this session.
func refreshed[T any](here, read []T, mine map[string]bool, id func(T) string,
	withMine func(stored, here T) T, updatedHere func(T) bool) []T {
	byID := make(map[string]T, len(here))
	for _, e := range here {
		byID[id(e)] = e
	}
	var out []T
	seen := map[string]bool{}
	for _, e := range read {
		k := id(e)
		seen[k] = true
		h, ok := byID[k]
		switch {
		case mine[k] && ok:
			out = append(out, h)
		case mine[k]: // removed here, not saved yet
		case ok:
			out = append(out, withMine(e, h))
		default:
			out = append(out, e)
		}
	}
	for _, e := range here {
		if k := id(e); !seen[k] && (mine[k] || updatedHere(e)) {
			out = append(out, e)
		}
	}
	return out
}

// withUpdatesOf replaces, in a history read again, the updates of session
// sid by this window's, in the order they were made.
func withUpdatesOf[U any](sid int64, read, here []U, of func(U) (int64, time.Time)) []U {
	var out []U
	for _, u := range read {
		if s, _ := of(u); s != sid {
			out = append(out, u)
		}
	}
	for _, u := range here {
		if s, _ := of(u); s == sid {
			out = append(out, u)
		}
	}
	slices.SortStableFunc(out, func(a, b U) int {
		_, x := of(a)
		_, y := of(b)
		return x.Compare(y)
	})
	return out
}
