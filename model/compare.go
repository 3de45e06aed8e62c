package model

import (
	"slices"
	"strings"
	"time"
)

// Comparison sets what was said early in a stint beside what was said
// later: the purpose before departure against the reflection after return,
// the worries as they stood at departure against now, and the agreement as
// first agreed against its latest revisit.
type Comparison struct {
	// Departure is the day the stint began; worries voiced up to and on
	// it count as "at departure". Zero when the engagement has no start.
	Departure Date
	Purpose   []EchoPair
	Anxieties []AnxietyThenNow
	Agreement []AgreementThenNow
}

// Said is the latest answer given at one prompt.
type Said struct {
	SessionID int64
	StepKey   string
	At        time.Time // when the session began
	FlowTitle string
	Title     string // the prompt as asked
	Text      string // the words, with a scale point or choices in front
	Private   bool
}

// Given reports whether anything was said.
func (s Said) Given() bool { return s.SessionID != 0 }

// EchoPair is an earlier prompt and a later one that looks back on it
// (content field echoes), each with its latest answer.
type EchoPair struct {
	BeforeTitle, AfterTitle string // the prompts' titles, answered or not
	Before, After           Said
}

// AnxietyThenNow is a worry with its status at departure and now.
type AnxietyThenNow struct {
	Anxiety Anxiety
	// AtDeparture is empty when the worry was first voiced after
	// departure.
	AtDeparture AnxietyStatus
	Now         AnxietyStatus
}

// AgreementThenNow is one topic as first agreed and as it stands.
type AgreementThenNow struct {
	First, Latest AgreementItem
	// Revisited is true when a later session recorded the topic again;
	// Changes then lists what differs (see AgreementItem.Changes).
	Revisited bool
	Changes   []string
}

// Compare builds the comparison of an engagement from its sessions (full,
// in the order they began), its ledger and the content that says which
// prompts look back on which.
func Compare(e Engagement, sessions []Session, l Ledger, lib *Library, lang Lang, loc *time.Location) Comparison {
	if loc == nil {
		loc = time.UTC
	}
	c := Comparison{Departure: e.Start}
	if lib != nil {
		c.Purpose = echoPairs(sessions, lib, lang, e.Start, loc)
	}
	var later []AnxietyThenNow
	for _, a := range l.Anxieties {
		if a.Deleted {
			continue
		}
		row := AnxietyThenNow{Anxiety: a, Now: a.Status()}
		if e.Start.IsZero() || !e.Start.Before(DateOf(a.CreatedAt.In(loc))) {
			row.AtDeparture = statusOn(a, e.Start, loc)
			c.Anxieties = append(c.Anxieties, row)
		} else {
			later = append(later, row)
		}
	}
	c.Anxieties = append(c.Anxieties, later...)
	for _, it := range l.Current() {
		row := AgreementThenNow{First: it, Latest: it}
		if first, ok := l.FirstAgreed(it.Topic); ok && first.SessionID != it.SessionID {
			row.First, row.Revisited, row.Changes = first, true, it.Changes(first)
		}
		c.Agreement = append(c.Agreement, row)
	}
	return c
}

// statusOn is a worry's status at the end of day d: its first status, open,
// changed by every update made on or before d. A zero d means as first
// voiced.
func statusOn(a Anxiety, d Date, loc *time.Location) AnxietyStatus {
	s := AnxietyOpen
	if d.IsZero() {
		return s
	}
	for _, u := range a.History {
		if !d.Before(DateOf(u.At.In(loc))) {
			s = u.Status
		}
	}
	return s
}

// echoPairs pairs every prompt that echoes an earlier one with it, in the
// order of the earlier prompts, keeping pairs where either side was
// answered.
func echoPairs(sessions []Session, lib *Library, lang Lang, departure Date, loc *time.Location) []EchoPair {
	pos := map[[2]string]int{} // the earlier prompts' order: flows as listed, then prompts
	for _, f := range lib.Flows {
		for _, p := range f.Prompts {
			pos[[2]string{f.ID, p.ID}] = len(pos)
		}
	}
	type ranked struct {
		pair EchoPair
		rank int
	}
	var found []ranked
	for _, f := range lib.Flows {
		for _, p := range f.Prompts {
			fid, pid, ok := p.EchoOf()
			if !ok {
				continue
			}
			bf, ok := lib.Flow(fid)
			if !ok {
				continue
			}
			bp, ok := bf.Prompt(pid)
			if !ok {
				continue
			}
			pair := EchoPair{
				BeforeTitle: bp.Title.In(lang), AfterTitle: p.Title.In(lang),
				Before: saidBy(sessions, bf, bp, lang, departure, loc), After: latestSaid(sessions, f, p, lang),
			}
			if pair.Before.Given() || pair.After.Given() {
				found = append(found, ranked{pair, pos[[2]string{fid, pid}]})
			}
		}
	}
	slices.SortStableFunc(found, func(a, b ranked) int { return a.rank - b.rank })
	out := make([]EchoPair, len(found))
	for i, r := range found {
		out[i] = r.pair
	}
	return out
}

// saidBy is the last answer given at a prompt up to the end of day d, or
// the last one given at all when there was none by then (or d is zero).
func saidBy(sessions []Session, f *Flow, p Prompt, lang Lang, d Date, loc *time.Location) Said {
	if !d.IsZero() {
		var early []Session
		for _, s := range sessions {
			if !d.Before(DateOf(s.StartedAt.In(loc))) {
				early = append(early, s)
			}
		}
		if said := latestSaid(early, f, p, lang); said.Given() {
			return said
		}
	}
	return latestSaid(sessions, f, p, lang)
}

// latestSaid is the last answer given at a prompt of a flow.
func latestSaid(sessions []Session, f *Flow, p Prompt, lang Lang) Said {
	var out Said
	for _, s := range sessions {
		if s.FlowID != f.ID {
			continue
		}
		for _, st := range s.Steps {
			if st.Kind != StepPrompt || st.PromptID != p.ID || !st.Answered() {
				continue
			}
			if out.Given() && s.StartedAt.Before(out.At) {
				continue
			}
			out = Said{SessionID: s.ID, StepKey: st.Key, At: s.StartedAt, FlowTitle: s.FlowTitle,
				Title: st.Title, Text: answerWords(st, p, lang), Private: st.AnswerPrivate}
		}
	}
	return out
}

// answerWords is an answer as words: a scale point or the choices, then
// what the learner said.
func answerWords(st Step, p Prompt, lang Lang) string {
	var head string
	switch {
	case st.Value > 0:
		head = PointText(&p, st.Value, lang)
	case len(st.Choices) > 0:
		head = strings.Join(ChoiceNames(&p, st.Choices, lang), " · ")
	}
	text := strings.TrimSpace(st.Answer)
	switch {
	case head == "":
		return text
	case text == "":
		return head
	}
	return head + "\n" + text
}
