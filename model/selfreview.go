package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// SelfReviewFlowID is the flow of a companion's self-review against the
// skill map. The flow is made from the skill map, not from a flow file.
const SelfReviewFlowID = "self-review"

// The answer kinds of a self-review.
const (
	// KindSkill rates one skill: the level that describes recent
	// behaviour (Value), the evidence (Answer) and a target (Target).
	KindSkill AnswerKind = "skill"
	// KindFocus chooses up to MaxFocus skills to develop (Choices) and
	// records a practice plan (Answer).
	KindFocus AnswerKind = "focus"
)

// MaxFocus is the most skills a self-review chooses to develop at once.
const MaxFocus = 3

// More step kinds.
const (
	// StepPractice asks how the practice planned in the previous
	// self-review went, for one of the skills chosen then (PromptID).
	StepPractice StepKind = "practice"
	// StepFeedback records the learner's brief feedback on the support,
	// at the end of a session with them (PromptID is FeedbackHelped,
	// FeedbackTooMuch or FeedbackMissing).
	StepFeedback StepKind = "feedback"
)

// The three parts of a learner's feedback on the support.
const (
	FeedbackHelped  = "helped"
	FeedbackTooMuch = "too-much"
	FeedbackMissing = "missing"
)

// FeedbackParts lists the parts in the order they are asked.
var FeedbackParts = []string{FeedbackHelped, FeedbackTooMuch, FeedbackMissing}

// The prompt ids of a self-review other than the skills.
const (
	FocusPromptID  = "focus"
	balancePrefix  = "balance-"
	practicePrefix = "c:practice-"
	feedbackPrefix = "fb:"
)

var reviewLabels = map[Lang]struct {
	title, summary, listen, focusTitle, focusText, focusListen, balanceListen,
	practiceTitle, practiceText, practiceNoPlan string
	feedback map[string][2]string // title, question
}{
	Ja: {
		title:          "スキルの振り返り",
		summary:        "20のスキルについて、最近の自分の行動にいちばん近い段階を選び、その根拠になった場面を書きます。評価ではなく、次に何を練習するかを決めるための振り返りです。",
		listen:         "最近の具体的な場面を一つ思い出し、そのときの行動にいちばん近い段階を選びます。迷ったら低い方を選び、理由を書き留めます。",
		focusTitle:     "次に伸ばすスキル",
		focusText:      "次の振り返りまでに伸ばしたいスキルを1〜3つ選び、どう練習するかを書いてください。",
		focusListen:    "選んだスキルの育て方を参考に、いつ・どの場面で・何を試すかが分かるくらい具体的に書くと、次の振り返りで確かめやすくなります。",
		balanceListen:  "責めるためではなく、距離の取り方を確かめるための問いです。思い当たる場面があれば、そのときの状況と自分の動きを書き留めます。",
		practiceTitle:  "練習の振り返り：%s",
		practiceText:   "前回の振り返りで、%sを伸ばすために立てた計画は次のとおりでした。\n\n%s\n\nやってみて、どうでしたか。",
		practiceNoPlan: "（計画の記入なし）",
		feedback: map[string][2]string{
			FeedbackHelped:  {"本人の声：助けになったこと", "今回の関わりで、助けになったことは何でしたか。"},
			FeedbackTooMuch: {"本人の声：多すぎたこと", "やりすぎだと感じたこと、自分でやりたかったことはありましたか。"},
			FeedbackMissing: {"本人の声：足りなかったこと", "もっとこうしてほしかった、足りなかったと感じたことはありますか。"},
		},
	},
	En: {
		title:          "Skill self-review",
		summary:        "For each of the 20 skills, pick the level closest to how you have acted recently and note the situation that shows it. This is not an appraisal: it is to decide what to practise next.",
		listen:         "Recall one concrete recent situation and choose the level closest to what you did then. If torn, choose the lower and note why.",
		focusTitle:     "Skills to develop next",
		focusText:      "Choose one to three skills to develop before your next review, and write how you will practise them.",
		focusListen:    "Use the development methods of the skills you chose. A plan concrete enough to say when, in which situation and what you will try is easy to check at the next review.",
		balanceListen:  "This is not to blame yourself but to check the distance you keep. If a situation comes to mind, note what was happening and what you did.",
		practiceTitle:  "Practice since last time: %s",
		practiceText:   "At your last review, your plan for developing %s was:\n\n%s\n\nHow did it go when you tried it?",
		practiceNoPlan: "(no plan written)",
		feedback: map[string][2]string{
			FeedbackHelped:  {"Learner's voice: what helped", "What helped you in how I supported you this time?"},
			FeedbackTooMuch: {"Learner's voice: what was too much", "Was anything too much, or something you would rather have done yourself?"},
			FeedbackMissing: {"Learner's voice: what was missing", "Was anything missing, or something you wish I had done?"},
		},
	},
}

// ReviewFlow makes the self-review flow from the skill map: one prompt per
// skill, one per balance item and the choice of skills to develop.
func (m *SkillMap) ReviewFlow() *Flow {
	ja, en := reviewLabels[Ja], reviewLabels[En]
	f := &Flow{
		ID:      SelfReviewFlowID,
		Mode:    Solo,
		Order:   DefaultOrder,
		Title:   Text{Ja: ja.title, En: en.title},
		Summary: Text{Ja: ja.summary, En: en.summary},
	}
	focus := Prompt{
		ID: FocusPromptID, Kind: KindFocus,
		Title:  Text{Ja: ja.focusTitle, En: en.focusTitle},
		Text:   Text{Ja: ja.focusText, En: en.focusText},
		Listen: Text{Ja: ja.focusListen, En: en.focusListen},
	}
	for _, s := range m.Skills {
		f.Prompts = append(f.Prompts, Prompt{
			ID: s.ID, Kind: KindSkill, Title: s.Name, Text: s.Definition,
			Listen: Text{Ja: ja.listen, En: en.listen},
			Scale:  s.Levels[:], Refs: s.Refs,
		})
		focus.Options = append(focus.Options, Option{ID: s.ID, Text: s.Name})
	}
	for _, b := range m.Balance {
		f.Prompts = append(f.Prompts, Prompt{
			ID: balancePrefix + b.ID, Kind: KindText, Title: b.Name,
			Text:   Text{Ja: b.Text.Ja + "\n\n" + b.Question.Ja, En: b.Text.En + "\n\n" + b.Question.En},
			Listen: Text{Ja: ja.balanceListen, En: en.balanceListen},
			Refs:   b.Refs,
		})
	}
	f.Prompts = append(f.Prompts, focus)
	return f
}

// NewSelfReview starts a self-review of the given skills (in the map's
// order, whatever order they are given in). When the previous review chose
// skills to develop, the new one first asks how each practice went.
func NewSelfReview(m *SkillMap, skillIDs []string, previous *Session, lang Lang, now time.Time) Session {
	flow := m.ReviewFlow()
	s := NewSession(flow, 0, lang, now)
	s.Steps = slices.DeleteFunc(s.Steps, func(st Step) bool {
		return st.AnswerKind == KindSkill && !slices.Contains(skillIDs, st.PromptID)
	})
	var front []Step
	if previous != nil {
		lb := reviewLabels[langOr(lang)]
		focus, _ := previous.Step("p:" + FocusPromptID)
		plan := strings.TrimSpace(focus.Answer)
		if plan == "" {
			plan = lb.practiceNoPlan
		}
		for _, id := range focus.Choices {
			name := id
			if sk, ok := m.Skill(id); ok {
				name = sk.Name.In(lang)
			}
			front = append(front, Step{
				Key: practicePrefix + id, Kind: StepPractice, AnswerKind: KindChoice, PromptID: id,
				Title:    fmt.Sprintf(lb.practiceTitle, name),
				Question: fmt.Sprintf(lb.practiceText, name, plan),
			})
		}
	}
	s.Steps = append(front, s.Steps...)
	if len(s.Steps) > 0 {
		s.CurrentKey = s.Steps[0].Key
	}
	return s
}

// PracticePrompt is what a practice step offers beside its words: how the
// plan went, on the scale a round's carried next action uses. A practice
// step kept from before the outcome was asked offers words only (false).
func PracticePrompt(st Step) (Prompt, bool) {
	if st.Kind != StepPractice || st.AnswerKind != KindChoice {
		return Prompt{}, false
	}
	return Prompt{ID: st.PromptID, Kind: KindChoice, Options: outcomeOptions()}, true
}

// PracticeOutcome is how a practice plan went, as chosen at its step
// (OutcomePending if nothing was chosen).
func PracticeOutcome(st Step) Outcome {
	if _, ok := PracticePrompt(st); !ok {
		return OutcomePending
	}
	return chosenOutcome(st)
}

// IsSelfReview reports whether s is a self-review.
func (s Session) IsSelfReview() bool { return s.FlowID == SelfReviewFlowID }

// SetTarget sets the level the companion aims for on the current step's
// skill (0 clears it).
type SetTarget struct{ Level int }

func (t SetTarget) apply(s *Session, now time.Time) error {
	if t.Level < 0 || t.Level > Levels {
		return ErrBadValue
	}
	return setField(s, now, func(st *Step) *int { return &st.Target }, t.Level)
}

// AddFeedback adds the three questions of the learner's feedback on the
// support at the end of the session, kept private to the companion, and
// moves to the first. If they are there already, it moves to the first.
type AddFeedback struct{}

func (AddFeedback) apply(s *Session, now time.Time) error {
	first := feedbackPrefix + FeedbackHelped
	if s.Index(first) < 0 {
		lb := reviewLabels[langOr(s.Lang)]
		for _, part := range FeedbackParts {
			if s.Index(feedbackPrefix+part) >= 0 {
				continue
			}
			t := lb.feedback[part]
			s.Steps = append(s.Steps, Step{
				Key: feedbackPrefix + part, Kind: StepFeedback, AnswerKind: KindText, PromptID: part,
				Title: t[0], Question: t[1], AnswerPrivate: true,
			})
		}
		s.UpdatedAt = now
	}
	s.CurrentKey = first
	return nil
}

// Rating is one skill as rated in one self-review.
type Rating struct {
	Level    int    `json:"level"`            // 1–5
	Target   int    `json:"target,omitempty"` // 1–5, or 0 if none was set
	Evidence string `json:"evidence,omitempty"`
	Private  bool   `json:"-"` // the evidence is kept to the companion
}

// Snapshot is what one self-review says: its date, the ratings by skill,
// the skills chosen to develop with the plan, and how the earlier practice
// went: in words (Practice) and on the outcome scale (Outcomes).
type Snapshot struct {
	SessionID int64              `json:"session_id"`
	At        time.Time          `json:"at"`
	Status    Status             `json:"status"`
	Ratings   map[string]Rating  `json:"ratings"`
	Focus     []string           `json:"focus,omitempty"`
	Plan      string             `json:"plan,omitempty"`
	Practice  map[string]string  `json:"practice,omitempty"`
	Outcomes  map[string]Outcome `json:"outcomes,omitempty"`
}

// SnapshotOf reads the ratings, focus and practice of a self-review.
func SnapshotOf(s Session) Snapshot {
	snap := Snapshot{SessionID: s.ID, At: s.StartedAt, Status: s.Status, Ratings: map[string]Rating{}}
	for _, st := range s.Steps {
		switch {
		case st.Kind == StepPractice:
			if strings.TrimSpace(st.Answer) != "" {
				if snap.Practice == nil {
					snap.Practice = map[string]string{}
				}
				snap.Practice[st.PromptID] = st.Answer
			}
			if o := PracticeOutcome(st); o != OutcomePending {
				if snap.Outcomes == nil {
					snap.Outcomes = map[string]Outcome{}
				}
				snap.Outcomes[st.PromptID] = o
			}
		case st.AnswerKind == KindSkill && st.Value > 0:
			snap.Ratings[st.PromptID] = Rating{Level: st.Value, Target: st.Target, Evidence: st.Answer, Private: st.AnswerPrivate}
		case st.AnswerKind == KindFocus:
			snap.Focus = slices.Clone(st.Choices)
			snap.Plan = st.Answer
		}
	}
	return snap
}

// History is every self-review as a snapshot, oldest first.
type History []Snapshot

// HistoryOf makes the history of the given self-reviews, oldest first.
func HistoryOf(reviews []Session) History {
	h := make(History, 0, len(reviews))
	for _, s := range reviews {
		if s.IsSelfReview() {
			h = append(h, SnapshotOf(s))
		}
	}
	slices.SortStableFunc(h, func(a, b Snapshot) int { return a.At.Compare(b.At) })
	return h
}

// Change is how the rating of one skill moved from the review before.
type Change struct {
	SkillID  string
	Previous int // the level before (0 if the skill was never rated before)
	Current  int // the level now (0 if this review did not rate it)
	Since    time.Time
}

// Delta is the move in levels; zero when either side is missing.
func (c Change) Delta() int {
	if c.Previous == 0 || c.Current == 0 {
		return 0
	}
	return c.Current - c.Previous
}

// SignedDelta writes a change in levels as +2, -1 or 0.
func SignedDelta(d int) string {
	if d > 0 {
		return fmt.Sprintf("+%d", d)
	}
	return fmt.Sprint(d)
}

// ChangeAt compares the review at index i with the most recent earlier
// review that rated the same skill (reviews may cover only some skills).
func (h History) ChangeAt(i int, skillID string) Change {
	c := Change{SkillID: skillID}
	if i < 0 || i >= len(h) {
		return c
	}
	c.Current = h[i].Ratings[skillID].Level
	for j := i - 1; j >= 0; j-- {
		if r, ok := h[j].Ratings[skillID]; ok {
			c.Previous, c.Since = r.Level, h[j].At
			break
		}
	}
	return c
}

// Latest returns the most recent rating of a skill up to and including
// the review at index i, with that review's index, or -1.
func (h History) Latest(i int, skillID string) (Rating, int) {
	for j := min(i, len(h)-1); j >= 0; j-- {
		if r, ok := h[j].Ratings[skillID]; ok {
			return r, j
		}
	}
	return Rating{}, -1
}

// PracticeSource returns the review whose choice of skills to develop the
// next review asks about: the latest one that chose any, unless a later
// review has already asked about them (or nil).
func PracticeSource(reviews []Session) *Session {
	sorted := slices.Clone(reviews)
	slices.SortStableFunc(sorted, func(a, b Session) int { return a.StartedAt.Compare(b.StartedAt) })
	for i := len(sorted) - 1; i >= 0; i-- {
		s := sorted[i]
		if !s.IsSelfReview() {
			continue
		}
		if len(SnapshotOf(s).Focus) > 0 {
			return &s
		}
		if slices.ContainsFunc(s.Steps, func(st Step) bool { return st.Kind == StepPractice }) {
			return nil
		}
	}
	return nil
}

// FeedbackNote is what a learner said about the support in one session.
type FeedbackNote struct {
	SessionID   int64
	FlowID      string
	FlowTitle   string
	LearnerName string
	At          time.Time
	Parts       map[string]string // by FeedbackHelped, FeedbackTooMuch, FeedbackMissing
	// Tags are the companion's choice of skills for a part, as kept on
	// its step (see SkillMap.FeedbackSkills); a part without tags goes to
	// the skills its words name.
	Tags map[string][]string
}

// FeedbackSkills gives the skills one part of a note speaks to.
func (l *Library) FeedbackSkills(n FeedbackNote, part string) []string {
	var flowSkills []string
	if f, ok := l.Flow(n.FlowID); ok {
		flowSkills = f.Skills
	}
	return l.Skills.FeedbackSkills(part, n.Parts[part], n.Tags[part], flowSkills)
}

// FeedbackFor picks the notes with a part that speaks to the skill, most
// recent first, each with only the parts that do.
func (l *Library) FeedbackFor(notes []FeedbackNote, skillID string) []FeedbackNote {
	var out []FeedbackNote
	for _, n := range notes {
		parts := map[string]string{}
		for part, words := range n.Parts {
			if slices.Contains(l.FeedbackSkills(n, part), skillID) {
				parts[part] = words
			}
		}
		if len(parts) > 0 {
			n.Parts = parts
			out = append(out, n)
		}
	}
	slices.SortStableFunc(out, func(a, b FeedbackNote) int { return b.At.Compare(a.At) })
	return out
}

// FeedbackOf reads the learner's feedback recorded in a session, if any.
func FeedbackOf(s Session) (map[string]string, bool) {
	parts := map[string]string{}
	for _, st := range s.Steps {
		if st.Kind == StepFeedback && strings.TrimSpace(st.Answer) != "" {
			parts[st.PromptID] = st.Answer
		}
	}
	return parts, len(parts) > 0
}

// Levels lists a skill's level in each review, oldest first: 0 where a
// review did not rate it.
func (h History) Levels(skillID string) []int {
	out := make([]int, len(h))
	for i, s := range h {
		out[i] = s.Ratings[skillID].Level
	}
	return out
}

// sparkMarks are the marks of levels 1 to 5 in a trend, and NotRatedMark
// the mark of a review that did not rate the skill.
var sparkMarks = []rune("▁▂▃▄▅")

// NotRatedMark stands for a review that did not rate a skill, in a trend.
const NotRatedMark = '·'

// Sparkline writes levels as a trend, one mark a review (▁ for 1 up to ▅
// for 5, · for not rated), oldest first: the most recent n of them when
// there are more (every one when n is 0 or less).
func Sparkline(levels []int, n int) string {
	if n > 0 && len(levels) > n {
		levels = levels[len(levels)-n:]
	}
	var b strings.Builder
	for _, l := range levels {
		if l >= 1 && l <= len(sparkMarks) {
			b.WriteRune(sparkMarks[l-1])
		} else {
			b.WriteRune(NotRatedMark)
		}
	}
	return b.String()
}

// Direction is which way a skill's levels went across the reviews that
// rated it.
type Direction string

// Directions of a trend.
const (
	DirectionNone  Direction = ""      // rated once or never
	DirectionUp    Direction = "up"    // only up (or level) and higher at the end
	DirectionDown  Direction = "down"  // only down (or level) and lower at the end
	DirectionFlat  Direction = "flat"  // the same every time
	DirectionMixed Direction = "mixed" // up and down
)

// DirectionOf reads which way levels went, the reviews that did not rate
// the skill left out.
func DirectionOf(levels []int) Direction {
	var rated []int
	for _, l := range levels {
		if l > 0 {
			rated = append(rated, l)
		}
	}
	if len(rated) < 2 {
		return DirectionNone
	}
	up, down := false, false
	for i := 1; i < len(rated); i++ {
		switch {
		case rated[i] > rated[i-1]:
			up = true
		case rated[i] < rated[i-1]:
			down = true
		}
	}
	switch {
	case up && down:
		return DirectionMixed
	case up:
		return DirectionUp
	case down:
		return DirectionDown
	}
	return DirectionFlat
}
