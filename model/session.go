package model

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Status is whether a session is still going or finished.
type Status string

// Session statuses.
const (
	InProgress Status = "in_progress"
	Done       Status = "done"
)

// StepKind says where a step of a session came from.
type StepKind string

// Step kinds.
const (
	StepPrompt   StepKind = "prompt"   // a prompt of the flow
	StepFollowup StepKind = "followup" // a "dig deeper" question on an earlier step
	StepOwn      StepKind = "own"      // a question the companion added
	// StepAnxieties brings back the worries still open from earlier
	// sessions, to ask how each stands.
	StepAnxieties StepKind = "anxieties"
	// StepActions brings back the actions still open, to record what came
	// of them.
	StepActions StepKind = "actions"
)

// Step is one question of a session and what was said to it.
type Step struct {
	Key        string     `json:"key"`
	Kind       StepKind   `json:"kind"`
	AnswerKind AnswerKind `json:"answer_kind"`
	PromptID   string     `json:"prompt_id,omitempty"`   // flow prompt (StepPrompt)
	FollowupID string     `json:"followup_id,omitempty"` // content follow-up, if one was chosen
	Parent     string     `json:"parent,omitempty"`      // the step a follow-up digs into
	Title      string     `json:"title"`                 // short label, as shown when asked
	Question   string     `json:"question"`              // the question, as shown when asked
	Answer     string     `json:"answer"`                // the learner's own words
	Value      int        `json:"value,omitempty"`       // a scale point, 1–5
	Target     int        `json:"target,omitempty"`      // a skill's target level, 1–5
	Choices    []string   `json:"choices,omitempty"`     // chosen option ids
	// Skill is the skill of the skill map a peer round's next action is
	// practice on ("" if none was named).
	Skill   string `json:"skill,omitempty"`
	Note    string `json:"note"` // the companion's note
	Skipped bool   `json:"skipped"`
	// AnswerPrivate keeps the answer to the companion; answers are shared
	// unless marked. NoteShared lets the note be shared; notes are
	// private unless marked.
	AnswerPrivate bool `json:"answer_private"`
	NoteShared    bool `json:"note_shared"`
	// UpdatedAt is when the answer or note last changed; zero if never.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Answered reports whether the learner said something to this step: words,
// a point on the scale or a choice. (Entries in the ledger are counted by
// the ledger.) The skills a part of the learner's feedback is tagged with
// are the companion's, not an answer.
func (s Step) Answered() bool {
	return strings.TrimSpace(s.Answer) != "" || s.Value > 0 || len(s.Choices) > 0 && s.Kind != StepFeedback
}

// Session is one conversation of one flow for one engagement.
type Session struct {
	ID           int64  `json:"id"`
	UID          string `json:"uid"` // stable across export and import
	EngagementID int64  `json:"engagement_id"`
	FlowID       string `json:"flow_id"`
	FlowTitle    string `json:"flow_title"` // as shown when the session started
	Lang         Lang   `json:"lang"`
	Mode         Mode   `json:"mode"`
	Use          Use    `json:"use,omitempty"`
	Milestone    string `json:"milestone,omitempty"` // 3m, 6m or 12m for a return checkpoint
	// HolderType is the kind of companion who holds the session, as they
	// were on the engagement when it started: the prompts read for it.
	// Empty for a session of none, or when it was not said.
	HolderType CompanionType `json:"holder_type,omitempty"`
	Status     Status        `json:"status"`
	CurrentKey string        `json:"current_key"`
	// Place is where in the current step the keys were at the last save
	// (kept by the interface for a resume; not exported).
	Place      Place     `json:"-"`
	Steps      []Step    `json:"steps"`
	StartedAt  time.Time `json:"started_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
	// LearnerConfirmed is when the learner last read back what the
	// session heard and confirmed it (ConfirmReadBack); zero if never.
	LearnerConfirmed time.Time `json:"learner_confirmed,omitzero"`
}

// NewSession starts a session of flow for an engagement, one step per prompt,
// positioned on the first.
func NewSession(flow *Flow, engagementID int64, lang Lang, now time.Time) Session {
	s := Session{
		EngagementID: engagementID,
		FlowID:       flow.ID,
		FlowTitle:    flow.Title.In(lang),
		Lang:         lang,
		Mode:         flow.Mode,
		Use:          flow.Use,
		Status:       InProgress,
		StartedAt:    now,
		UpdatedAt:    now,
	}
	for _, p := range flow.Prompts {
		s.Steps = append(s.Steps, Step{
			Key:        "p:" + p.ID,
			Kind:       StepPrompt,
			AnswerKind: p.Kind,
			PromptID:   p.ID,
			Title:      p.Title.In(lang),
			Question:   p.Text.In(lang),
		})
	}
	if len(s.Steps) > 0 {
		s.CurrentKey = s.Steps[0].Key
	}
	return s
}

// AskAs makes t the session's holder type and words its prompts' questions
// as they read for that type (the steps keep the question as asked).
func (s *Session) AskAs(flow *Flow, t CompanionType) {
	s.HolderType = t
	for i, st := range s.Steps {
		if st.Kind != StepPrompt {
			continue
		}
		if p, ok := flow.Prompt(st.PromptID); ok {
			s.Steps[i].Question = p.For(t).Text.In(s.Lang)
		}
	}
}

// carryWords are the title and the question of the steps CarryForward
// puts at the start of a session, in each language.
var carryWords = map[Lang]struct{ anxietiesTitle, anxieties, happened, actionsTitle, actions string }{
	Ja: {
		anxietiesTitle: "これまでの不安（%d件）", anxieties: "前に話してくれた不安は、いまどうなっていますか。",
		happened:     "実際に起きたこと。どう乗り越えましたか。何が助けになりましたか。",
		actionsTitle: "前回決めたこと（%d件）", actions: "前回決めたことは、試してみてどうでしたか。",
	},
	En: {
		anxietiesTitle: "Worries so far (%d)", anxieties: "How do the worries you told me about earlier stand now?",
		happened:     "It happened. How did you get through it? What helped?",
		actionsTitle: "Decided last time (%d)", actions: "How did the things decided last time go when you tried them?",
	},
}

// HappenedQuestion is what a session asks, in lang, of a worry brought
// back because it happened (AskHowCoped).
func HappenedQuestion(lang Lang) string { return carryWords[langOr(lang)].happened }

// CarriedTitle is the title, in lang, of a step that brings back worries
// or actions, for n of them (n may be fewer than when the session began:
// what is left out of a view or a document is not counted). Any other
// step keeps its own title.
func CarriedTitle(st Step, n int, lang Lang) string {
	w := carryWords[langOr(lang)]
	switch st.Kind {
	case StepAnxieties:
		return fmt.Sprintf(w.anxietiesTitle, n)
	case StepActions:
		return fmt.Sprintf(w.actionsTitle, n)
	}
	return st.Title
}

// CarryForward puts steps at the start of a new session that bring back
// what earlier sessions left for it to ask about: the worries still open or
// easing and those that happened, to ask how the learner coped
// (AnxietiesToAsk: in a three-party session, only the shared ones), and the
// actions still to be done (ActionsToReview). A revisit with nothing to ask
// about is no step. Like any prompt they are suggestions; the companion can
// skip them.
func CarryForward(s Session, l Ledger) Session {
	w := carryWords[langOr(s.Lang)]
	var front []Step
	if n := len(l.AnxietiesToAsk(s)); n > 0 {
		st := Step{Key: "c:anxieties", Kind: StepAnxieties, AnswerKind: KindText, Question: w.anxieties}
		st.Title = CarriedTitle(st, n, s.Lang)
		front = append(front, st)
	}
	if n := len(l.ActionsToReview(s.ID)); n > 0 {
		st := Step{Key: "c:actions", Kind: StepActions, AnswerKind: KindText, Question: w.actions}
		st.Title = CarriedTitle(st, n, s.Lang)
		front = append(front, st)
	}
	if len(front) == 0 {
		return s
	}
	s.Steps = append(front, s.Steps...)
	s.CurrentKey = s.Steps[0].Key
	return s
}

// Index returns the position of the step with key, or -1.
func (s Session) Index(key string) int {
	return slices.IndexFunc(s.Steps, func(st Step) bool { return st.Key == key })
}

// CurrentIndex returns the position of the current step (0 if it is unknown).
func (s Session) CurrentIndex() int {
	if i := s.Index(s.CurrentKey); i >= 0 {
		return i
	}
	return 0
}

// Current returns the current step.
func (s Session) Current() (Step, bool) {
	if len(s.Steps) == 0 {
		return Step{}, false
	}
	return s.Steps[s.CurrentIndex()], true
}

// Step returns the step with key.
func (s Session) Step(key string) (Step, bool) {
	if i := s.Index(key); i >= 0 {
		return s.Steps[i], true
	}
	return Step{}, false
}

// Counts returns how many steps were answered, how many were skipped, and
// how many there are. A step is answered when it holds what the learner
// said (StepHasContent): words, a point on a scale, choices, or entries
// this session made at it in the engagement's ledger l (worries written
// down, actions agreed, a topic of the agreement, the state of a worry or
// an action from before). A note alone answers nothing: it is the
// companion's. A skipped step holds nothing. Every screen that shows how
// far a session got counts with this, so that none can disagree; a
// session without an engagement (a self-review, a round) has no ledger.
func (s Session) Counts(l Ledger) (answered, skipped, total int) {
	for _, st := range s.Steps {
		switch {
		case StepHasContent(s, st, l):
			answered++
		case st.Skipped:
			skipped++
		}
	}
	return answered, skipped, len(s.Steps)
}

// StepHasContent reports whether anything was said at a step: words, a
// scale point or a choice, or ledger entries made there.
func StepHasContent(s Session, st Step, l Ledger) bool {
	if st.Answered() {
		return true
	}
	switch {
	case st.Kind == StepAnxieties:
		return len(l.AnxietiesUpdatedIn(s.ID)) > 0
	case st.Kind == StepActions:
		return len(l.ActionsUpdatedIn(s.ID)) > 0
	case st.AnswerKind == KindAnxiety:
		return len(l.AnxietiesAt(s.ID, st.Key)) > 0
	case st.AnswerKind == KindAction:
		return len(l.ActionsAt(s.ID, st.Key)) > 0
	case st.AnswerKind == KindAgreement:
		it, ok := l.AgreementIn(s.ID)[st.PromptID]
		return ok && !it.Empty()
	}
	return false
}

// Number returns the ordinal of step i among the flow's prompts (1 for the
// first prompt step), or 0 for follow-ups and own questions, so that a
// prompt keeps its number when questions are added around it.
func (s Session) Number(i int) int {
	if i < 0 || i >= len(s.Steps) || s.Steps[i].Kind != StepPrompt {
		return 0
	}
	n := 0
	for _, st := range s.Steps[:i+1] {
		if st.Kind == StepPrompt {
			n++
		}
	}
	return n
}

// RootOf returns the key of the top-level step a step belongs to: itself for
// prompts and own questions, its parent for follow-ups.
func (s Session) RootOf(key string) string {
	for {
		st, ok := s.Step(key)
		if !ok || st.Parent == "" {
			return key
		}
		key = st.Parent
	}
}

// Event is something the companion does in a session.
type Event interface {
	apply(s *Session, now time.Time) error
}

// Next moves to the following step; on the last step it stays.
type Next struct{}

// Back moves to the previous step; on the first step it stays.
type Back struct{}

// Jump moves to the step with Key.
type Jump struct{ Key string }

// Skip marks the current step as deliberately not asked and moves on. A step
// that already has an answer is not marked.
type Skip struct{}

// SetAnswer replaces the current step's answer.
type SetAnswer struct{ Text string }

// SetNote replaces the current step's private note.
type SetNote struct{ Text string }

// SetAnswerPrivate marks the current step's answer private (or shared).
type SetAnswerPrivate struct{ Private bool }

// SetNoteShared marks the current step's note shared (or private).
type SetNoteShared struct{ Shared bool }

// SetValue sets the current step's point on the scale (0 clears it).
type SetValue struct{ Value int }

// SetChoices replaces the current step's chosen options.
type SetChoices struct{ IDs []string }

// AddQuestion adds the companion's own question after the current step (and
// the follow-ups under it) and moves to it.
type AddQuestion struct{ Text string }

// DigDeeper opens a follow-up on the current step: either a follow-up from
// the content (FollowupID with its Text) or the companion's own (Text only).
// Opening a content follow-up that is already open moves to it.
type DigDeeper struct {
	FollowupID string
	Text       string
}

// SetSkill names the skill of the skill map the current step's next action
// (a peer round's) is practice on; "" names none. Only a next action
// names a skill (ErrBadValue otherwise).
type SetSkill struct{ ID string }

// Finish marks the session done.
type Finish struct{}

// Reopen marks a finished session as in progress again.
type Reopen struct{}

// Errors returned by Apply.
var (
	ErrBadValue      = errors.New("a scale point must be between 1 and 5")
	ErrNoSteps       = errors.New("the session has no steps")
	ErrUnknownStep   = errors.New("no such step in this session")
	ErrEmptyQuestion = errors.New("the question is empty")
)

// Apply returns the session after the event. It is pure: s is not modified.
func Apply(s Session, e Event, now time.Time) (Session, error) {
	s.Steps = slices.Clone(s.Steps)
	if err := e.apply(&s, now); err != nil {
		return s, err
	}
	return s, nil
}

// Edit applies an event to *s itself, without copying its steps first:
// for the one holder of a session whose words change on every key of a
// flow that may be long (SetAnswer, SetNote). Use Apply wherever the
// session as it was is kept.
func Edit(s *Session, e Event, now time.Time) error { return e.apply(s, now) }

func (Next) apply(s *Session, _ time.Time) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	i := min(s.CurrentIndex()+1, len(s.Steps)-1)
	s.CurrentKey = s.Steps[i].Key
	return nil
}

func (Back) apply(s *Session, _ time.Time) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	i := max(s.CurrentIndex()-1, 0)
	s.CurrentKey = s.Steps[i].Key
	return nil
}

func (j Jump) apply(s *Session, _ time.Time) error {
	if s.Index(j.Key) < 0 {
		return fmt.Errorf("%w: %q", ErrUnknownStep, j.Key)
	}
	s.CurrentKey = j.Key
	return nil
}

func (Skip) apply(s *Session, now time.Time) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	i := s.CurrentIndex()
	if !s.Steps[i].Answered() && !s.Steps[i].Skipped {
		s.Steps[i].Skipped = true
		s.UpdatedAt = now
	}
	return Next{}.apply(s, now)
}

func (a SetAnswer) apply(s *Session, now time.Time) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	st := &s.Steps[s.CurrentIndex()]
	if st.Answer == a.Text {
		return nil
	}
	st.Answer = a.Text
	if st.Answered() {
		st.Skipped = false
	}
	st.UpdatedAt, s.UpdatedAt = now, now
	return nil
}

func (n SetNote) apply(s *Session, now time.Time) error {
	return setField(s, now, func(st *Step) *string { return &st.Note }, n.Text)
}

func (v SetAnswerPrivate) apply(s *Session, now time.Time) error {
	return setField(s, now, func(st *Step) *bool { return &st.AnswerPrivate }, v.Private)
}

func (v SetNoteShared) apply(s *Session, now time.Time) error {
	return setField(s, now, func(st *Step) *bool { return &st.NoteShared }, v.Shared)
}

// setField sets one field of the current step, and marks the step and the
// session changed when the value is new.
func setField[T comparable](s *Session, now time.Time, field func(*Step) *T, v T) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	st := &s.Steps[s.CurrentIndex()]
	if f := field(st); *f != v {
		*f = v
		st.UpdatedAt, s.UpdatedAt = now, now
	}
	return nil
}

func (v SetValue) apply(s *Session, now time.Time) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	if v.Value < 0 || v.Value > ScalePoints {
		return ErrBadValue
	}
	st := &s.Steps[s.CurrentIndex()]
	if st.Value == v.Value {
		return nil
	}
	st.Value = v.Value
	if v.Value > 0 {
		st.Skipped = false
	}
	st.UpdatedAt, s.UpdatedAt = now, now
	return nil
}

func (c SetChoices) apply(s *Session, now time.Time) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	st := &s.Steps[s.CurrentIndex()]
	if slices.Equal(st.Choices, c.IDs) {
		return nil
	}
	st.Choices = slices.Clone(c.IDs)
	if len(c.IDs) > 0 {
		st.Skipped = false
	}
	st.UpdatedAt, s.UpdatedAt = now, now
	return nil
}

func (q AddQuestion) apply(s *Session, now time.Time) error {
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return ErrEmptyQuestion
	}
	step := Step{
		Key:        "q:" + strconv.Itoa(s.nextNumber("q:")),
		Kind:       StepOwn,
		AnswerKind: KindText,
		Title:      text,
		Question:   text,
	}
	if len(s.Steps) > 0 {
		step.AnswerPrivate = s.keptPrivate(s.RootOf(s.CurrentKey))
	}
	at := len(s.Steps)
	if len(s.Steps) > 0 {
		at = s.subtreeEnd(s.RootOf(s.CurrentKey))
	}
	s.Steps = slices.Insert(s.Steps, at, step)
	s.CurrentKey = step.Key
	s.UpdatedAt = now
	return nil
}

func (d DigDeeper) apply(s *Session, now time.Time) error {
	if len(s.Steps) == 0 {
		return ErrNoSteps
	}
	text := strings.TrimSpace(d.Text)
	if text == "" {
		return ErrEmptyQuestion
	}
	root := s.RootOf(s.CurrentKey)
	if d.FollowupID != "" {
		for _, st := range s.Steps {
			if st.Parent == root && st.FollowupID == d.FollowupID {
				s.CurrentKey = st.Key
				return nil
			}
		}
	}
	step := Step{
		Key:        "f:" + strconv.Itoa(s.nextNumber("f:")),
		Kind:       StepFollowup,
		AnswerKind: KindText,
		FollowupID: d.FollowupID,
		Parent:     root,
		Title:      text,
		Question:   text,
		// Digging into what is kept to the companion (the learner's
		// feedback on the support) stays with the companion too.
		AnswerPrivate: s.keptPrivate(root),
	}
	s.Steps = slices.Insert(s.Steps, s.subtreeEnd(root), step)
	s.CurrentKey = step.Key
	s.UpdatedAt = now
	return nil
}

func (Finish) apply(s *Session, now time.Time) error {
	s.Status = Done
	s.FinishedAt, s.UpdatedAt = now, now
	return nil
}

func (Reopen) apply(s *Session, now time.Time) error {
	s.Status = InProgress
	s.FinishedAt = time.Time{}
	s.UpdatedAt = now
	return nil
}

// keptPrivate reports whether questions added at the step with key start
// private: those in the learner's feedback on the support do.
func (s *Session) keptPrivate(key string) bool {
	st, ok := s.Step(key)
	return ok && st.Kind == StepFeedback
}

// subtreeEnd returns the index just after root and every step under it.
func (s *Session) subtreeEnd(root string) int {
	i := s.Index(root)
	if i < 0 {
		return len(s.Steps)
	}
	for i+1 < len(s.Steps) && s.RootOf(s.Steps[i+1].Key) == root && s.Steps[i+1].Key != root {
		i++
	}
	return i + 1
}

// nextNumber returns one more than the highest number used in keys with the
// prefix, so keys stay unique and stable.
func (s *Session) nextNumber(prefix string) int {
	n := 0
	for _, st := range s.Steps {
		if v, ok := strings.CutPrefix(st.Key, prefix); ok {
			if k, err := strconv.Atoi(v); err == nil && k > n {
				n = k
			}
		}
	}
	return n + 1
}

// Checklist signs: the least a session must have to be read as run down
// the list, and what "short" means for an answer, in characters.
const (
	checklistMinPrompts = 6
	checklistShort      = 40
)

// RanAsChecklist reports the signs of a session run as a checklist
// (over-support pattern 3: the guideline's items worked through
// mechanically, seeds/000 L1836–L1880): at least six of the flow's prompts
// answered, all of them in the order the flow lists them, none skipped
// between, no follow-up opened and no question of the companion's own, and
// answers short (half or more under 40 characters). It is a reason for a
// gentle note after the session, never for blocking anything.
func (s Session) RanAsChecklist() bool {
	var answered []Step
	short := 0
	for _, st := range s.Steps {
		switch st.Kind {
		case StepFollowup, StepOwn:
			if st.Answered() {
				return false // the companion dug deeper
			}
			continue
		case StepPrompt:
		default:
			continue
		}
		if !st.Answered() {
			if len(answered) > 0 && !allAfterUnanswered(s.Steps, st.Key) {
				return false // one was passed over: a choice was made
			}
			continue
		}
		answered = append(answered, st)
		if st.AnswerKind == KindText && len([]rune(strings.TrimSpace(st.Answer))) < checklistShort {
			short++
		}
	}
	if len(answered) < checklistMinPrompts || short*2 < len(answered) {
		return false
	}
	for i := 1; i < len(answered); i++ {
		if answered[i].UpdatedAt.Before(answered[i-1].UpdatedAt) {
			return false // answered out of the listed order
		}
	}
	return true
}

// allAfterUnanswered reports whether no prompt after the one keyed key was
// answered: the session stopped there rather than passing it over.
func allAfterUnanswered(steps []Step, key string) bool {
	after := false
	for _, st := range steps {
		if st.Key == key {
			after = true
			continue
		}
		if after && st.Kind == StepPrompt && st.Answered() {
			return false
		}
	}
	return true
}
