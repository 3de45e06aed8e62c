package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Changes made to a ledger during a session. Both interfaces (the full
// screen and the plain text mode) edit the ledger through these, so that a
// worry, an action or a topic of the agreement is recorded the same way
// whichever was used.

// NewAnxiety is a worry just voiced in a session. It is private until the
// learner agrees to share it: worries are voiced frankly only where they are
// kept in confidence (guideline L1081–L1088: family and private life too),
// and a companion never passes on what the learner does not want passed on
// (skill map, liaison and reflection: L2303–L2449). Sharing is a choice
// made for each worry, with the learner.
func NewAnxiety(engagementID, sessionID int64, stepKey, text string) Anxiety {
	return Anxiety{ID: NewID(), EngagementID: engagementID, SessionID: sessionID, StepKey: stepKey, Text: text, Private: true}
}

// PutAnxiety adds or replaces a worry, stamping when it changed (and when it
// was first voiced), and returns it as stored.
func (l *Ledger) PutAnxiety(a Anxiety, now time.Time) Anxiety {
	if i := slices.IndexFunc(l.Anxieties, func(x Anxiety) bool { return x.ID == a.ID }); i >= 0 && a.Read.IsZero() {
		a.Read = l.Anxieties[i].Read // the version this edit is of
	}
	a.UpdatedAt = now
	if a.CreatedAt.IsZero() {
		a.CreatedAt = now
	}
	l.Anxieties = put(l.Anxieties, a, func(x Anxiety) string { return x.ID })
	return a
}

// RemoveAnxiety takes out a worry recorded by mistake and returns it marked
// Deleted, for the save that removes it.
func (l *Ledger) RemoveAnxiety(id string) (Anxiety, bool) {
	var gone Anxiety
	var ok bool
	if l.Anxieties, gone, ok = take(l.Anxieties, id, func(x Anxiety) string { return x.ID }); ok {
		gone.Deleted = true
	}
	return gone, ok
}

// SetAnxietyStatus records how a worry stands in a session: one update per
// session, changed in place when set again.
func (l *Ledger) SetAnxietyStatus(id string, sessionID int64, status AnxietyStatus, note string, now time.Time) (AnxietyUpdate, bool) {
	i := slices.IndexFunc(l.Anxieties, func(x Anxiety) bool { return x.ID == id })
	if i < 0 {
		return AnxietyUpdate{}, false
	}
	a := &l.Anxieties[i]
	j := slices.IndexFunc(a.History, func(u AnxietyUpdate) bool { return u.SessionID == sessionID })
	if j < 0 {
		a.History = append(a.History, AnxietyUpdate{ID: NewID(), AnxietyID: id, SessionID: sessionID})
		j = len(a.History) - 1
	}
	u := &a.History[j]
	u.Status, u.Note, u.At = status, note, now
	return *u, true
}

// PutAction adds or replaces an action and returns it as stored.
func (l *Ledger) PutAction(a Action, now time.Time) Action {
	if i := slices.IndexFunc(l.Actions, func(x Action) bool { return x.ID == a.ID }); i >= 0 && a.Read.IsZero() {
		a.Read = l.Actions[i].Read
	}
	a.UpdatedAt = now
	if a.CreatedAt.IsZero() {
		a.CreatedAt = now
	}
	l.Actions = put(l.Actions, a, func(x Action) string { return x.ID })
	return a
}

// RemoveAction takes out an action recorded by mistake and returns it
// marked Deleted.
func (l *Ledger) RemoveAction(id string) (Action, bool) {
	var gone Action
	var ok bool
	if l.Actions, gone, ok = take(l.Actions, id, func(x Action) string { return x.ID }); ok {
		gone.Deleted = true
	}
	return gone, ok
}

// SetActionOutcome records what came of an action, in a session.
func (l *Ledger) SetActionOutcome(id string, sessionID int64, outcome Outcome, note string, now time.Time) (ActionUpdate, bool) {
	i := slices.IndexFunc(l.Actions, func(x Action) bool { return x.ID == id })
	if i < 0 {
		return ActionUpdate{}, false
	}
	a := &l.Actions[i]
	j := slices.IndexFunc(a.History, func(u ActionUpdate) bool { return u.SessionID == sessionID })
	if j < 0 {
		a.History = append(a.History, ActionUpdate{ID: NewID(), ActionID: id, SessionID: sessionID})
		j = len(a.History) - 1
	}
	u := &a.History[j]
	u.Outcome, u.Note, u.At = outcome, note, now
	return *u, true
}

// ShareAnxietyNote marks the note on how a worry stands in a session as
// shared or private, recording the worry's status as it stood if the
// session has not recorded one yet.
func (l *Ledger) ShareAnxietyNote(id string, sessionID int64, shared bool, now time.Time) (AnxietyUpdate, bool) {
	i := slices.IndexFunc(l.Anxieties, func(x Anxiety) bool { return x.ID == id })
	if i < 0 {
		return AnxietyUpdate{}, false
	}
	u, _ := l.Anxieties[i].UpdateIn(sessionID)
	if u.Status == "" {
		u.Status = StatusBefore(l.Anxieties[i], sessionID)
	}
	u, ok := l.SetAnxietyStatus(id, sessionID, u.Status, u.Note, now)
	j := slices.IndexFunc(l.Anxieties[i].History, func(x AnxietyUpdate) bool { return x.ID == u.ID })
	l.Anxieties[i].History[j].NoteShared = shared
	u.NoteShared = shared
	return u, ok
}

// ShareActionNote marks the note on what came of an action in a session as
// shared or private, recording the outcome as it stood if the session has
// not recorded one yet.
func (l *Ledger) ShareActionNote(id string, sessionID int64, shared bool, now time.Time) (ActionUpdate, bool) {
	i := slices.IndexFunc(l.Actions, func(x Action) bool { return x.ID == id })
	if i < 0 {
		return ActionUpdate{}, false
	}
	u, _ := l.Actions[i].UpdateIn(sessionID)
	if u.Outcome == "" {
		u.Outcome = OutcomeBefore(l.Actions[i], sessionID)
	}
	u, ok := l.SetActionOutcome(id, sessionID, u.Outcome, u.Note, now)
	j := slices.IndexFunc(l.Actions[i].History, func(x ActionUpdate) bool { return x.ID == u.ID })
	l.Actions[i].History[j].NoteShared = shared
	u.NoteShared = shared
	return u, ok
}

// PutAgreement records a topic of the agreement as it stands in session s.
func (l *Ledger) PutAgreement(it AgreementItem, s Session, now time.Time) AgreementItem {
	it.SessionID, it.SessionStarted = s.ID, s.StartedAt
	it.UpdatedAt = now
	l.Agreement = put(l.Agreement, it, func(x AgreementItem) string {
		return fmt.Sprint(x.SessionID, "/", x.Topic)
	})
	return it
}

// AgreementDraft is where a session's work on a topic starts: what this
// session recorded, else what was agreed before it; the second result is
// what was agreed before, if anything.
func (l Ledger) AgreementDraft(s Session, topic, title string) (draft, before AgreementItem, hadBefore bool) {
	before, hadBefore = l.AgreedBefore(s)[topic]
	if it, ok := l.AgreementIn(s.ID)[topic]; ok {
		draft = it
	} else if hadBefore {
		draft = before
	}
	draft.Topic, draft.Title = topic, title
	return draft, before, hadBefore
}

// AnxietiesToReview are the worries a session asks about: those voiced in an
// earlier session, with words, that stood open or easing before it or
// that happened and have not been asked about since (AskHowCoped), and
// those it has already updated. The list is fixed for the session, so
// nothing jumps away as statuses change.
func (l Ledger) AnxietiesToReview(sessionID int64) []Anxiety {
	return where(l.Anxieties, func(a Anxiety) bool {
		if a.SessionID == sessionID {
			return false
		}
		if _, here := a.UpdateIn(sessionID); here {
			return true
		}
		if strings.TrimSpace(a.Text) == "" {
			return false // no words: nothing to ask about
		}
		before := StatusBefore(a, sessionID)
		return before == AnxietyOpen || before == AnxietyEasing || AskHowCoped(a, sessionID)
	})
}

// AnxietiesToAsk are the worries session s brings back (AnxietiesToReview),
// but in a three-party session, the agreement held with both
// organisations at the table, only the shared ones: a private worry is
// the learner's confidence, never raised in front of others.
func (l Ledger) AnxietiesToAsk(s Session) []Anxiety {
	return where(l.AnxietiesToReview(s.ID), func(a Anxiety) bool { return !a.Private || s.Mode != ThreeParty })
}

// AskHowCoped reports whether a session asks how the learner coped with a
// worry that happened: it stood 「実際に起きた」 before the session, marked
// so by the latest update of another session, and no session since has
// recorded how it went. Once a later session has (a note, or the status
// again), it is no longer brought back; if it happens again after being
// open, it is asked about again.
func AskHowCoped(a Anxiety, sessionID int64) bool {
	var last, prev AnxietyStatus
	for _, u := range a.History {
		if u.SessionID != sessionID {
			last, prev = u.Status, last
		}
	}
	return last == AnxietyHappened && prev != AnxietyHappened
}

// ActionsToReview are the actions a session asks about: those from earlier
// sessions, with words, not yet tried, and those it has already updated.
func (l Ledger) ActionsToReview(sessionID int64) []Action {
	return where(l.Actions, func(a Action) bool {
		if a.SessionID == sessionID {
			return false
		}
		if _, here := a.UpdateIn(sessionID); here {
			return true
		}
		o := OutcomeBefore(a, sessionID)
		return strings.TrimSpace(a.Text) != "" && (o == OutcomePending || o == OutcomeNotTried)
	})
}

// StatusBefore is a worry's status before a session's own update.
func StatusBefore(a Anxiety, sessionID int64) AnxietyStatus {
	s := AnxietyOpen
	for _, u := range a.History {
		if u.SessionID != sessionID {
			s = u.Status
		}
	}
	return s
}

// OutcomeBefore is an action's outcome before a session's own update.
func OutcomeBefore(a Action, sessionID int64) Outcome {
	o := OutcomePending
	for _, u := range a.History {
		if u.SessionID != sessionID {
			o = u.Outcome
		}
	}
	return o
}

// ReviewOutcomes are the outcomes an action can be given when it comes back.
var ReviewOutcomes = []Outcome{OutcomeNotTried, OutcomeNoEffect, OutcomeWorked}

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

// PrepareSession builds a new session of flow for engagement e: a return
// checkpoint is given the next milestone, and what earlier sessions left
// open (worries, actions) is brought back at its start.
func PrepareSession(flow *Flow, e Engagement, sessions []SessionSummary, l Ledger, lang Lang, now time.Time, today Date) Session {
	s := NewSession(flow, e.ID, lang, now)
	s.AskAs(flow, e.MyType)
	if flow.Use == UseCheckpoint {
		s.Milestone = NextMilestone(e, sessions, today)
		s.FlowTitle += " · " + MilestoneLabel(s.Milestone, lang)
	}
	return CarryForward(s, l)
}
