package model

import "sort"

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
}

// DueKind is the kind of a due item.
type DueKind string

// Kinds of due items.
const (
	DueCheckin    DueKind = "checkin"    // a check-in is due or overdue
	DueCheckpoint DueKind = "checkpoint" // a return checkpoint is due
	DueActions    DueKind = "actions"    // actions past their due date
	DueAnxieties  DueKind = "anxieties"  // worries still open
)

// DueItem is one line of the due list.
type DueItem struct {
	Kind         DueKind
	EngagementID int64
	Learner      string
	Since        Date   // when it fell due
	DaysOver     int    // days past that date (0: due today)
	Count        int    // for actions and anxieties
	Milestone    string // for checkpoints
}

func sessionDay(s SessionSummary) Date { return DateOf(s.StartedAt) }

// lastContact is the day of the latest session on or after the start of the
// stint, or the start itself.
func (st EngagementState) lastContact() Date {
	last := st.Engagement.Start
	for _, s := range st.Sessions {
		if d := sessionDay(s); !d.Before(last) {
			last = d
		}
	}
	return last
}

// Due lists what is due on a day across engagements: overdue check-ins
// first (most overdue first), then return checkpoints, actions past due and
// open worries. Archived engagements are left out.
func Due(today Date, states []EngagementState) []DueItem {
	var out []DueItem
	for _, st := range states {
		e := st.Engagement
		if e.Archived {
			continue
		}
		item := DueItem{EngagementID: e.ID, Learner: e.Learner.Name}
		switch e.PhaseOn(today) {
		case During:
			due := st.lastContact().AddDays(e.Cadence(today))
			if !today.Before(due) {
				it := item
				it.Kind, it.Since, it.DaysOver = DueCheckin, due, due.DaysUntil(today)
				out = append(out, it)
			}
		case After:
			for _, m := range Milestones {
				at := e.End.AddMonths(m.Months)
				if today.Before(at) || st.hasCheckpoint(m.ID) {
					continue
				}
				it := item
				it.Kind, it.Since, it.DaysOver, it.Milestone = DueCheckpoint, at, at.DaysUntil(today), m.ID
				out = append(out, it)
			}
		}
		var pastDue []Action
		for _, a := range st.Ledger.Actions {
			if a.PastDue(today) {
				pastDue = append(pastDue, a)
			}
		}
		if len(pastDue) > 0 {
			sort.Slice(pastDue, func(i, j int) bool { return pastDue[i].Due.Before(pastDue[j].Due) })
			it := item
			it.Kind, it.Count, it.Since = DueActions, len(pastDue), pastDue[0].Due
			it.DaysOver = it.Since.DaysUntil(today)
			out = append(out, it)
		}
		if n := len(st.Ledger.OpenAnxieties()); n > 0 {
			it := item
			it.Kind, it.Count = DueAnxieties, n
			out = append(out, it)
		}
	}
	rank := map[DueKind]int{DueCheckin: 0, DueCheckpoint: 1, DueActions: 2, DueAnxieties: 3}
	sort.SliceStable(out, func(i, j int) bool {
		if rank[out[i].Kind] != rank[out[j].Kind] {
			return rank[out[i].Kind] < rank[out[j].Kind]
		}
		return out[i].DaysOver > out[j].DaysOver
	})
	return out
}

func (st EngagementState) hasCheckpoint(milestone string) bool {
	for _, s := range st.Sessions {
		if s.Use == UseCheckpoint && s.Milestone == milestone {
			return true
		}
	}
	return false
}

// NextMilestone is the return checkpoint a new checkpoint session stands
// for: the earliest one not yet held.
func NextMilestone(sessions []SessionSummary) string {
	st := EngagementState{Sessions: sessions}
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
	// WarnSilence: no contact for 3 weeks or more in the first two months
	// of the stint (under-support).
	WarnSilence WarningKind = "silence"
)

// Warning is one balance warning with the numbers behind it.
type Warning struct {
	Kind  WarningKind
	Count int // check-ins in the week, or companion-owned actions
	Days  int // days without contact
}

// Thresholds of the warnings.
const (
	frequentWindowDays = 7
	frequentCount      = 4 // more than one every 2 days over 7 days
	companionActions   = 3
	silenceDays        = 21
)

// Warnings returns the balance warnings for an engagement on a day.
func Warnings(today Date, st EngagementState) []Warning {
	var out []Warning
	e := st.Engagement
	recent := 0
	from := today.AddDays(-(frequentWindowDays - 1))
	for _, s := range st.Sessions {
		if s.Use != UseCheckin && s.Use != UseRevisit {
			continue
		}
		if d := sessionDay(s); !d.Before(from) && !today.Before(d) {
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
	if e.PhaseOn(today) == During && today.Before(e.Start.AddMonths(2)) {
		if days := st.lastContact().DaysUntil(today); days >= silenceDays {
			out = append(out, Warning{Kind: WarnSilence, Days: days})
		}
	}
	return out
}
