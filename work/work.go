// Package work is the use case of holding a session, the one engine under
// every front-end (the full-screen interface, the accessible mode): claim
// the session or take it over, read it with what it needs, change it by
// events and ledger edits while keeping track of what is not yet on disk,
// give that as one model.Progress to save, take the result of the save,
// and let go of the session. It owns the rules; a front-end owns only the
// timing (when to save, in which goroutine) and the presentation (how to
// ask, what to say).
//
// A Work is not safe for concurrent use: a front-end calls it from one
// goroutine and runs only the store calls (Open, a save of what Take gave,
// Release) elsewhere.
package work

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"bansou/model"
)

// Work is one session being held.
type Work struct {
	Sess   model.Session
	Eng    model.Engagement // zero for a session without an engagement
	Ledger model.Ledger     // the engagement's worries, actions and agreement
	Flow   *model.Flow      // nil if the flow is no longer in the content

	// Round is a peer round's record (its clock above all), nil for any
	// other session; Format is its format in the content, if still there.
	Round  *model.PeerRound
	Format *model.RoundFormat
	// ClockStopped: the round's clock was running when the bansou holding
	// it stopped; it was paused where it stood, to be saved.
	ClockStopped bool
	// Room: on a server, the session has a room its holder is in (a round
	// or an agreement people joined). A round's clock running in a room
	// went on for everyone while its holder was away: it is left running.
	Room bool

	// History holds the self-reviews before this one, Feedback what
	// learners said about the support: beside each skill of a
	// self-review (see SkillNotes).
	History  model.History
	Feedback []model.FeedbackNote
	// States are the companion's engagements as the balance warnings
	// read them, for the skills a self-review suggests (see FocusRows).
	States []model.EngagementState
	// Ratings are others' ratings of the companion, and Rounds the peer
	// rounds whose next actions may practise a skill: both for the
	// suggestions too.
	Ratings []model.PeerRating
	Rounds  []model.RoundEntry

	// hintType is the kind of companion whose hints were asked for
	// (empty: the holder's).
	hintType model.CompanionType
	// focusBasis is what FocusRows works out once a day from States and
	// Feedback, both read by Open.
	focusBasis struct {
		ready  bool
		day    model.Date
		warns  []model.Warning
		voices map[string][]model.FeedbackNote
	}

	lib  *model.Library
	now  func() time.Time
	pend model.Pending
	// flying is what the save under way carries (from Take to Saved).
	flying model.Pending
	// conflicts are the worries and actions a save found changed by
	// someone else since this window read them: kept here as typed, and
	// not saved from here again (see Saved).
	conflicts map[string]bool
	err       error // the last save's failure; nil after one that worked
}

// Open claims session id for this front-end (or, with takeOver, takes it
// from the one holding it), then reads it with what it needs, so that
// nothing saved elsewhere before the claim is missing. A session open in
// another running front-end fails with model.ErrOpenElsewhere.
func Open(ctx context.Context, store model.Store, lib *model.Library, id int64, takeOver bool,
	now func() time.Time) (*Work, error) {
	var err error
	if takeOver {
		err = store.TakeOverSession(ctx, id)
	} else {
		err = store.SetSessionOpen(ctx, id, true)
	}
	if err != nil {
		return nil, err
	}
	w := &Work{lib: lib, now: now, pend: model.NewPending(), flying: model.NewPending()}
	if w.Sess, err = store.Session(ctx, id); err != nil {
		return nil, err
	}
	if w.Sess.EngagementID != 0 {
		if w.Eng, err = store.Engagement(ctx, w.Sess.EngagementID); err != nil {
			return nil, err
		}
		if w.Ledger, err = store.Ledger(ctx, w.Sess.EngagementID); err != nil {
			return nil, err
		}
	}
	w.Flow, _ = lib.Flow(w.Sess.FlowID)
	if w.Sess.IsSelfReview() {
		reviews, err := store.SoloSessions(ctx, model.SelfReviewFlowID)
		if err != nil {
			return nil, err
		}
		w.History = model.HistoryOf(ReviewsBefore(reviews, w.Sess))
		if w.Feedback, err = store.Feedback(ctx); err != nil {
			return nil, err
		}
		if w.States, err = store.States(ctx); err != nil {
			return nil, err
		}
		if w.Ratings, err = store.PeerRatings(ctx); err != nil {
			return nil, err
		}
		if w.Rounds, err = store.Rounds(ctx); err != nil && !errors.Is(err, model.ErrNotAllowed) {
			return nil, err
		}
	}
	if rooms, ok := store.(model.Rooms); ok {
		_, err := rooms.Room(ctx, id)
		w.Room = err == nil
	}
	if w.Sess.IsRound() {
		rd, err := store.Round(ctx, id)
		if err != nil && !errors.Is(err, model.ErrNotFound) {
			return nil, err
		}
		if lib.Rounds != nil {
			w.Format, _ = lib.Rounds.Format(w.Sess.RoundFormatID())
		}
		if w.Room && rd.Timer.Running() && rd.LeftRunning {
			// The room's clock: it kept counting for the people in it.
			rd.LeftRunning = false
			w.pend.Round = true
		} else if rd.Resume(w.Sess, w.Format) {
			w.ClockStopped = true
			w.pend.Round = true
		}
		rd.SessionID = id
		w.Round = &rd
	}
	return w, nil
}

// ReviewsBefore keeps the self-reviews started before s (the history s is
// compared with).
func ReviewsBefore(reviews []model.Session, s model.Session) []model.Session {
	return slices.DeleteFunc(slices.Clone(reviews), func(r model.Session) bool {
		return !r.StartedAt.Before(s.StartedAt) && !(r.StartedAt.Equal(s.StartedAt) && r.ID < s.ID)
	})
}

// Now is the time as the front-end's clock gives it.
func (w *Work) Now() time.Time { return w.now() }

// Apply runs a flow event on the session and marks for the next save what
// it changed: the current step's content, the list of steps, the position.
func (w *Work) Apply(ev model.Event) error {
	before := w.Sess
	next, err := model.Apply(w.Sess, ev, w.now())
	if err != nil {
		return err
	}
	w.Sess = next
	if len(next.Steps) != len(before.Steps) {
		w.pend.Layout = true
	}
	for _, key := range []string{before.CurrentKey, next.CurrentKey} {
		old, had := before.Step(key)
		cur, has := next.Step(key)
		if had && has && !sameContent(old, cur) {
			w.pend.Steps[key] = true
		}
	}
	w.pend.Pos = true
	return nil
}

// sameContent reports whether a step's recorded content is unchanged.
func sameContent(a, b model.Step) bool {
	return a.Answer == b.Answer && a.Note == b.Note && a.Value == b.Value && a.Target == b.Target && a.Skill == b.Skill &&
		slices.Equal(a.Choices, b.Choices) && a.Skipped == b.Skipped && a.AnswerPrivate == b.AnswerPrivate &&
		a.NoteShared == b.NoteShared
}

// SetAnswer puts the front-end's words into the current step's answer and
// marks the step for the next save. The session is changed where it is,
// not copied: a key in the last answer of a flow of thousands of prompts
// stays cheap.
func (w *Work) SetAnswer(text string) { w.setText(model.SetAnswer{Text: text}) }

// SetNote is SetAnswer for the companion's note.
func (w *Work) SetNote(text string) { w.setText(model.SetNote{Text: text}) }

func (w *Work) setText(ev model.Event) {
	if len(w.Sess.Steps) == 0 {
		return
	}
	if err := model.Edit(&w.Sess, ev, w.now()); err == nil {
		w.pend.Steps[w.Sess.CurrentKey] = true
	}
}

// Edited marks the current step as changed by the front-end's own
// editors, whose words it puts into the session (Apply with SetAnswer or
// SetNote) before the next Take: a front-end need not copy a long text on
// every key to have it saved.
func (w *Work) Edited() { w.pend.Steps[w.Sess.CurrentKey] = true }

// Moved marks the position (the step, or the place in it) for the next
// save, when nothing else changed.
func (w *Work) Moved() { w.pend.Pos = true }

// RoundChanged marks a peer round's record (its clock) for the next save.
func (w *Work) RoundChanged() { w.pend.Round = true }

// PauseClock stops a running round clock where it stands, as leaving or
// quitting does, and reports whether it was running.
func (w *Work) PauseClock() bool {
	if w.Round == nil || !w.Round.Timer.Running() {
		return false
	}
	w.Round.Timer.Pause(w.now())
	w.pend.Round = true
	return true
}

// PromptFor returns the content prompt behind a step: its own, or for a
// follow-up the prompt it digs into, as it reads for HintType; for a
// self-review's practice, the outcomes it offers.
func (w *Work) PromptFor(st model.Step) (model.Prompt, bool) {
	if p, ok := model.PracticePrompt(st); ok {
		return p, true
	}
	if w.Flow == nil {
		return model.Prompt{}, false
	}
	root, ok := w.Sess.Step(w.Sess.RootOf(st.Key))
	if !ok || root.Kind != model.StepPrompt {
		return model.Prompt{}, false
	}
	p, ok := w.Flow.Prompt(root.PromptID)
	return p.For(w.HintType()), ok
}

// HintType is the kind of companion whose version of the prompts the
// hints show: the holder's (the sending side's when the holder did not
// say), unless another was asked for with OtherHintType.
func (w *Work) HintType() model.CompanionType {
	switch {
	case w.hintType.Valid():
		return w.hintType
	case w.Sess.HolderType.Valid():
		return w.Sess.HolderType
	}
	return model.Sending
}

// OtherHintType shows the hints as the next kind of companion reads them,
// coming back to the holder's after the last; it returns the type now
// shown.
func (w *Work) OtherHintType() model.CompanionType {
	ts := model.CompanionTypes
	w.hintType = ts[(slices.Index(ts, w.HintType())+1)%len(ts)]
	return w.hintType
}

// OwnHints reports whether the hints shown are the holder's own version.
func (w *Work) OwnHints() bool {
	own := w.Sess.HolderType
	if !own.Valid() {
		own = model.Sending
	}
	return w.HintType() == own
}

// Leave finishes the session, or keeps it for later (opening a finished
// one again).
func (w *Work) Leave(finish bool) error {
	switch {
	case finish:
		return w.Apply(model.Finish{})
	case w.Sess.Status == model.Done:
		return w.Apply(model.Reopen{})
	}
	return nil
}

// FeedbackSkills are the skills a part of the learner's feedback speaks
// to: the companion's choice kept on its step, else those its words name
// (see model.SkillMap.FeedbackSkills).
func (w *Work) FeedbackSkills(st model.Step) []string {
	if st.Kind != model.StepFeedback {
		return nil
	}
	var flowSkills []string
	if w.Flow != nil {
		flowSkills = w.Flow.Skills
	}
	return w.lib.Skills.FeedbackSkills(st.PromptID, st.Answer, st.Choices, flowSkills)
}

// ToggleFeedbackSkill adds the skill to the current part of the learner's
// feedback, or takes it away, starting from the skills it speaks to now;
// the result is the companion's choice (model.TagFeedback).
func (w *Work) ToggleFeedbackSkill(skillID string) error {
	m := w.lib.Skills
	if _, ok := m.Skill(skillID); !ok {
		return fmt.Errorf("%w: %q", model.ErrNotFeedback, skillID)
	}
	st, _ := w.Sess.Current()
	tags := w.FeedbackSkills(st)
	if i := slices.Index(tags, skillID); i >= 0 {
		tags = slices.Delete(tags, i, i+1)
	} else {
		tags = append(tags, skillID)
	}
	var ordered []string
	for _, id := range m.IDs() {
		if slices.Contains(tags, id) {
			ordered = append(ordered, id)
		}
	}
	return w.Apply(model.TagFeedback{Skills: ordered})
}
