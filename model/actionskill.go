package model

import (
	"slices"
	"strings"
	"time"
)

func (k SetSkill) apply(s *Session, now time.Time) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	if ActionOf(s.Steps[s.CurrentIndex()]) == 0 || strings.ContainsFunc(k.ID, func(r rune) bool { return r <= ' ' }) {
		return ErrBadValue
	}
	return setField(s, now, func(st *Step) *string { return &st.Skill }, k.ID)
}

// RoundPractice is a peer round's next action that names a skill: practice
// on it, chosen at a round, with how it went when a later round asked.
type RoundPractice struct {
	SkillID string
	Name    string // who chose it
	Action  string
	At      time.Time // when the round started
	Outcome Outcome   // OutcomePending until a later round asks
	Private bool
}

// RoundPractices lists the next actions of the rounds that name a skill,
// the most recent first, each with its outcome when a later round recorded
// it.
func RoundPractices(rounds []RoundEntry, skillID string) []RoundPractice {
	sorted := slices.Clone(rounds)
	slices.SortStableFunc(sorted, func(a, b RoundEntry) int { return CompareRounds(b, a) })
	var out []RoundPractice
	for i, r := range sorted {
		for _, st := range r.Session.Steps {
			n := ActionOf(st)
			if n < 1 || n > len(r.Round.Participants) || st.Skill != skillID || strings.TrimSpace(st.Answer) == "" {
				continue
			}
			p := RoundPractice{SkillID: skillID, Name: r.Round.Participants[n-1].Name, Action: strings.TrimSpace(st.Answer),
				At: r.Session.StartedAt, Private: st.AnswerPrivate, Outcome: OutcomePending}
			a := CarriedAction{Name: p.Name, Action: p.Action, From: r.Session.UID}
			for j := i - 1; j >= 0 && p.Outcome == OutcomePending; j-- {
				p.Outcome = sorted[j].outcomeOf(a)
			}
			out = append(out, p)
		}
	}
	return out
}

// outcomeOf is how a carried action went, as the round recorded it at its
// carry step (OutcomePending if it did not ask).
func (r RoundEntry) outcomeOf(a CarriedAction) Outcome {
	for _, st := range r.Session.Steps {
		n := CarryOf(st)
		if n < 1 || n > len(r.Round.Carried) {
			continue
		}
		c := r.Round.Carried[n-1]
		if participantKey(c.Name) == participantKey(a.Name) && (c.From == a.From || c.From == "" && c.Action == a.Action) {
			if o := CarryOutcome(st); o != OutcomePending {
				return o
			}
		}
	}
	return OutcomePending
}
