package model

import (
	"sort"
	"strings"
)

// AnswerKind is the kind of answer a prompt asks for.
type AnswerKind string

// The answer kinds content may declare.
const (
	// KindText is free text in the learner's own words.
	KindText AnswerKind = "text"
	// KindScale is a point on a 1–5 scale, each point with a label, and an
	// optional comment.
	KindScale AnswerKind = "scale"
	// KindChoice is one of the prompt's options, with an optional comment.
	KindChoice AnswerKind = "choice"
	// KindMulti is any number of the prompt's options, with a comment.
	KindMulti AnswerKind = "multi"
	// KindAnxiety records worries in the engagement's anxiety ledger; the
	// prompt's options are the categories.
	KindAnxiety AnswerKind = "anxiety"
	// KindAgreement is one topic of the three-party agreement: each
	// party's expectation and fit score, and the agreed text. The prompt's
	// id is the topic.
	KindAgreement AnswerKind = "agreement"
	// KindAction records actions with an owner and a due date, carried
	// forward to later sessions.
	KindAction AnswerKind = "action"
)

// AnswerKinds lists every kind content may use.
var AnswerKinds = []AnswerKind{KindText, KindScale, KindChoice, KindMulti, KindAnxiety, KindAgreement, KindAction}

// ScalePoints is the number of points on a scale.
const ScalePoints = 5

// Use says what a flow stands for in the rhythm of an engagement, so that
// due dates and warnings can count it.
type Use string

// Flow uses.
const (
	UseNone       Use = ""
	UseCheckin    Use = "checkin"    // a check-in during the stint
	UseCheckpoint Use = "checkpoint" // a return checkpoint (3, 6, 12 months)
	UseAgreement  Use = "agreement"  // makes the three-party agreement
	UseRevisit    Use = "revisit"    // revisits the agreement during the stint
	UseArrival    Use = "arrival"    // the first weeks at the host
	UseWrapUp     Use = "wrapup"     // summing up before the return
)

// Valid reports whether u is a known use.
func (u Use) Valid() bool {
	switch u {
	case UseNone, UseCheckin, UseCheckpoint, UseAgreement, UseRevisit, UseArrival, UseWrapUp:
		return true
	}
	return false
}

// Option is one choice of a choice, multi or anxiety prompt.
type Option struct {
	ID   string `json:"id"`
	Text Text   `json:"text"`
}

// Valid reports whether k is a known answer kind.
func (k AnswerKind) Valid() bool {
	for _, known := range AnswerKinds {
		if k == known {
			return true
		}
	}
	return false
}

// Mode is the setting a flow is meant for.
type Mode string

// The session modes.
const (
	OneOnOne   Mode = "one-on-one"  // a companion and the learner
	ThreeParty Mode = "three-party" // learner, sending organisation and host
	Solo       Mode = "solo"        // the companion alone
	Round      Mode = "round"       // a peer case-study round
)

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool {
	return m == OneOnOne || m == ThreeParty || m == Solo || m == Round
}

// Flow is a pool of prompts for one kind of conversation. The companion picks
// from it freely; its order is a suggestion, never a sequence to force.
type Flow struct {
	ID      string `json:"id"`
	Phase   Phase  `json:"phase"`
	Mode    Mode   `json:"mode"`
	Use     Use    `json:"use,omitempty"`
	Order   int    `json:"order,omitempty"` // position among the flows of its phase
	Title   Text   `json:"title"`
	Summary Text   `json:"summary"`
	Refs    string `json:"refs,omitempty"`
	// Skills names the companion skills the flow exercises, so that the
	// learner's feedback on a session can be set beside the companion's
	// own rating of those skills.
	Skills  []string `json:"skills,omitempty"`
	Prompts []Prompt `json:"prompts"`

	File       string `json:"-"` // where the flow was loaded from
	Line       int    `json:"-"`
	skillsLine int
}

// Prompt is one question the companion may ask, with guidance for the
// companion and follow-ups for digging deeper.
type Prompt struct {
	ID        string     `json:"id"`
	Kind      AnswerKind `json:"kind"`
	Title     Text       `json:"title"`
	Text      Text       `json:"text"`
	Listen    Text       `json:"listen"`
	Avoid     Text       `json:"avoid,omitempty"`
	Followups []Followup `json:"followups"`
	Related   []string   `json:"related,omitempty"`
	Refs      string     `json:"refs,omitempty"`
	// Scale labels the points 1..5 of a scale prompt.
	Scale []Text `json:"scale,omitempty"`
	// Options are the choices of a choice or multi prompt, or the
	// categories of an anxiety prompt.
	Options []Option `json:"options,omitempty"`
	// Echoes names an earlier prompt ("flow/prompt") that this one looks
	// back on, such as a reflection on what the learner wanted to gain;
	// the comparison view sets their answers side by side.
	Echoes string `json:"echoes,omitempty"`
	// ByType holds how the prompt reads for a companion of a given type
	// where its question or hints differ (For applies it).
	ByType map[CompanionType]Variant `json:"by_type,omitempty"`

	Line     int `json:"-"`
	echoLine int
}

// PointText is a scale point as words ("4/5 やや高い"); p may be nil (the
// content is gone), and then the number stands alone.
func PointText(p *Prompt, value int, lang Lang) string {
	label := ""
	if p != nil && value >= 1 && value <= len(p.Scale) {
		label = p.Scale[value-1].In(lang)
	}
	return ScaleText(value, label)
}

// ChoiceNames names chosen options; p may be nil, and then the ids stand.
func ChoiceNames(p *Prompt, ids []string, lang Lang) []string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		name := id
		if p != nil {
			if o, ok := p.Option(id); ok {
				name = o.Text.In(lang)
			}
		}
		names = append(names, name)
	}
	return names
}

// EchoOf splits Echoes into the flow and prompt it names.
func (p Prompt) EchoOf() (flowID, promptID string, ok bool) {
	flowID, promptID, ok = strings.Cut(p.Echoes, "/")
	return flowID, promptID, ok && flowID != "" && promptID != ""
}

// Option returns the prompt's option with the given id.
func (p Prompt) Option(id string) (Option, bool) {
	for _, o := range p.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// Followup is a "dig deeper" question attached to a prompt.
type Followup struct {
	ID   string `json:"id"`
	Text Text   `json:"text"`
	Refs string `json:"refs,omitempty"`
}

// Prompt returns the flow's prompt with the given id.
func (f *Flow) Prompt(id string) (Prompt, bool) {
	for _, p := range f.Prompts {
		if p.ID == id {
			return p, true
		}
	}
	return Prompt{}, false
}

// Followup returns the follow-up with the given id.
func (p Prompt) Followup(id string) (Followup, bool) {
	for _, f := range p.Followups {
		if f.ID == id {
			return f, true
		}
	}
	return Followup{}, false
}

// Library is the validated content bundle: every flow, by id.
type Library struct {
	Flows []*Flow
	// Skills is the companion skill map; nil if the content has none.
	Skills *SkillMap
	// Rounds holds the formats, ground rules and case deck of peer
	// rounds; nil if the content has none.
	Rounds *RoundContent
	// Orientation is what a companion new to the work reads first, in
	// order; nil if the content has none.
	Orientation []Section
	byID        map[string]*Flow
}

// DefaultOrder is the order of a flow that gives none.
const DefaultOrder = 100

// NewLibrary indexes flows, ordered by phase, then by their order, then as
// given.
func NewLibrary(flows []*Flow) *Library {
	lib := &Library{Flows: append([]*Flow(nil), flows...), byID: map[string]*Flow{}}
	rank := map[Phase]int{Before: 0, During: 1, After: 2}
	sort.SliceStable(lib.Flows, func(i, j int) bool {
		a, b := lib.Flows[i], lib.Flows[j]
		if rank[a.Phase] != rank[b.Phase] {
			return rank[a.Phase] < rank[b.Phase]
		}
		return a.Order < b.Order
	})
	for _, f := range lib.Flows {
		lib.byID[f.ID] = f
	}
	return lib
}

// SetSkills sets the skill map and makes its self-review flow known by id
// (it is not among Flows, which are the flows of conversations with a
// learner).
func (l *Library) SetSkills(m *SkillMap) {
	l.Skills = m
	if m != nil {
		l.byID[SelfReviewFlowID] = m.ReviewFlow()
	}
}

// SetRounds sets the peer round content and makes the flow of each format
// known by id (like the self-review, not among Flows).
func (l *Library) SetRounds(c *RoundContent) {
	l.Rounds = c
	if c == nil {
		return
	}
	for _, f := range c.Formats {
		l.byID[RoundFlowID(f.ID)] = f.Flow()
	}
}

// Flow returns the flow with the given id.
func (l *Library) Flow(id string) (*Flow, bool) {
	f, ok := l.byID[id]
	return f, ok
}

// CategoryName names a worry's category from the content's anxiety
// prompts; without the content (a nil library) or the category in it, the
// id stands.
func (l *Library) CategoryName(id string, lang Lang) string {
	if l != nil {
		for _, f := range l.Flows {
			for _, p := range f.Prompts {
				if p.Kind != KindAnxiety {
					continue
				}
				if opt, ok := p.Option(id); ok {
					return opt.Text.In(lang)
				}
			}
		}
	}
	return id
}

// PromptCount is the total number of prompts in the library.
func (l *Library) PromptCount() int {
	n := 0
	for _, f := range l.Flows {
		n += len(f.Prompts)
	}
	return n
}
