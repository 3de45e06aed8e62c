package model

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// blockFormat has a block of three phases run once per presenter, a
// phase shared in turns and a closing with learnings and next actions.
const blockFormat = `id: feedback
title: {ja: フィードバック会, en: Feedback session}
summary: {ja: 発表ごとに感想を返す。, en: Feedback on each presentation.}
roles:
  - id: guest-1
    name: {ja: ゲスト1, en: Guest 1}
    brief: {ja: 感想を返す。, en: Gives feedback.}
phases:
  - id: opening
    minutes: 8
    turns: everyone
    title: {ja: 自己紹介, en: Introductions}
    question: {ja: 一言ずつ。, en: A word each.}
    capture: {ja: 一言, en: A word}
  - id: present
    minutes: 10
    each: presenter
    records: [key-question]
    title: {ja: 発表, en: Presentation}
    question: {ja: 何を発表しますか。, en: "What do you present?"}
    capture: {ja: 要点, en: Points}
  - id: feedback
    minutes: 5
    each: presenter
    presenter: listens
    title: {ja: フィードバック, en: Feedback}
    question: {ja: どう見えましたか。, en: "How did it look?"}
    capture: {ja: 感想, en: Feedback}
  - id: reply
    minutes: 3
    each: presenter
    records: [takeaways]
    title: {ja: 発表者の応答, en: The presenter's reply}
    question: {ja: 何を持ち帰りますか。, en: "What do you take away?"}
    capture: {ja: 持ち帰り, en: Takeaways}
  - id: closing
    minutes: 6
    turns: everyone
    turn-minutes: 1
    records: [learnings, next-actions]
    title: {ja: クロージング, en: Closing}
    question: {ja: 学びと次の一手を。, en: Learnings and next actions.}
    capture: {ja: 学び, en: Learnings}
`

func TestRoundFormatWithBlockTurnsAndLearnings(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": goodSkills, "rounds/feedback.yaml": blockFormat})
	if errs != nil {
		t.Fatal(errs)
	}
	f, _ := lib.Rounds.Format("feedback")
	if !f.Blocked() || !f.Phases[1].Each || f.Phases[0].Each || !f.Phases[0].Turns || f.Phases[4].TurnPlanned != time.Minute {
		t.Fatalf("format = %+v", f.Phases)
	}
	if !slices.Equal(f.Phases[4].Records, []RoundRecord{RecordLearnings, RecordNextActions}) {
		t.Errorf("records = %v", f.Phases[4].Records)
	}
}

func TestRoundFormatBlockAndPresenterErrors(t *testing.T) {
	cases := []struct{ name, from, to, want string }{
		{"each", "    each: presenter\n    records: [key-question]", "    each: participant\n    records: [key-question]",
			`rounds/feedback.yaml:17: format "feedback" phase "present": each must be presenter, not "participant"`},
		{"turns", "    turns: everyone\n    title: {ja: 自己紹介", "    turns: some\n    title: {ja: 自己紹介",
			`rounds/feedback.yaml:11: format "feedback" phase "opening": turns must be everyone, not "some"`},
		{"turn minutes without turns", "    minutes: 10\n", "    minutes: 10\n    turn-minutes: 2\n",
			`rounds/feedback.yaml:17: format "feedback" phase "present": turn-minutes needs turns: everyone`},
		{"twice in a block", "    records: [takeaways]", "    records: [key-question]",
			`rounds/feedback.yaml:32: format "feedback" phase "reply": key-question is already recorded in an earlier phase of the block repeated per presenter`},
		{"in and out of the block", "    records: [learnings, next-actions]", "    records: [takeaways, learnings, next-actions]",
			`rounds/feedback.yaml:40: format "feedback" phase "closing": takeaways is recorded in the block repeated per presenter and again outside it`},
		{"per participant inside a block", "    records: [key-question]", "    records: [key-question, learnings]",
			`rounds/feedback.yaml:18: format "feedback" phase "present": learnings is recorded once per participant, not inside the block repeated per presenter`},
		{"two blocks", "    each: presenter\n    records: [takeaways]", "    records: [takeaways]",
			``},
		{"no presenter", "summary: {ja: 発表ごとに", "presenter: none\nsummary: {ja: 発表ごとに",
			`rounds/feedback.yaml:18: format "feedback" phase "present": the format has no presenter (presenter: none), so no phase repeats per presenter`},
		{"presenter value", "summary: {ja: 発表ごとに", "presenter: many\nsummary: {ja: 発表ごとに",
			`rounds/feedback.yaml:3: format "feedback": presenter must be none or left out, not "many"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Replace(blockFormat, c.from, c.to, 1)
			if body == blockFormat {
				t.Fatal("the case changes nothing")
			}
			if c.name == "two blocks" {
				// the reply is outside; a phase after it in the block again
				body = strings.Replace(body, "  - id: closing\n", "  - id: again\n    minutes: 1\n    each: presenter\n    title: {ja: 再び, en: Again}\n    question: {ja: 再び, en: Again}\n    capture: {ja: 再び, en: Again}\n  - id: closing\n", 1)
				c.want = `rounds/feedback.yaml:37: format "feedback" phase "again": the phases marked each: presenter must follow one another (one block per format)`
			}
			_, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": goodSkills, "rounds/feedback.yaml": body})
			if errs == nil || !strings.Contains(errs.Error(), c.want) {
				t.Errorf("errors:\n%v\nwant %q", errs, c.want)
			}
		})
	}
	// A format without a presenter records neither the presenter's
	// question nor their takeaways.
	noPresenter := strings.Replace(goodFormat, "summary:", "presenter: none\nsummary:", 1)
	noPresenter = strings.Replace(noPresenter, "    presenter: listens\n", "", 1)
	_, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": goodSkills, "rounds/consult.yaml": noPresenter})
	want := `rounds/consult.yaml:14: format "consult" phase "options": the format has no presenter (presenter: none), so it records no takeaways`
	if errs == nil || !strings.Contains(errs.Error(), want) {
		t.Errorf("errors:\n%v\nwant %q", errs, want)
	}
}

func blockRound(t *testing.T) (*RoundFormat, Session, PeerRound) {
	t.Helper()
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": goodSkills, "rounds/feedback.yaml": blockFormat})
	if errs != nil {
		t.Fatal(errs)
	}
	f, _ := lib.Rounds.Format("feedback")
	setup := RoundSetup{Format: f, Participants: roundParticipants(), Facilitator: "佐藤 一郎",
		Presenters: []string{"Lee Min", "田中 陽"}, Scribe: "佐藤 一郎", Purpose: "発表ごとに二人のゲストから感想をもらう",
		Cast: map[string]string{"guest-1": "佐藤 一郎"}}
	if err := setup.Validate(); err != nil {
		t.Fatal(err)
	}
	s, rd := NewRound(setup, nil, Ja, time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC))
	return f, s, rd
}

// TestNewRoundRunsTheBlockOncePerPresenter: the block's phases, the key
// question and the takeaways come once per presenter, in the order given,
// with the presenter's name in their titles; everyone's learnings and
// next actions close the round.
func TestNewRoundRunsTheBlockOncePerPresenter(t *testing.T) {
	f, s, rd := blockRound(t)
	var keys []string
	for _, st := range s.Steps {
		keys = append(keys, st.Key)
	}
	want := []string{"p:phase-opening",
		"p:phase-present@1", "p:key-question@1", "p:phase-feedback@1", "p:phase-reply@1", "p:takeaways@1",
		"p:phase-present@2", "p:key-question@2", "p:phase-feedback@2", "p:phase-reply@2", "p:takeaways@2",
		"p:phase-closing", "p:learning:1", "p:learning:2", "p:learning:3",
		"p:next-action:1", "p:next-action:2", "p:next-action:3"}
	if !slices.Equal(keys, want) {
		t.Fatalf("steps\n got %v\nwant %v", keys, want)
	}
	if rd.Presenter != "Lee Min" || !slices.Equal(rd.Presenters, []string{"Lee Min", "田中　陽"}) || rd.Purpose != "発表ごとに二人のゲストから感想をもらう" {
		t.Errorf("round = %+v", rd)
	}
	st, _ := s.Step("p:phase-present@2")
	if st.Title != "発表（田中　陽）" || PhaseOf(st) != "present@2" || BlockOf(st) != 2 {
		t.Errorf("block step %+v, phase %q, block %d", st, PhaseOf(st), BlockOf(st))
	}
	if kq, _ := s.Step("p:key-question@1"); kq.Title != "発表者の問い（Lee Min）" || kq.PromptID != KeyQuestionPromptID || BlockOf(kq) != 1 {
		t.Errorf("key question %+v", kq)
	}
	if l, _ := s.Step("p:learning:2"); l.Title != "学び：田中　陽" || LearningOf(l) != 2 || !strings.Contains(l.Question, "田中　陽") {
		t.Errorf("learning %+v", l)
	}
	var ids []string
	for _, p := range rd.Timer.Phases {
		ids = append(ids, p.ID)
	}
	if !slices.Equal(ids, []string{"opening", "present@1", "feedback@1", "reply@1", "present@2", "feedback@2", "reply@2", "closing"}) {
		t.Fatalf("timer phases %v", ids)
	}
	if p := rd.Timer.Phases[4]; p.Who != "田中　陽" || p.Planned != 10*time.Minute {
		t.Errorf("second presentation %+v", p)
	}
	if ph, ok := f.Phase("feedback@2"); !ok || !ph.PresenterListens {
		t.Errorf("the format's phase of a block: %+v %v", ph, ok)
	}
	if got := rd.RoleNames("田中　陽", f, Ja); !slices.Equal(got, []string{"発表者"}) {
		t.Errorf("the second presenter's roles: %v", got)
	}
	// The rotation counts the round's first presenter.
	if got := Presenters([]RoundEntry{{Session: s, Round: rd}}); !slices.Equal(got, []string{"Lee Min"}) {
		t.Errorf("presenters for the rotation: %v", got)
	}
	// A block format needs a presenter; each one is a participant, once.
	bad := RoundSetup{Format: f, Participants: roundParticipants()}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "presenter") {
		t.Errorf("no presenter: %v", err)
	}
	bad.Presenters = []string{"Lee Min", "lee  min"}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a presenter twice: %v", err)
	}
	bad.Presenters = []string{"山田"}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "not among") {
		t.Errorf("a stranger presents: %v", err)
	}
}

// TestTimerTurns: a phase shared in turns gives each speaker the phase's
// time divided among them (or the per-turn minutes), counts each turn from
// the wall clock, pauses included, and survives being stored.
func TestTimerTurns(t *testing.T) {
	_, _, rd := blockRound(t)
	now, advance := clockAt()
	tm := rd.Timer
	if sp := tm.Phases[0].Speakers; !slices.Equal(sp, []string{"佐藤 一郎", "田中　陽", "Lee Min"}) {
		t.Fatalf("speakers %v", sp)
	}
	turn, ok := tm.Turn()
	if !ok || turn.Speaker != "佐藤 一郎" || turn.Next != "田中　陽" || turn.N != 1 || turn.Of != 3 {
		t.Fatalf("first turn %+v %v", turn, ok)
	}
	tm.Start(now())
	advance(2 * time.Minute)
	if got := tm.TurnRemaining(now()); got != 40*time.Second { // 8 min / 3 = 2:40
		t.Errorf("turn remaining %v", got)
	}
	tm.NextTurn(now())
	advance(time.Minute)
	tm.Pause(now())
	advance(10 * time.Minute) // a pause does not count
	stored, _ := json.Marshal(tm)
	var back Timer
	if err := json.Unmarshal(stored, &back); err != nil {
		t.Fatal(err)
	}
	turn, _ = back.Turn()
	if turn.Speaker != "田中　陽" || turn.Next != "Lee Min" || back.TurnRemaining(now()) != 100*time.Second {
		t.Errorf("after a restart: %+v, remaining %v", turn, back.TurnRemaining(now()))
	}
	back.Start(now())
	advance(3 * time.Minute)
	if !back.TurnOvertime(now()) {
		t.Error("the turn ran over")
	}
	back.NextTurn(now())
	turn, _ = back.Turn()
	if turn.Speaker != "Lee Min" || turn.Next != "" {
		t.Errorf("last turn %+v", turn)
	}
	back.NextTurn(now())
	if _, ok := back.Turn(); ok {
		t.Error("every speaker has spoken")
	}
	if !slices.Equal(back.Phases[0].TurnTimes, []time.Duration{2 * time.Minute, 4 * time.Minute, 0}) {
		t.Errorf("turn times %v", back.Phases[0].TurnTimes)
	}
	back.NextTurn(now()) // nothing left: no change
	// A per-turn length wins over the share of the phase.
	last := rd.Timer.Phases[len(rd.Timer.Phases)-1]
	if last.TurnPlanned != time.Minute || len(last.Speakers) != 3 {
		t.Errorf("closing turns %+v", last)
	}
	// A phase without turns has none.
	tm.Next(now())
	if _, ok := tm.Turn(); ok {
		t.Error("the presentation has no turns")
	}
}

// TestFormatWithoutPresenter: a format that says it has no presenter
// starts a round with nobody presenting, whoever the setup named, so it
// never counts in the rotation.
func TestFormatWithoutPresenter(t *testing.T) {
	lib := builtinRounds(t)
	f, _ := lib.Rounds.Format("exchange-meeting")
	if !f.NoPresenter {
		t.Fatal("the exchange meeting has a presenter")
	}
	setup := RoundSetup{Format: f, Participants: roundParticipants(), Facilitator: "佐藤 一郎", Presenter: "田中 陽", Scribe: "Lee Min"}
	s, rd := NewRound(setup, nil, Ja, time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC))
	if rd.Presenter != "" || len(rd.Presenters) != 0 {
		t.Errorf("presenter %q %v", rd.Presenter, rd.Presenters)
	}
	if got := Presenters([]RoundEntry{{Session: s, Round: rd}}); len(got) != 0 {
		t.Errorf("rotation counts %v", got)
	}
	if i := rd.Timer.PhaseIndex("introductions"); i < 0 || len(rd.Timer.Phases[i].Speakers) != 3 {
		t.Errorf("the introductions are not in turns: %+v", rd.Timer.Phases)
	}
	if _, ok := s.Step("p:learning:3"); !ok {
		t.Error("the closing records no learnings")
	}
}
