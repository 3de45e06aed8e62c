package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A peer round is a session without an engagement, of a flow made from a
// round format (its id is RoundFlowPrefix + the format id). The scribe's
// notes of each phase, the presenter's key question, the takeaways, each
// participant's next action and how last round's next actions went are its
// steps, so they are saved, searched, backed up and resumed like any answer.
// Who took part, the roles, the case card and the timer are kept beside
// the session in a PeerRound.

// RoundFlowPrefix starts the id of every round flow.
const RoundFlowPrefix = "round:"

// The prompt ids of a round flow other than its phases ("phase-" + the
// phase id).
const (
	CarryPromptID       = "carry"        // how one of last round's next actions went
	KeyQuestionPromptID = "key-question" // the presenter's question to the group
	TakeawaysPromptID   = "takeaways"    // what the presenter takes away
	NextActionPromptID  = "next-action"  // one participant's next action
	LearningPromptID    = "learning"     // what one participant learnt
	phasePromptPrefix   = "phase-"
)

// Step keys of the steps a round repeats per participant.
const (
	carryKeyPrefix    = "c:carry:"
	actionKeyPrefix   = "p:next-action:"
	learningKeyPrefix = "p:learning:"
)

// blockSep joins a phase's id (or a step's key) in the block run once per
// presenter and the presenter's place: present@2. Content ids never hold
// it.
const blockSep = "@"

// The outcomes a carried next action can have, in the order offered.
var carryOutcomes = []Outcome{OutcomeNotTried, OutcomeNoEffect, OutcomeWorked}

var roundLabels = map[Lang]struct {
	keyQuestionTitle, keyQuestion, keyQuestionListen,
	takeawaysTitle, takeaways, takeawaysListen,
	actionTitle, action, actionListen,
	learningTitle, learning, learningListen,
	carryTitle, carry, carryListen, blockTitle string
}{
	Ja: {
		keyQuestionTitle:  "発表者の問い",
		keyQuestion:       "発表者が仲間にいちばん聞きたい問いを、発表者の言葉のまま一文で書き留めます。",
		keyQuestionListen: "問いが広すぎるときは、どの場面のどの瞬間について聞きたいのかを発表者に確かめます。",
		takeawaysTitle:    "持ち帰り",
		takeaways:         "この回から持ち帰るものは何ですか。心に残った見方や、試してみたい選択肢を挙げてもらいます。",
		takeawaysListen:   "出た案の良し悪しを決める場ではありません。発表者が自分で選んだものだけを、その言葉で記録します。",
		actionTitle:       "次の一手：%s",
		action:            "%sさんが次の回までに試す行動を一つ、いつ・どこで・何をするかが分かるように書きます。",
		actionListen:      "大きな決意より、次に伴走する場面で試せる小さな一歩を一つに絞ると、次回に確かめやすくなります。",
		carryTitle:        "前回の次の一手：%s",
		carry:             "前回の回で%sさんが決めた次の一手は「%s」でした。試してみましたか。どうなりましたか。",
		carryListen:       "結果の良し悪しを評価する時間ではありません。試せなかった理由も、やってみて気づいたことも、同じように大切な材料です。",
		learningTitle:     "学び：%s",
		learning:          "%sさんがこの回で学んだこと、気づいたことを、本人の言葉で書き留めます。",
		learningListen:    "まとめ上手な一言より、どの場面の誰の言葉で気づいたのかが残ると、あとで読み返したときに役立ちます。",
		blockTitle:        "%s（%s）",
	},
	En: {
		keyQuestionTitle:  "The presenter's question",
		keyQuestion:       "Write down, in one sentence and in the presenter's own words, the question they most want to put to the group.",
		keyQuestionListen: "If the question is too broad, ask the presenter which moment of which scene they want to ask about.",
		takeawaysTitle:    "Takeaways",
		takeaways:         "What does the presenter take away from this round? Note the angles that stayed with them and the options they want to try.",
		takeawaysListen:   "This is not the time to judge the ideas offered. Record only what the presenter chose, in their words.",
		actionTitle:       "Next action: %s",
		action:            "Write the one thing %s will try before the next round, clear enough to say when, where and what.",
		actionListen:      "One small step to try the next time they support someone is easier to check next round than a big resolution.",
		carryTitle:        "Last round's next action: %s",
		carry:             "At the last round, %s chose this next action: \"%s\". Did you try it, and what happened?",
		carryListen:       "This is not about judging the result. Why it could not be tried matters as much as what trying it showed.",
		learningTitle:     "Learnings: %s",
		learning:          "Write down, in their own words, what %s learnt or noticed in this round.",
		learningListen:    "Which moment and whose words set it off is worth more when read later than a neat summary.",
		blockTitle:        "%s (%s)",
	},
}

// RoundFlowID is the id of the flow of a round format.
func RoundFlowID(format string) string { return RoundFlowPrefix + format }

// IsRound reports whether the session is a peer round.
func (s Session) IsRound() bool {
	return s.EngagementID == 0 && strings.HasPrefix(s.FlowID, RoundFlowPrefix)
}

// RoundFormatID is the id of the format a round session follows.
func (s Session) RoundFormatID() string { return strings.TrimPrefix(s.FlowID, RoundFlowPrefix) }

// PhasePromptID is the prompt id of a phase's notes.
func PhasePromptID(phase string) string { return phasePromptPrefix + phase }

// PhaseOf returns the id of the timer's phase whose notes a step holds
// (phase@n in the block run once per presenter), or "".
func PhaseOf(st Step) string {
	if st.Kind != StepPrompt || !strings.HasPrefix(st.PromptID, phasePromptPrefix) {
		return ""
	}
	if k, ok := strings.CutPrefix(st.Key, "p:"+phasePromptPrefix); ok {
		return k
	}
	return strings.TrimPrefix(st.PromptID, phasePromptPrefix)
}

// BlockOf returns the presenter (1-based, as in PeerRound.AllPresenters)
// whose block a step belongs to, or 0.
func BlockOf(st Step) int {
	_, n, ok := strings.Cut(st.Key, blockSep)
	if !ok {
		return 0
	}
	i, _ := strconv.Atoi(n)
	return i
}

// blockID is a phase's id or a step's key in the block of presenter n.
func blockID(id string, n int) string { return id + blockSep + strconv.Itoa(n) }

// Flow makes the flow of a format: how last round's next actions went,
// then each phase's notes followed by what the phase records.
func (f *RoundFormat) Flow() *Flow {
	ja, en := roundLabels[Ja], roundLabels[En]
	fl := &Flow{ID: RoundFlowID(f.ID), Mode: Round, Order: DefaultOrder, Title: f.Title, Summary: f.Summary, Refs: f.Refs}
	carry := Prompt{ID: CarryPromptID, Kind: KindChoice,
		Title: Text{Ja: ja.carryTitle, En: en.carryTitle}, Text: Text{Ja: ja.carry, En: en.carry},
		Listen: Text{Ja: ja.carryListen, En: en.carryListen}}
	carry.Options = outcomeOptions()
	fl.Prompts = append(fl.Prompts, carry)
	for _, p := range f.Phases {
		fl.Prompts = append(fl.Prompts, Prompt{ID: PhasePromptID(p.ID), Kind: KindText,
			Title: p.Title, Text: p.Question, Listen: p.Capture})
		for _, r := range p.Records {
			fl.Prompts = append(fl.Prompts, recordPrompt(r))
		}
	}
	return fl
}

func recordPrompt(r RoundRecord) Prompt {
	ja, en := roundLabels[Ja], roundLabels[En]
	switch r {
	case RecordKeyQuestion:
		return Prompt{ID: KeyQuestionPromptID, Kind: KindText,
			Title: Text{Ja: ja.keyQuestionTitle, En: en.keyQuestionTitle}, Text: Text{Ja: ja.keyQuestion, En: en.keyQuestion},
			Listen: Text{Ja: ja.keyQuestionListen, En: en.keyQuestionListen}}
	case RecordTakeaways:
		return Prompt{ID: TakeawaysPromptID, Kind: KindText,
			Title: Text{Ja: ja.takeawaysTitle, En: en.takeawaysTitle}, Text: Text{Ja: ja.takeaways, En: en.takeaways},
			Listen: Text{Ja: ja.takeawaysListen, En: en.takeawaysListen}}
	case RecordLearnings:
		return Prompt{ID: LearningPromptID, Kind: KindText,
			Title: Text{Ja: ja.learningTitle, En: en.learningTitle}, Text: Text{Ja: ja.learning, En: en.learning},
			Listen: Text{Ja: ja.learningListen, En: en.learningListen}}
	}
	return Prompt{ID: NextActionPromptID, Kind: KindText,
		Title: Text{Ja: ja.actionTitle, En: en.actionTitle}, Text: Text{Ja: ja.action, En: en.action},
		Listen: Text{Ja: ja.actionListen, En: en.actionListen}}
}

// PeerRound is what a peer round keeps beside its session: who took part and
// in which role, the format, the case card, the timer, and the next
// actions it brought back from the round before.
type PeerRound struct {
	SessionID    int64         `json:"session_id"`
	Format       string        `json:"format"`
	CaseID       string        `json:"case_id,omitempty"`
	Participants []Participant `json:"participants"`
	Facilitator  string        `json:"facilitator"`
	// Presenter is the round's (first) presenter, "" for a format without
	// one; Presenters lists every presenter in order when the format runs
	// a block once per presenter.
	Presenter  string   `json:"presenter"`
	Presenters []string `json:"presenters,omitempty"`
	Scribe     string   `json:"scribe"`
	// Purpose is what the round is for, as stated when it was prepared.
	Purpose string `json:"purpose,omitempty"`
	// Cast gives the roles of a role-play: role id → participant name.
	Cast  map[string]string `json:"cast,omitempty"`
	Timer Timer             `json:"timer"`
	// LeftRunning: the holder's connection dropped while the clock ran in
	// a room; the room went on, so the clock is left running when the
	// holder comes back (any other stop is stopped at the last record).
	LeftRunning bool            `json:"left_running,omitempty"`
	Carried     []CarriedAction `json:"carried,omitempty"`
}

// AllPresenters lists the round's presenters in order: Presenters, or the
// one Presenter.
func (rd PeerRound) AllPresenters() []string {
	if len(rd.Presenters) > 0 {
		return rd.Presenters
	}
	if rd.Presenter != "" {
		return []string{rd.Presenter}
	}
	return nil
}

// Copy returns the round's record with its own copy of the timer's phases,
// to be written while the clock goes on.
func (rd PeerRound) Copy() *PeerRound {
	rd.Timer.Phases = slices.Clone(rd.Timer.Phases)
	for i := range rd.Timer.Phases {
		rd.Timer.Phases[i].TurnTimes = slices.Clone(rd.Timer.Phases[i].TurnTimes)
	}
	return &rd
}

// Resume readies a round's record to run again. Leaving or quitting pauses
// the clock, so a clock still running was left by a crash: it is stopped at
// the last thing recorded rather than counting the time bansou was not
// running, and Resume reports true. A timer lost from the record is planned
// afresh from the format f (which may be nil when it is gone from the
// content).
func (rd *PeerRound) Resume(s Session, f *RoundFormat) (stopped bool) {
	if t := &rd.Timer; t.Running() {
		last := t.Phases[t.Current].RunningSince
		if s.UpdatedAt.After(last) {
			last = s.UpdatedAt
		}
		t.Pause(last)
		stopped = true
	}
	if len(rd.Timer.Phases) == 0 && f != nil {
		var ids []string
		var planned []time.Duration
		for _, p := range f.Phases {
			ids, planned = append(ids, p.ID), append(planned, p.Planned)
		}
		rd.Timer = NewTimer(ids, planned)
	}
	return stopped
}

// CarriedAction is a next action chosen at an earlier round, brought back
// to ask how it went.
type CarriedAction struct {
	Name   string `json:"name"`
	Action string `json:"action"`
	From   string `json:"from"` // the uid of the round it was chosen at
}

// RoundSetup is what the facilitator chooses before a round starts.
type RoundSetup struct {
	Format       *RoundFormat
	CaseID       string
	Participants []Participant
	Facilitator  string
	Presenter    string
	// Presenters are the presenters in order, for a format with a block
	// run once per presenter (Presenter alone is taken as the one).
	Presenters []string
	Scribe     string
	// Purpose is what the round is for.
	Purpose string
	Cast    map[string]string
	// Planned overrides the format's minutes per phase (same order); a
	// zero or missing entry keeps the format's.
	Planned []time.Duration
}

// Validate checks a setup before a round is started from it.
func (s RoundSetup) Validate() error {
	if s.Format == nil {
		return fmt.Errorf("choose a format")
	}
	if len(s.Participants) == 0 {
		return fmt.Errorf("add at least one participant")
	}
	seen := map[string]bool{}
	for _, p := range s.Participants {
		k := participantKey(p.Name)
		if k == "" {
			return fmt.Errorf("a participant has no name")
		}
		if seen[k] {
			return fmt.Errorf("%q is listed twice", strings.TrimSpace(p.Name))
		}
		seen[k] = true
	}
	for _, name := range append([]string{s.Facilitator, s.Presenter, s.Scribe}, s.Presenters...) {
		if name != "" && !seen[participantKey(name)] {
			return fmt.Errorf("%q is not among the participants", name)
		}
	}
	presented := map[string]bool{}
	for _, name := range s.Presenters {
		k := participantKey(name)
		if presented[k] {
			return fmt.Errorf("%q presents twice", strings.TrimSpace(name))
		}
		presented[k] = true
	}
	if s.Format.Blocked() && len(s.presenters()) == 0 {
		return fmt.Errorf("choose at least one presenter")
	}
	return nil
}

// presenters are the setup's presenters in order, none for a format
// without a presenter.
func (s RoundSetup) presenters() []string {
	var out []string
	switch {
	case s.Format != nil && s.Format.NoPresenter:
	case len(s.Presenters) > 0:
		for _, name := range s.Presenters {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, name)
			}
		}
	case strings.TrimSpace(s.Presenter) != "":
		out = []string{strings.TrimSpace(s.Presenter)}
	}
	return out
}

// NewRound starts a round: its session (positioned on the first step) and
// what is kept beside it. previous are the next actions of the last round,
// brought back first to ask how they went; empty ones are left out.
func NewRound(setup RoundSetup, previous []CarriedAction, lang Lang, now time.Time) (Session, PeerRound) {
	f := setup.Format
	flow := f.Flow()
	lb := roundLabels[langOr(lang)]
	s := Session{FlowID: flow.ID, FlowTitle: f.Title.In(lang), Lang: lang, Mode: Round,
		Status: InProgress, StartedAt: now, UpdatedAt: now}
	rd := PeerRound{Format: f.ID, CaseID: setup.CaseID, Facilitator: setup.Facilitator,
		Scribe: setup.Scribe, Cast: setup.Cast, Purpose: strings.TrimSpace(setup.Purpose)}
	for _, p := range setup.Participants {
		p.Name = strings.TrimSpace(p.Name)
		rd.Participants = append(rd.Participants, p)
	}
	// Names are kept as the participants list spells them.
	spelled := func(name string) string {
		for _, p := range rd.Participants {
			if participantKey(p.Name) == participantKey(name) {
				return p.Name
			}
		}
		return name
	}
	presenters := setup.presenters()
	if len(presenters) > 0 {
		rd.Presenter = spelled(presenters[0])
		if f.Blocked() {
			for _, name := range presenters {
				rd.Presenters = append(rd.Presenters, spelled(name))
			}
		}
	}
	carry, _ := flow.Prompt(CarryPromptID)
	for _, c := range previous {
		if strings.TrimSpace(c.Action) == "" {
			continue
		}
		rd.Carried = append(rd.Carried, c)
		s.Steps = append(s.Steps, Step{Key: carryKeyPrefix + strconv.Itoa(len(rd.Carried)), Kind: StepPrompt,
			AnswerKind: KindChoice, PromptID: carry.ID,
			Title: fmt.Sprintf(lb.carryTitle, c.Name),
			// The question is shown as Markdown: what was typed is
			// escaped so that it shows as typed.
			Question: fmt.Sprintf(lb.carry, mdInline(c.Name), mdInline(c.Action))})
	}
	var speakers []string
	for _, p := range rd.Participants {
		speakers = append(speakers, p.Name)
	}
	// phase adds a phase's timer and steps; n is the presenter whose
	// block it belongs to (0 outside the block).
	phase := func(ph RoundPhase, planned time.Duration, n int) {
		tp := TimerPhase{ID: ph.ID, Planned: max(planned, time.Minute)}
		step := promptStep(flow, PhasePromptID(ph.ID), lang)
		if n > 0 {
			who := rd.Presenters[n-1]
			tp.ID, tp.Who = blockID(ph.ID, n), who
			step.Key = blockID(step.Key, n)
			step.Title = fmt.Sprintf(lb.blockTitle, step.Title, who)
		}
		if ph.Turns {
			tp.Speakers, tp.TurnPlanned = slices.Clone(speakers), ph.TurnPlanned
		}
		rd.Timer.Phases = append(rd.Timer.Phases, tp)
		s.Steps = append(s.Steps, step)
		for _, r := range ph.Records {
			if !r.perParticipant() {
				st := promptStep(flow, recordPrompt(r).ID, lang)
				if n > 0 {
					st.Key = blockID(st.Key, n)
					st.Title = fmt.Sprintf(lb.blockTitle, st.Title, rd.Presenters[n-1])
				}
				s.Steps = append(s.Steps, st)
				continue
			}
			prefix, title, question := actionKeyPrefix, lb.actionTitle, lb.action
			if r == RecordLearnings {
				prefix, title, question = learningKeyPrefix, lb.learningTitle, lb.learning
			}
			for i, p := range rd.Participants {
				st := promptStep(flow, recordPrompt(r).ID, lang)
				st.Key = prefix + strconv.Itoa(i+1)
				st.Title = fmt.Sprintf(title, p.Name)
				st.Question = fmt.Sprintf(question, mdInline(p.Name))
				s.Steps = append(s.Steps, st)
			}
		}
	}
	planned := func(i int) time.Duration {
		if i < len(setup.Planned) && setup.Planned[i] > 0 {
			return setup.Planned[i]
		}
		return f.Phases[i].Planned
	}
	for i := 0; i < len(f.Phases); i++ {
		if !f.Phases[i].Each {
			phase(f.Phases[i], planned(i), 0)
			continue
		}
		end := i
		for end < len(f.Phases) && f.Phases[end].Each {
			end++
		}
		for n := range rd.Presenters {
			for j := i; j < end; j++ {
				phase(f.Phases[j], planned(j), n+1)
			}
		}
		i = end - 1
	}
	if len(s.Steps) > 0 {
		s.CurrentKey = s.Steps[0].Key
	}
	return s, rd
}

func promptStep(flow *Flow, id string, lang Lang) Step {
	p, _ := flow.Prompt(id)
	return Step{Key: "p:" + id, Kind: StepPrompt, AnswerKind: p.Kind, PromptID: id,
		Title: p.Title.In(lang), Question: p.Text.In(lang)}
}

// PhaseStepKey is the key of a phase's notes step.
func PhaseStepKey(phase string) string { return "p:" + PhasePromptID(phase) }

// ActionOf returns the participant (1-based, as in PeerRound.Participants)
// whose next action a step records, or 0.
func ActionOf(st Step) int {
	if !strings.HasPrefix(st.Key, actionKeyPrefix) {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(st.Key, actionKeyPrefix))
	return n
}

// LearningOf returns the participant (1-based, as in
// PeerRound.Participants) whose learnings a step records, or 0.
func LearningOf(st Step) int {
	if !strings.HasPrefix(st.Key, learningKeyPrefix) {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(st.Key, learningKeyPrefix))
	return n
}

// CarryOf returns the carried action (1-based, as in PeerRound.Carried) a
// step asks about, or 0.
func CarryOf(st Step) int {
	if !strings.HasPrefix(st.Key, carryKeyPrefix) {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(st.Key, carryKeyPrefix))
	return n
}

// outcomeOptions offers the outcomes of a tried action as a prompt's
// options: a round's carried action and a self-review's practice.
func outcomeOptions() []Option {
	var opts []Option
	for _, o := range carryOutcomes {
		opts = append(opts, Option{ID: string(o), Text: Text{Ja: OutcomeLabel(o, Ja), En: OutcomeLabel(o, En)}})
	}
	return opts
}

// CarryOutcome is what came of a carried action, as chosen at its step.
func CarryOutcome(st Step) Outcome { return chosenOutcome(st) }

// chosenOutcome is the outcome chosen at a step offering outcomeOptions.
func chosenOutcome(st Step) Outcome {
	if len(st.Choices) > 0 && slices.Contains(carryOutcomes, Outcome(st.Choices[0])) {
		return Outcome(st.Choices[0])
	}
	return OutcomePending
}

// NextActions are the next actions a round recorded, to bring back at the
// next round; a participant who wrote none, or whose action was marked
// private, is left out.
func (rd PeerRound) NextActions(s Session) []CarriedAction {
	var out []CarriedAction
	for _, a := range rd.actions(s) {
		if !a.private {
			out = append(out, a.CarriedAction)
		}
	}
	return out
}

// recordedAction is a next action a round recorded, and whether it is
// private.
type recordedAction struct {
	CarriedAction
	private bool
}

// actions lists the next actions a round recorded, private ones too; a
// participant who wrote none is left out.
func (rd PeerRound) actions(s Session) []recordedAction {
	var out []recordedAction
	for _, st := range s.Steps {
		n := ActionOf(st)
		if n < 1 || n > len(rd.Participants) || strings.TrimSpace(st.Answer) == "" {
			continue
		}
		out = append(out, recordedAction{CarriedAction{Name: rd.Participants[n-1].Name,
			Action: strings.TrimSpace(st.Answer), From: s.UID}, st.AnswerPrivate})
	}
	return out
}

// asked reports whether the round recorded how a carried action went: a
// carry step about it with an outcome chosen.
func (r RoundEntry) asked(a CarriedAction) bool {
	for _, st := range r.Session.Steps {
		n := CarryOf(st)
		if n < 1 || n > len(r.Round.Carried) || CarryOutcome(st) == OutcomePending {
			continue
		}
		c := r.Round.Carried[n-1]
		if participantKey(c.Name) == participantKey(a.Name) && (c.From == a.From || c.From == "") {
			return true
		}
	}
	return false
}

// RoundEntry pairs a round's session with what is kept beside it.
type RoundEntry struct {
	Session Session   `json:"session"`
	Round   PeerRound `json:"round"`
	// RoomActions are the next actions the participants wrote themselves
	// in the round's room on a server, shared ones only, in the order
	// written (see Rooms).
	RoomActions []CarriedAction `json:"room_actions,omitempty"`
}

// recorded lists a round's next actions: each person's own, as written in
// the room (their latest), and, for those who wrote none there, what the
// scribe recorded for them.
func (r RoundEntry) recorded() []recordedAction {
	own := map[string]CarriedAction{}
	var order []string
	for _, a := range r.RoomActions {
		k := participantKey(a.Name)
		if _, ok := own[k]; !ok {
			order = append(order, k)
		}
		a.From = r.Session.UID
		own[k] = a
	}
	var out []recordedAction
	for _, a := range r.Round.actions(r.Session) {
		if _, ok := own[participantKey(a.Name)]; !ok {
			out = append(out, a)
		}
	}
	for _, k := range order {
		out = append(out, recordedAction{CarriedAction: own[k]})
	}
	return out
}

// CompareRounds orders rounds by when they started (then by id), as the
// store lists them.
func CompareRounds(a, b RoundEntry) int {
	if c := a.Session.StartedAt.Compare(b.Session.StartedAt); c != 0 {
		return c
	}
	return cmp.Compare(a.Session.ID, b.Session.ID)
}

// LatestNextActions are the next actions to bring back at a new round: for
// each person, the latest next action they recorded at any round, until a
// later round records how it went (an outcome chosen at its carry step).
// So a person absent from a round is asked at the next one they attend,
// and a round started and set aside hides nothing. A newer action takes
// the place of an older one; a private one is never brought back (nor the
// one it replaced). The most recent round's actions come first, each
// round's in the order of its participants.
func LatestNextActions(rounds []RoundEntry) []CarriedAction {
	sorted := slices.Clone(rounds)
	slices.SortStableFunc(sorted, func(a, b RoundEntry) int { return CompareRounds(b, a) })
	seen := map[string]bool{}
	var out []CarriedAction
	for i, r := range sorted {
		for _, a := range r.recorded() {
			k := participantKey(a.Name)
			if seen[k] {
				continue
			}
			seen[k] = true
			if a.private || slices.ContainsFunc(sorted[:i], func(later RoundEntry) bool { return later.asked(a.CarriedAction) }) {
				continue
			}
			out = append(out, a.CarriedAction)
		}
	}
	return out
}

// Presenters lists who presented at each of the rounds, oldest first, for
// the rotation. Only a round that had a presenter counts: one whose format
// records the presenter's question (a case consultation, a role-play), not
// an exchange meeting, where nobody presents whoever was named.
func Presenters(rounds []RoundEntry) []string {
	var out []string
	for _, r := range rounds {
		if r.Round.Presenter != "" && r.hasPresenter() {
			out = append(out, r.Round.Presenter)
		}
	}
	return out
}

// hasPresenter reports whether the round's format has a presenter: its
// session records the presenter's key question.
func (r RoundEntry) hasPresenter() bool {
	return slices.ContainsFunc(r.Session.Steps, func(st Step) bool { return st.PromptID == KeyQuestionPromptID })
}

// SuggestPresenter is who the rotation suggests to present next among
// participants. The facilitator runs the round and never presents, so they
// are never suggested, however long ago they last presented: "" when they
// are the only one, or there is nobody.
func SuggestPresenter(participants []Participant, facilitator string, rounds []RoundEntry) string {
	others := slices.DeleteFunc(slices.Clone(participants), func(p Participant) bool {
		return facilitator != "" && participantKey(p.Name) == participantKey(facilitator)
	})
	if i := NextPresenter(others, Presenters(rounds)); i >= 0 {
		return others[i].Name
	}
	return ""
}

// PhaseIndex returns the position of a phase in the timer, or -1.
func (t Timer) PhaseIndex(id string) int {
	return slices.IndexFunc(t.Phases, func(p TimerPhase) bool { return p.ID == id })
}

// RoleNames lists a participant's roles in a round, in lang: facilitator,
// presenter, scribe and any role played in a role-play.
func (rd PeerRound) RoleNames(name string, f *RoundFormat, lang Lang) []string {
	l := labelsIn(lang)
	k := participantKey(name)
	var out []string
	presents := slices.ContainsFunc(rd.AllPresenters(), func(p string) bool { return participantKey(p) == k })
	for _, r := range []struct {
		is    bool
		label string
	}{
		{rd.Facilitator != "" && participantKey(rd.Facilitator) == k, l.facilitator}, {presents, l.presenter},
		{rd.Scribe != "" && participantKey(rd.Scribe) == k, l.scribe},
	} {
		if r.is {
			out = append(out, r.label)
		}
	}
	if f != nil {
		for _, role := range f.Roles {
			if who, ok := rd.Cast[role.ID]; ok && participantKey(who) == k {
				out = append(out, role.Name.In(lang))
			}
		}
	}
	return out
}
