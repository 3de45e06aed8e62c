package model

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// The rhythm of an engagement: what is due, and warnings of too much or too
// little support. Everything here is computed from the records and a given
// day, so it is exact in tests.

// Milestones are the return checkpoints, in months after the end of the
// stint.
var Milestones = []struct {
	ID     string
	Months int
}{{"3m", 3}, {"6m", 6}, {"12m", 12}}

// EngagementState is what the rhythm needs to know of an engagement.
type EngagementState struct {
	Engagement Engagement
	Sessions   []SessionSummary
	Ledger     Ledger
	// OpenWorries is the number of worries still open (or easing) that
	// are not in Ledger. Store.States counts them rather than reading each
	// one; a state made from a whole ledger leaves it zero.
	OpenWorries int
}

// openWorries is the number of worries still open: the ledger's and those
// counted without it.
func (st EngagementState) openWorries() int {
	n := st.OpenWorries
	for i := range st.Ledger.Anxieties {
		if st.Ledger.Anxieties[i].IsOpen() {
			n++
		}
	}
	return n
}

// DueKind is the kind of a due item.
type DueKind string

// Kinds of due items.
const (
	DueCheckin    DueKind = "checkin"    // a check-in is due or overdue
	DueCheckpoint DueKind = "checkpoint" // a return checkpoint is due
	DueActions    DueKind = "actions"    // actions past their due date
	DueAnxieties  DueKind = "anxieties"  // worries still open
	// DueArrival: the first weeks at the host have had no conversation
	// about joining it (越境先へ合流, seeds/000 L681–L684).
	DueArrival DueKind = "arrival"
	// DueWrapUp: the stint ends soon and its results have not been summed
	// up (成果の取りまとめ, L696–L699).
	DueWrapUp DueKind = "wrapup"
	// DueReview: the companion's own self-review, a cadence after the
	// last one finished (ReviewDue). It belongs to no engagement.
	DueReview DueKind = "review"
	// DueRatingAsked: another person of a server has asked the person to
	// rate their skills (RatingAsked), and the rating is not sent yet. It
	// belongs to no engagement.
	DueRatingAsked DueKind = "rating"
)

// The windows of the two steps of the stint that have a time of their own:
// the first weeks at the host, and the last weeks before the return.
const (
	ArrivalWindowDays = 28 // from the first day at the host
	WrapUpWindowDays  = 30 // before the last day
)

// stepDue is what of the stint's own steps is due on a day: the arrival
// conversation in its first weeks, the wrap-up in its last, each until it
// is held (a session of that use started in its window, or later).
func (st EngagementState) stepDue(today Date, loc *time.Location) (DueKind, Date, bool) {
	e := st.Engagement
	if e.PhaseOn(today) != During {
		return "", Date{}, false
	}
	held := func(u Use, from Date) bool {
		for _, s := range st.Sessions {
			if s.Use == u && !dayIn(s.StartedAt, loc).Before(from) {
				return true
			}
		}
		return false
	}
	if end := e.Start.AddDays(ArrivalWindowDays); today.Before(end) && !held(UseArrival, e.Start.AddDays(-7)) {
		return DueArrival, e.Start, true
	}
	if from := e.End.AddDays(-WrapUpWindowDays); !today.Before(from) && !held(UseWrapUp, from) {
		return DueWrapUp, from, true
	}
	return "", Date{}, false
}

// StepDue is the use of the flow the stint's time asks for on a day — the
// arrival in its first weeks, the wrap-up in its last — when not held yet;
// UseNone otherwise.
func (st EngagementState) StepDue(today Date, loc *time.Location) Use {
	switch k, _, _ := st.stepDue(today, loc); k {
	case DueArrival:
		return UseArrival
	case DueWrapUp:
		return UseWrapUp
	}
	return UseNone
}

// DueItem is one line of the due list.
type DueItem struct {
	Kind         DueKind
	EngagementID int64
	Learner      string
	Since        Date   // when it fell due
	DaysOver     int    // days past that date (0: due today)
	Count        int    // for actions and anxieties
	Milestone    string // for checkpoints
	// Person and Ref: for a request for a rating, who asked and the
	// request's UID.
	Person, Ref string
}

// dayIn is the calendar day of t where the companion is (nil: UTC).
func dayIn(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	return DateOf(t.In(loc))
}

// lastContact is the day of the latest conversation on or after the start
// of the stint — a session started then, or an older one continued then —
// or the start itself.
func (st EngagementState) lastContact(loc *time.Location) Date {
	last := st.Engagement.Start
	for _, s := range st.Sessions {
		for _, t := range []time.Time{s.StartedAt, s.UpdatedAt} {
			if t.IsZero() {
				continue
			}
			if d := dayIn(t, loc); !d.Before(last) {
				last = d
			}
		}
	}
	return last
}

// Due lists what is due on a day across engagements: overdue check-ins
// first (most overdue first), then return checkpoints, actions past due and
// open worries. Archived engagements are left out. Session times are read
// as days in loc, where the companion is.
func Due(today Date, loc *time.Location, states []EngagementState) []DueItem {
	var out []DueItem
	for _, st := range states {
		e := st.Engagement
		if e.Archived {
			continue
		}
		item := DueItem{EngagementID: e.ID, Learner: e.Learner.Name}
		switch e.PhaseOn(today) {
		case During:
			if k, since, ok := st.stepDue(today, loc); ok {
				it := item
				it.Kind, it.Since, it.DaysOver = k, since, since.DaysUntil(today)
				out = append(out, it)
			}
			due := st.lastContact(loc).AddDays(e.Cadence(today))
			if !today.Before(due) {
				it := item
				it.Kind, it.Since, it.DaysOver = DueCheckin, due, due.DaysUntil(today)
				out = append(out, it)
			}
		case After:
			if m, at, ok := st.dueMilestone(today); ok {
				it := item
				it.Kind, it.Since, it.DaysOver, it.Milestone = DueCheckpoint, at, at.DaysUntil(today), m
				out = append(out, it)
			}
		}
		// Counted, not gathered: with 10,000 sessions copying each entry
		// was most of what Due took at the start.
		pastDue, earliest := 0, Date{}
		for i := range st.Ledger.Actions {
			if a := &st.Ledger.Actions[i]; a.PastDue(today) {
				if pastDue++; pastDue == 1 || a.Due.Before(earliest) {
					earliest = a.Due
				}
			}
		}
		if pastDue > 0 {
			it := item
			it.Kind, it.Count, it.Since = DueActions, pastDue, earliest
			it.DaysOver = it.Since.DaysUntil(today)
			out = append(out, it)
		}
		if open := st.openWorries(); open > 0 {
			it := item
			it.Kind, it.Count = DueAnxieties, open
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b DueItem) int {
		if c := cmp.Compare(dueRank(a.Kind), dueRank(b.Kind)); c != 0 {
			return c
		}
		return cmp.Compare(b.DaysOver, a.DaysOver)
	})
	return out
}

// dueRank is the place of a kind of item in the due list: the stint's own
// steps and check-ins first, the worries last.
func dueRank(k DueKind) int {
	switch k {
	case DueArrival, DueWrapUp:
		return 0
	case DueCheckin:
		return 1
	case DueCheckpoint:
		return 2
	case DueActions:
		return 3
	case DueAnxieties:
		return 4
	}
	return 0
}

func (st EngagementState) hasCheckpoint(milestone string) bool {
	for _, s := range st.Sessions {
		if s.Use == UseCheckpoint && s.Milestone == milestone {
			return true
		}
	}
	return false
}

// dueMilestone is the return checkpoint due on a day: the latest one whose
// date has come and that is not held. An earlier one missed is not asked for
// once a later one is due or held.
func (st EngagementState) dueMilestone(today Date) (string, Date, bool) {
	for i := len(Milestones) - 1; i >= 0; i-- {
		m := Milestones[i]
		if st.hasCheckpoint(m.ID) {
			return "", Date{}, false
		}
		if at := st.Engagement.End.AddMonths(m.Months); !today.Before(at) {
			return m.ID, at, true
		}
	}
	return "", Date{}, false
}

// NextMilestone is the return checkpoint a new checkpoint session stands
// for on a day: the one due, else the next one not yet held.
func NextMilestone(e Engagement, sessions []SessionSummary, today Date) string {
	st := EngagementState{Engagement: e, Sessions: sessions}
	if m, _, ok := st.dueMilestone(today); ok {
		return m
	}
	for _, m := range Milestones {
		if !st.hasCheckpoint(m.ID) {
			return m.ID
		}
	}
	return Milestones[len(Milestones)-1].ID
}

// WarningKind names a balance warning.
type WarningKind string

// Warnings. They inform; nothing is blocked.
const (
	// WarnFrequentCheckins: check-ins more often than every 2 days over
	// the last week (over-support, micromanagement).
	WarnFrequentCheckins WarningKind = "frequent-checkins"
	// WarnCompanionActions: many open actions owned by the companion
	// rather than the learner (over-support, doing it for them).
	WarnCompanionActions WarningKind = "companion-actions"
	// WarnSilence: no contact for long in the stint (under-support): 3
	// weeks or more in the first two months, three check-in intervals
	// (never less than 3 weeks) after. The guideline has support fade
	// after the first months, not stop: watched at set points still
	// (seeds/000 L1926–L1935; neither too close nor left alone, L389).
	WarnSilence WarningKind = "silence"
)

// Warning is one balance warning with the numbers behind it.
type Warning struct {
	Kind  WarningKind
	Count int // check-ins in the week, or companion-owned actions
	Days  int // days without contact
	// Early: the silence is in the first two months of the stint, when
	// support is meant to be closest.
	Early bool
}

// Thresholds of the warnings.
const (
	frequentWindowDays = 7
	frequentCount      = 5 // more often than every 2 days (4) over 7 days
	companionActions   = 3
	silenceDays        = 21
	silenceIntervals   = 3 // check-in intervals without contact, after the first two months
)

// Warnings returns the balance warnings for an engagement on a day, reading
// session times as days in loc.
func Warnings(today Date, loc *time.Location, st EngagementState) []Warning {
	var out []Warning
	e := st.Engagement
	recent := 0
	from := today.AddDays(-(frequentWindowDays - 1))
	for _, s := range st.Sessions {
		if s.Use != UseCheckin && s.Use != UseRevisit {
			continue
		}
		if d := dayIn(s.StartedAt, loc); !d.Before(from) && !today.Before(d) {
			recent++
		}
	}
	if recent >= frequentCount {
		out = append(out, Warning{Kind: WarnFrequentCheckins, Count: recent})
	}
	byCompanion, byLearner := 0, 0
	for _, a := range st.Ledger.OpenActions() {
		switch a.Owner {
		case OwnerCompanion:
			byCompanion++
		case OwnerLearner:
			byLearner++
		}
	}
	if byCompanion >= companionActions && byCompanion > byLearner {
		out = append(out, Warning{Kind: WarnCompanionActions, Count: byCompanion})
	}
	if e.PhaseOn(today) == During {
		early := today.Before(e.Start.AddMonths(2))
		limit := silenceDays
		if !early {
			limit = max(silenceDays, silenceIntervals*e.Cadence(today))
		}
		if days := st.lastContact(loc).DaysUntil(today); days >= limit {
			out = append(out, Warning{Kind: WarnSilence, Days: days, Early: early})
		}
	}
	return out
}

// LastContact is the day of the latest conversation on or after the start
// of the stint, or the start itself (see lastContact).
func (st EngagementState) LastContact(loc *time.Location) Date { return st.lastContact(loc) }

// DefaultReviewCadenceDays is how long after the last finished self-review
// the next falls due, unless the companion sets another cadence. The
// guideline fixes no cadence: it asks for regular reflection, for example
// at the end of each project (seeds/000 L2729). Ninety days is a quarter,
// the first of the return checkpoints (Milestones), and leaves time to
// try a practice plan more than once before it is asked about.
const DefaultReviewCadenceDays = 90

// MaxReviewCadenceDays is the longest cadence a companion can set: a year.
const MaxReviewCadenceDays = 366

// ReviewCadences are the cadences offered to choose from (any number of
// days from 1 to MaxReviewCadenceDays can be typed instead).
var ReviewCadences = []int{30, 60, 90, 180}

// ErrBadReviewCadence: a cadence that is not a number of days from 1 to
// MaxReviewCadenceDays.
var ErrBadReviewCadence = fmt.Errorf("a number of days from 1 to %d", MaxReviewCadenceDays)

// ValidReviewCadence checks a cadence a companion sets.
func ValidReviewCadence(days int) error {
	if days < 1 || days > MaxReviewCadenceDays {
		return ErrBadReviewCadence
	}
	return nil
}

// ReviewCadenceOr is the cadence in effect: the one set, or the default
// when none is (0 or less).
func ReviewCadenceOr(days int) int {
	if days <= 0 {
		return DefaultReviewCadenceDays
	}
	return days
}

// ReviewDue is the due item of the next self-review on a day: the cadence
// (days; 0 or less for the default) after the day, in loc, the latest
// finished review finished. None before any review is finished, or before
// the day comes.
func ReviewDue(today Date, loc *time.Location, reviews []Session, cadenceDays int) (DueItem, bool) {
	cadenceDays = ReviewCadenceOr(cadenceDays)
	var last time.Time
	for _, s := range reviews {
		if s.IsSelfReview() && s.Status == Done && s.FinishedAt.After(last) {
			last = s.FinishedAt
		}
	}
	if last.IsZero() {
		return DueItem{}, false
	}
	due := dayIn(last, loc).AddDays(cadenceDays)
	if today.Before(due) {
		return DueItem{}, false
	}
	return DueItem{Kind: DueReview, Since: due, DaysOver: due.DaysUntil(today)}, true
}
