package model

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// NewID returns a random identifier for ledger entries. Ids are made where
// the entry is made, so that an entry keeps its identity across exports and
// imports.
func NewID() string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("no randomness: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// Term says whether a worry is about the near or the far future.
type Term string

// Terms.
const (
	ShortTerm Term = "short"
	LongTerm  Term = "long"
)

// AnxietyStatus is where a worry stands now.
type AnxietyStatus string

// Anxiety statuses.
const (
	AnxietyOpen     AnxietyStatus = "open"
	AnxietyEasing   AnxietyStatus = "easing"
	AnxietyResolved AnxietyStatus = "resolved"
	AnxietyHappened AnxietyStatus = "happened" // what was feared happened
)

// AnxietyStatuses lists the statuses in display order.
var AnxietyStatuses = []AnxietyStatus{AnxietyOpen, AnxietyEasing, AnxietyResolved, AnxietyHappened}

// Valid reports whether s is a known status.
func (s AnxietyStatus) Valid() bool { return slices.Contains(AnxietyStatuses, s) }

// Anxiety is one worry in an engagement's anxiety ledger, in the learner's
// words, with its history of dated statuses.
type Anxiety struct {
	ID           string          `json:"id"`
	EngagementID int64           `json:"engagement_id"`
	SessionID    int64           `json:"session_id"` // where it was first voiced
	StepKey      string          `json:"step_key"`
	Text         string          `json:"text"`
	Category     string          `json:"category"`
	Intensity    int             `json:"intensity"` // 1–5, 0 when not rated
	Term         Term            `json:"term"`
	Plan         string          `json:"plan"`    // the support plan
	Private      bool            `json:"private"` // kept to the companion
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
	History      []AnxietyUpdate `json:"history"`
	Deleted      bool            `json:"-"` // set to remove it when saving
	// Read is the time of last change of the version this copy was read
	// or last saved at (zero: never saved). A store refuses to save a copy
	// whose entry has changed since (EntryChangedError): another member
	// or window wrote it, and this copy would write over that.
	Read time.Time `json:"-"`
}

// AnxietyUpdate is a dated status of a worry, recorded in a later session.
type AnxietyUpdate struct {
	ID        string        `json:"id"`
	AnxietyID string        `json:"anxiety_id"`
	SessionID int64         `json:"session_id"`
	Status    AnxietyStatus `json:"status"`
	Note      string        `json:"note"`
	// NoteShared marks the note as readable by others; like every note
	// of the companion's it is private unless marked so, and never shown
	// where its worry is private.
	NoteShared bool      `json:"note_shared,omitempty"`
	At         time.Time `json:"at"`
}

// Status is the latest recorded status, or open.
func (a Anxiety) Status() AnxietyStatus {
	if n := len(a.History); n > 0 {
		return a.History[n-1].Status
	}
	return AnxietyOpen
}

// IsOpen reports whether the worry still needs attention: open or easing.
func (a Anxiety) IsOpen() bool {
	s := a.Status()
	return s == AnxietyOpen || s == AnxietyEasing
}

// UpdateIn returns the status update made in a session, if any.
func (a Anxiety) UpdateIn(sessionID int64) (AnxietyUpdate, bool) {
	for _, u := range a.History {
		if u.SessionID == sessionID {
			return u, true
		}
	}
	return AnxietyUpdate{}, false
}

// Owner is who an action belongs to.
type Owner string

// Owners.
const (
	OwnerLearner   Owner = "learner"
	OwnerCompanion Owner = "companion"
	OwnerSending   Owner = "sending"
	OwnerHost      Owner = "host"
)

// Owners lists the owners in display order.
var Owners = []Owner{OwnerLearner, OwnerCompanion, OwnerSending, OwnerHost}

// Outcome is what came of an action.
type Outcome string

// Outcomes. Pending means nothing is recorded yet.
const (
	OutcomePending  Outcome = "pending"
	OutcomeNotTried Outcome = "not_tried"
	OutcomeNoEffect Outcome = "no_effect"
	OutcomeWorked   Outcome = "worked"
)

// Outcomes lists the outcomes in display order.
var Outcomes = []Outcome{OutcomePending, OutcomeNotTried, OutcomeNoEffect, OutcomeWorked}

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool { return slices.Contains(Outcomes, o) }

// Action is something someone will do, carried forward until it has an
// outcome.
type Action struct {
	ID           string         `json:"id"`
	EngagementID int64          `json:"engagement_id"`
	SessionID    int64          `json:"session_id"`
	StepKey      string         `json:"step_key"`
	Text         string         `json:"text"`
	Owner        Owner          `json:"owner"`
	Due          Date           `json:"due"`
	CreatedAt    time.Time      `json:"created_at"`
	UpdatedAt    time.Time      `json:"updated_at"`
	History      []ActionUpdate `json:"history"`
	Deleted      bool           `json:"-"`
	Read         time.Time      `json:"-"` // as Anxiety.Read
}

// ActionUpdate records an outcome in a later session.
type ActionUpdate struct {
	ID        string  `json:"id"`
	ActionID  string  `json:"action_id"`
	SessionID int64   `json:"session_id"`
	Outcome   Outcome `json:"outcome"`
	Note      string  `json:"note"`
	// NoteShared marks the note as readable by others (private unless).
	NoteShared bool      `json:"note_shared,omitempty"`
	At         time.Time `json:"at"`
}

// Outcome is the latest recorded outcome.
func (a Action) Outcome() Outcome {
	if n := len(a.History); n > 0 {
		return a.History[n-1].Outcome
	}
	return OutcomePending
}

// IsOpen reports whether the action is still to be done: nothing recorded
// yet, or not tried.
func (a Action) IsOpen() bool {
	o := a.Outcome()
	return o == OutcomePending || o == OutcomeNotTried
}

// PastDue reports whether an open action's due date is before today.
func (a Action) PastDue(today Date) bool {
	return a.IsOpen() && !a.Due.IsZero() && a.Due.Before(today)
}

// UpdateIn returns the outcome recorded in a session, if any.
func (a Action) UpdateIn(sessionID int64) (ActionUpdate, bool) {
	for _, u := range a.History {
		if u.SessionID == sessionID {
			return u, true
		}
	}
	return ActionUpdate{}, false
}

// Party is one side of the three-party agreement.
type Party string

// Parties.
const (
	PartyLearner Party = "learner"
	PartySending Party = "sending"
	PartyHost    Party = "host"
)

// Parties lists the parties in display order.
var Parties = []Party{PartyLearner, PartySending, PartyHost}

// PartyView is what one party expects of a topic and how well the topic, as
// it stands, fits them (1–5; 0 when not given).
type PartyView struct {
	Expectation string `json:"expectation"`
	Fit         int    `json:"fit"`
}

// AgreementItem is one topic of the three-party agreement as recorded in one
// session: each party's view and the agreed text.
type AgreementItem struct {
	SessionID int64 `json:"session_id"`
	// SessionStarted is when that session began: versions of a topic are
	// ordered by it, not by when they were last edited.
	SessionStarted time.Time `json:"session_started"`
	Topic          string    `json:"topic"`
	Title          string    `json:"title"`
	Learner        PartyView `json:"learner"`
	Sending        PartyView `json:"sending"`
	Host           PartyView `json:"host"`
	Agreed         string    `json:"agreed"`
	UpdatedAt      time.Time `json:"updated_at"`
	// Confirmed are the parties' confirmations of the agreed text, given
	// in the session's room on a server (who, when, and the words they
	// confirmed; one stands while the text is the same).
	Confirmed []Confirmation `json:"confirmed,omitempty"`
}

// View returns a party's view.
func (a AgreementItem) View(p Party) PartyView {
	switch p {
	case PartySending:
		return a.Sending
	case PartyHost:
		return a.Host
	}
	return a.Learner
}

// SetView replaces a party's view.
func (a *AgreementItem) SetView(p Party, v PartyView) {
	switch p {
	case PartySending:
		a.Sending = v
	case PartyHost:
		a.Host = v
	default:
		a.Learner = v
	}
}

// Empty reports whether nothing was recorded.
func (a AgreementItem) Empty() bool {
	for _, p := range Parties {
		if v := a.View(p); strings.TrimSpace(v.Expectation) != "" || v.Fit != 0 {
			return false
		}
	}
	return strings.TrimSpace(a.Agreed) == ""
}

// GapScore is the difference between the highest and lowest fit given (0 if
// fewer than two parties scored).
func (a AgreementItem) GapScore() int {
	lo, hi, n := 6, 0, 0
	for _, p := range Parties {
		if f := a.View(p).Fit; f > 0 {
			lo, hi, n = min(lo, f), max(hi, f), n+1
		}
	}
	if n < 2 {
		return 0
	}
	return hi - lo
}

// Silent returns the parties that have said nothing on the topic: no
// expectation and no score.
func (a AgreementItem) Silent() []Party {
	var out []Party
	for _, p := range Parties {
		if v := a.View(p); strings.TrimSpace(v.Expectation) == "" && v.Fit == 0 {
			out = append(out, p)
		}
	}
	return out
}

// HasGap reports a gap worth talking about: fit scores differing by 2 or
// more, or a party that has said nothing while others have.
func (a AgreementItem) HasGap() bool {
	if a.GapScore() >= 2 {
		return true
	}
	silent := len(a.Silent())
	return silent > 0 && silent < len(Parties)
}

// gapWords say why a topic needs talking about, in each language.
var gapWords = map[Lang]struct{ head, score, silentOne, silentMany, and, sep string }{
	Ja: {head: "要確認: ", score: "納得度の差が %d あります", silentOne: "%sがまだ何も言っていません",
		silentMany: "%sがまだ何も言っていません", and: "・", sep: " / "},
	En: {head: "To discuss: ", score: "fit scores differ by %d", silentOne: "%s has said nothing yet",
		silentMany: "%s have said nothing yet", and: " and ", sep: " / "},
}

// GapNote says, in lang, why the topic needs talking about: how far the
// fit scores differ (when by 2 or more) and which parties have said
// nothing while others have; "" when there is no gap. The screens, the
// accessible mode and the documents all say it in these words.
func (a AgreementItem) GapNote(lang Lang) string {
	if !a.HasGap() {
		return ""
	}
	w := gapWords[langOr(lang)]
	var parts []string
	if g := a.GapScore(); g >= 2 {
		parts = append(parts, fmt.Sprintf(w.score, g))
	}
	if silent := a.Silent(); len(silent) > 0 && len(silent) < len(Parties) {
		names := make([]string, len(silent))
		for i, p := range silent {
			names[i] = PartyLabel(p, lang)
		}
		f := w.silentOne
		if len(names) > 1 {
			f = w.silentMany
		}
		parts = append(parts, fmt.Sprintf(f, strings.Join(names, w.and)))
	}
	return w.head + strings.Join(parts, w.sep)
}

// Changes lists what differs from an earlier version of the same topic:
// "agreed", and for each party "learner.expectation", "learner.fit", ...
func (a AgreementItem) Changes(before AgreementItem) []string {
	var out []string
	for _, p := range Parties {
		now, was := a.View(p), before.View(p)
		if strings.TrimSpace(now.Expectation) != strings.TrimSpace(was.Expectation) {
			out = append(out, string(p)+".expectation")
		}
		if now.Fit != was.Fit {
			out = append(out, string(p)+".fit")
		}
	}
	if strings.TrimSpace(a.Agreed) != strings.TrimSpace(before.Agreed) {
		out = append(out, "agreed")
	}
	return out
}

// Ledger is what an engagement carries from session to session: worries,
// actions and the agreement as recorded in each session.
type Ledger struct {
	Anxieties []Anxiety       `json:"anxieties"`
	Actions   []Action        `json:"actions"`
	Agreement []AgreementItem `json:"agreement"`
}

// OpenAnxieties returns the worries still open or easing.
func (l Ledger) OpenAnxieties() []Anxiety { return where(l.Anxieties, Anxiety.IsOpen) }

// OpenActions returns the actions still to be done.
func (l Ledger) OpenActions() []Action { return where(l.Actions, Action.IsOpen) }

// AnxietiesUpdatedIn returns the worries from earlier sessions whose
// state was told in session sessionID.
func (l Ledger) AnxietiesUpdatedIn(sessionID int64) []Anxiety {
	return where(l.Anxieties, func(a Anxiety) bool { _, ok := a.UpdateIn(sessionID); return ok })
}

// ActionsUpdatedIn returns the actions from earlier sessions whose outcome
// was told in session sessionID.
func (l Ledger) ActionsUpdatedIn(sessionID int64) []Action {
	return where(l.Actions, func(a Action) bool { _, ok := a.UpdateIn(sessionID); return ok })
}

// AnxietiesAt returns the worries written down at one step of a session.
func (l Ledger) AnxietiesAt(sessionID int64, stepKey string) []Anxiety {
	return where(l.Anxieties, func(a Anxiety) bool { return a.SessionID == sessionID && a.StepKey == stepKey })
}

// ActionsAt returns the actions agreed at one step of a session.
func (l Ledger) ActionsAt(sessionID int64, stepKey string) []Action {
	return where(l.Actions, func(a Action) bool { return a.SessionID == sessionID && a.StepKey == stepKey })
}

// where returns the entries of list that keep holds for, in their order
// (nil when there are none).
func where[T any](list []T, keep func(T) bool) []T {
	var out []T
	for _, v := range list {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// AgreedBefore returns, for each topic, the latest non-empty version
// recorded in a session that began before the given session: what stood
// agreed when it started. Versions are ordered by when their session began,
// so correcting an older session later does not make it current again.
func (l Ledger) AgreedBefore(s Session) map[string]AgreementItem {
	return l.agreedUntil(func(it AgreementItem) bool {
		return sessionBefore(it.SessionStarted, it.SessionID, s.StartedAt, s.ID)
	})
}

// sessionBefore orders sessions by when they began, then by id.
func sessionBefore(at time.Time, id int64, than time.Time, thanID int64) bool {
	if !at.Equal(than) {
		return at.Before(than)
	}
	return id < thanID
}

func (l Ledger) agreedUntil(include func(AgreementItem) bool) map[string]AgreementItem {
	out := map[string]AgreementItem{}
	for _, it := range l.versions() {
		if include(it) && !it.Empty() {
			out[it.Topic] = it
		}
	}
	return out
}

// versions are the agreement items in the order their sessions began.
func (l Ledger) versions() []AgreementItem {
	items := slices.Clone(l.Agreement)
	sort.SliceStable(items, func(i, j int) bool {
		return sessionBefore(items[i].SessionStarted, items[i].SessionID, items[j].SessionStarted, items[j].SessionID)
	})
	return items
}

// FirstAgreed returns the earliest non-empty version of a topic.
func (l Ledger) FirstAgreed(topic string) (AgreementItem, bool) {
	for _, it := range l.versions() {
		if it.Topic == topic && !it.Empty() {
			return it, true
		}
	}
	return AgreementItem{}, false
}

// AgreementIn returns the items recorded in one session, by topic.
func (l Ledger) AgreementIn(sessionID int64) map[string]AgreementItem {
	out := map[string]AgreementItem{}
	for _, it := range l.Agreement {
		if it.SessionID == sessionID {
			out[it.Topic] = it
		}
	}
	return out
}

// Current returns the agreement as it stands now, in topic order of first
// appearance.
func (l Ledger) Current() []AgreementItem {
	latest := l.agreedUntil(func(AgreementItem) bool { return true })
	var out []AgreementItem
	seen := map[string]bool{}
	for _, it := range l.versions() {
		if v, ok := latest[it.Topic]; ok && !seen[it.Topic] {
			out = append(out, v)
			seen[it.Topic] = true
		}
	}
	return out
}
