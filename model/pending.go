package model

import (
	"maps"
	"slices"
)

// Pending is what an interface holds that is not yet on disk: steps whose
// answer, note, point or choices changed, whether steps were added, whether
// the position moved, and ledger entries made or changed. Interfaces mark
// changes as they happen and write them with one SaveProgress; a failed
// save is merged back so that nothing typed is lost.
type Pending struct {
	Steps          map[string]bool
	Layout, Pos    bool
	Round          bool // a peer round's timer changed
	Anxieties      map[string]bool
	AnxietyUpdates map[string]bool
	Actions        map[string]bool
	ActionUpdates  map[string]bool
	Agreement      map[string]bool // topics
	Deleted        []any           // Anxiety or Action marked Deleted
}

// NewPending returns an empty Pending.
func NewPending() Pending {
	return Pending{Steps: map[string]bool{}, Anxieties: map[string]bool{}, AnxietyUpdates: map[string]bool{},
		Actions: map[string]bool{}, ActionUpdates: map[string]bool{}, Agreement: map[string]bool{}}
}

// Empty reports whether nothing is waiting to be written.
func (p Pending) Empty() bool {
	return len(p.Steps) == 0 && !p.Layout && !p.Pos && !p.Round && len(p.Anxieties) == 0 && len(p.AnxietyUpdates) == 0 &&
		len(p.Actions) == 0 && len(p.ActionUpdates) == 0 && len(p.Agreement) == 0 && len(p.Deleted) == 0
}

// Merge puts back what a failed save took, without losing newer changes.
func (p *Pending) Merge(o Pending) {
	for _, pair := range [][2]map[string]bool{
		{p.Steps, o.Steps}, {p.Anxieties, o.Anxieties}, {p.AnxietyUpdates, o.AnxietyUpdates},
		{p.Actions, o.Actions}, {p.ActionUpdates, o.ActionUpdates}, {p.Agreement, o.Agreement},
	} {
		maps.Copy(pair[0], pair[1])
	}
	p.Layout = p.Layout || o.Layout
	p.Round = p.Round || o.Round
	p.Pos = true
	p.Deleted = append(o.Deleted, p.Deleted...)
}

// Progress builds the Progress that writes everything pending of session s
// and its ledger l. (A peer round's record is added by the caller, which
// holds it.)
func (p Pending) Progress(s Session, l Ledger) Progress {
	keys := slices.Sorted(maps.Keys(p.Steps))
	pr := ProgressOf(s, keys, p.Layout)
	if p.Layout {
		pr.Changed = append([]string{}, keys...)
	}
	for _, a := range l.Anxieties {
		if p.Anxieties[a.ID] {
			pr.Anxieties = append(pr.Anxieties, a)
		}
		for _, u := range a.History {
			if p.AnxietyUpdates[u.ID] {
				pr.AnxietyUpdates = append(pr.AnxietyUpdates, u)
			}
		}
	}
	for _, a := range l.Actions {
		if p.Actions[a.ID] {
			pr.Actions = append(pr.Actions, a)
		}
		for _, u := range a.History {
			if p.ActionUpdates[u.ID] {
				pr.ActionUpdates = append(pr.ActionUpdates, u)
			}
		}
	}
	for _, d := range p.Deleted {
		switch v := d.(type) {
		case Anxiety:
			pr.Anxieties = append(pr.Anxieties, v)
		case Action:
			pr.Actions = append(pr.Actions, v)
		}
	}
	for topic, it := range l.AgreementIn(s.ID) {
		if p.Agreement[topic] {
			pr.Agreement = append(pr.Agreement, it)
		}
	}
	return pr
}
