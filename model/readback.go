package model

import (
	"fmt"
	"strings"
	"time"
)

// ReadBack is what a session heard, gathered for the learner to read at
// its end and confirm or correct there and then (聞き取ったこと): the
// answers given in it, the worries written down or told about in it, and
// its actions, each in the learner's words and with the step it was said
// at, so that a correction goes back to that step. It holds only what the
// learner may read, by the learner view's rule: no private answer (its
// words, point or choices), no note of the companion's, no private worry
// or anything of one, and a status or outcome note only where it is
// marked shared. Hints are the content's, never the session's, and are not
// in it.
type ReadBack struct {
	Answers []HeardAnswer
	Worries []HeardWorry
	Actions []HeardAction
	// Confirmed is when the learner last confirmed it (zero: not yet).
	Confirmed time.Time
}

// Empty reports whether the session heard nothing the learner may read.
func (rb ReadBack) Empty() bool {
	return len(rb.Answers) == 0 && len(rb.Worries) == 0 && len(rb.Actions) == 0
}

// HeardAnswer is one step's answer: the learner's words (a scale's or
// choice's comment), the point with its label, the options chosen; for a
// topic of the agreement, the learner's own expectation and the words
// agreed.
type HeardAnswer struct {
	StepKey    string
	Title      string
	Words      string
	Point      int // 1–5, 0 if none
	PointLabel string
	Choices    []string // the options' texts, in the language of the session
	Agreed     string
	Topic      bool // a topic of the agreement: Words is the learner's expectation
}

// HeardWorry is a worry written down in the session, or one from before
// whose state was told in it.
type HeardWorry struct {
	StepKey   string // where it was written down, or the revisit of worries
	Text      string
	New       bool // written down in this session
	Category  string
	Intensity int
	Term      Term
	Plan      string
	// Status is the state told in this session ("" if none), with its
	// note when the note is shared.
	Status AnxietyStatus
	Note   string
}

// HeardAction is an action agreed in the session, or one from before whose
// outcome was told in it.
type HeardAction struct {
	StepKey string
	Text    string
	New     bool
	Owner   Owner
	Due     Date
	// Outcome is the outcome told in this session ("" if none), with its
	// note when the note is shared.
	Outcome Outcome
	Note    string
}

// ReadBackOf gathers what session s heard, from its steps and the
// engagement's ledger l; f is the session's flow, to name scale points,
// options and a worry's category (nil: they go unnamed).
func ReadBackOf(s Session, l Ledger, f *Flow) ReadBack {
	rb := ReadBack{Confirmed: s.LearnerConfirmed}
	prompt := func(id string) (Prompt, bool) {
		if f == nil || id == "" {
			return Prompt{}, false
		}
		return f.Prompt(id)
	}
	revisit := map[StepKind]string{}
	for _, st := range s.Steps {
		switch st.Kind {
		case StepAnxieties, StepActions:
			revisit[st.Kind] = st.Key
			continue // what was told there is in the ledger
		}
		if st.AnswerPrivate {
			continue
		}
		p, _ := prompt(st.PromptID)
		if a, ok := heardAnswer(s, st, p, l); ok {
			rb.Answers = append(rb.Answers, a)
		}
	}
	for _, a := range l.Anxieties {
		if a.Private || a.Deleted {
			continue
		}
		u, told := a.UpdateIn(s.ID)
		isNew := a.SessionID == s.ID
		if !isNew && !told {
			continue
		}
		w := HeardWorry{StepKey: revisit[StepAnxieties], Text: a.Text, New: isNew}
		if isNew {
			w.StepKey, w.Intensity, w.Term, w.Plan = a.StepKey, a.Intensity, a.Term, a.Plan
			if st, ok := s.Step(a.StepKey); ok {
				if p, ok := prompt(st.PromptID); ok {
					if o, ok := p.Option(a.Category); ok {
						w.Category = o.Text.In(s.Lang)
					}
				}
			}
		}
		if told {
			w.Status = u.Status
			if u.NoteShared {
				w.Note = u.Note
			}
		}
		rb.Worries = append(rb.Worries, w)
	}
	for _, a := range l.Actions {
		if a.Deleted {
			continue
		}
		u, told := a.UpdateIn(s.ID)
		isNew := a.SessionID == s.ID
		if !isNew && !told {
			continue
		}
		h := HeardAction{StepKey: revisit[StepActions], Text: a.Text, New: isNew, Owner: a.Owner, Due: a.Due}
		if isNew {
			h.StepKey = a.StepKey
		}
		if told {
			h.Outcome = u.Outcome
			if u.NoteShared {
				h.Note = u.Note
			}
		}
		rb.Actions = append(rb.Actions, h)
	}
	return rb
}

// heardAnswer is what a step holds for the read-back, if anything.
func heardAnswer(s Session, st Step, p Prompt, l Ledger) (HeardAnswer, bool) {
	a := HeardAnswer{StepKey: st.Key, Title: st.Title}
	switch st.AnswerKind {
	case KindAnxiety, KindAction:
		return a, false // its entries are the worries and actions
	case KindAgreement:
		it, ok := l.AgreementIn(s.ID)[st.PromptID]
		if !ok {
			return a, false
		}
		a.Words, a.Agreed, a.Topic = it.Learner.Expectation, it.Agreed, true
		return a, strings.TrimSpace(a.Words) != "" || strings.TrimSpace(a.Agreed) != ""
	}
	if !st.Answered() {
		return a, false
	}
	a.Words = st.Answer
	if st.Value > 0 {
		a.Point = st.Value
		if st.Value <= len(p.Scale) {
			a.PointLabel = p.Scale[st.Value-1].In(s.Lang)
		}
	}
	for _, id := range st.Choices {
		if o, ok := p.Option(id); ok {
			a.Choices = append(a.Choices, o.Text.In(s.Lang))
		} else {
			a.Choices = append(a.Choices, id)
		}
	}
	return a, true
}

// ConfirmReadBack records that the learner read what the session heard
// and confirmed it (本人が確認しました), now; a later confirmation
// replaces it.
type ConfirmReadBack struct{}

func (ConfirmReadBack) apply(s *Session, now time.Time) error {
	s.LearnerConfirmed, s.UpdatedAt = now, now
	return nil
}

// HeardItem is one thing heard, laid out to be read back: a heading in the
// learner's words, facts beside it and lines under it; Section is the
// heading of the section it opens, if it opens one, and StepKey the step
// to go back to to correct it.
type HeardItem struct {
	Section string
	StepKey string
	Head    string
	Facts   string
	Lines   []string
}

// readBackWords are the read-back's words, in each language.
var readBackWords = map[Lang]struct{ answers, worries, actions, expectation, agreed, plan, now, outcome, intensity, sep string }{
	Ja: {"話してくれたこと", "不安", "決めたこと", "期待: ", "合意: ", "支えになること: ", "いま: %s", "やってみて: %s", "強さ%d", "・"},
	En: {"What you said", "Worries", "What we decided", "Expectation: ", "Agreed: ", "Support: ", "now: %s", "how it went: %s", "intensity %d", " · "},
}

// Items lays what was heard out as items, section by section: the
// answers, the worries, the actions, for every front-end alike.
func (rb ReadBack) Items(lang Lang) []HeardItem {
	w, ok := readBackWords[lang]
	if !ok {
		w = readBackWords[Ja]
	}
	var out []HeardItem
	open := func(section string, i int, it HeardItem) {
		if i == 0 {
			it.Section = section
		}
		out = append(out, it)
	}
	for i, a := range rb.Answers {
		it := HeardItem{StepKey: a.StepKey, Head: a.Title}
		if a.Point > 0 {
			it.Lines = append(it.Lines, ScaleText(a.Point, a.PointLabel))
		}
		if len(a.Choices) > 0 {
			it.Lines = append(it.Lines, strings.Join(a.Choices, w.sep))
		}
		switch {
		case a.Topic:
			if strings.TrimSpace(a.Words) != "" {
				it.Lines = append(it.Lines, w.expectation+a.Words)
			}
			if strings.TrimSpace(a.Agreed) != "" {
				it.Lines = append(it.Lines, w.agreed+a.Agreed)
			}
		case strings.TrimSpace(a.Words) != "":
			it.Lines = append(it.Lines, a.Words)
		}
		open(w.answers, i, it)
	}
	for i, h := range rb.Worries {
		it := HeardItem{StepKey: h.StepKey, Head: h.Text}
		var facts []string
		if h.Category != "" {
			facts = append(facts, h.Category)
		}
		if h.Intensity > 0 {
			facts = append(facts, fmt.Sprintf(w.intensity, h.Intensity))
		}
		if h.Term != "" {
			facts = append(facts, TermLabel(h.Term, lang))
		}
		it.Facts = strings.Join(facts, w.sep)
		if h.Status != "" {
			it.Lines = append(it.Lines, fmt.Sprintf(w.now, StatusLabel(h.Status, lang)))
		}
		if strings.TrimSpace(h.Note) != "" {
			it.Lines = append(it.Lines, h.Note)
		}
		if strings.TrimSpace(h.Plan) != "" {
			it.Lines = append(it.Lines, w.plan+h.Plan)
		}
		open(w.worries, i, it)
	}
	for i, a := range rb.Actions {
		it := HeardItem{StepKey: a.StepKey, Head: a.Text}
		facts := []string{OwnerLabel(a.Owner, lang)}
		if !a.Due.IsZero() {
			facts = append(facts, a.Due.String())
		}
		it.Facts = strings.Join(facts, w.sep)
		if a.Outcome != "" {
			it.Lines = append(it.Lines, fmt.Sprintf(w.outcome, OutcomeLabel(a.Outcome, lang)))
		}
		if strings.TrimSpace(a.Note) != "" {
			it.Lines = append(it.Lines, a.Note)
		}
		open(w.actions, i, it)
	}
	return out
}
