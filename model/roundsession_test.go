package model

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// builtinRounds loads the formats and cases shipped with bansou.
func builtinRounds(t *testing.T) *Library {
	t.Helper()
	lib, err := LoadLibrary(os.DirFS("../content"), "../content")
	if err != nil {
		t.Fatal(err)
	}
	if lib.Rounds == nil {
		t.Fatal("no round content")
	}
	return lib
}

func roundParticipants() []Participant {
	return []Participant{{Name: "佐藤 一郎", Type: Sending}, {Name: "田中　陽", Type: Host}, {Name: "Lee Min", Type: ThirdParty}}
}

func TestNewRoundSteps(t *testing.T) {
	lib := builtinRounds(t)
	f, _ := lib.Rounds.Format("case-consultation")
	setup := RoundSetup{Format: f, CaseID: "C07", Participants: roundParticipants(),
		Facilitator: "佐藤 一郎", Presenter: "田中 陽", Scribe: "Lee Min",
		Planned: []time.Duration{0, 0, 0, 15 * time.Minute}}
	if err := setup.Validate(); err != nil {
		t.Fatal(err)
	}
	previous := []CarriedAction{{Name: "佐藤 一郎", Action: "面談の最初に本人の言葉で目的を言ってもらう", From: "u1"}, {Name: "田中　陽", Action: "  ", From: "u1"}}
	now := time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)
	s, rd := NewRound(setup, previous, Ja, now)
	if !s.IsRound() || s.RoundFormatID() != "case-consultation" || s.Mode != Round || s.FlowTitle != "ケース相談" {
		t.Fatalf("session = %+v", s)
	}
	var keys []string
	for _, st := range s.Steps {
		keys = append(keys, st.Key)
	}
	want := []string{"c:carry:1", "p:phase-check-in", "p:phase-case", "p:key-question", "p:phase-clarify",
		"p:phase-options", "p:phase-takeaways", "p:takeaways", "p:phase-next-actions",
		"p:next-action:1", "p:next-action:2", "p:next-action:3"}
	if !slices.Equal(keys, want) {
		t.Fatalf("steps\n got %v\nwant %v", keys, want)
	}
	if s.CurrentKey != "c:carry:1" || len(rd.Carried) != 1 {
		t.Errorf("current %q, carried %v (the empty action must be left out)", s.CurrentKey, rd.Carried)
	}
	if q := s.Steps[0].Question; !strings.Contains(q, "面談の最初に本人の言葉で目的を言ってもらう") || !strings.Contains(q, "佐藤 一郎") {
		t.Errorf("carry question %q", q)
	}
	if st := s.Steps[10]; st.Title != "次の一手：田中　陽" || ActionOf(st) != 2 {
		t.Errorf("action step %+v", st)
	}
	if PhaseOf(s.Steps[2]) != "case" || PhaseOf(s.Steps[3]) != "" {
		t.Error("PhaseOf")
	}
	if len(rd.Timer.Phases) != 6 || rd.Timer.Phases[3].Planned != 15*time.Minute || rd.Timer.Phases[0].Planned != 5*time.Minute {
		t.Errorf("timer %+v", rd.Timer.Phases)
	}
	if rd.Timer.Running() {
		t.Error("the timer must wait for the facilitator")
	}
	// The carry step offers the three outcomes through the format's flow.
	flow, ok := lib.Flow(s.FlowID)
	if !ok {
		t.Fatal("the round flow is not registered")
	}
	carry, _ := flow.Prompt(CarryPromptID)
	if len(carry.Options) != 3 || carry.Options[2].Text.Ja != "試して効果あり" {
		t.Errorf("carry options %+v", carry.Options)
	}
	s.Steps[0].Choices = []string{string(OutcomeWorked)}
	if CarryOutcome(s.Steps[0]) != OutcomeWorked || CarryOutcome(s.Steps[1]) != OutcomePending {
		t.Error("CarryOutcome")
	}

	// The next actions written become the next round's carried actions.
	s.UID = "round-1"
	s.Steps[9].Answer = "  振り返りの面談で沈黙を3秒待つ \n"
	s.Steps[11].Answer = "Ask the host manager for one concrete example"
	got := rd.NextActions(s)
	if len(got) != 2 || got[0] != (CarriedAction{Name: "佐藤 一郎", Action: "振り返りの面談で沈黙を3秒待つ", From: "round-1"}) || got[1].Name != "Lee Min" {
		t.Errorf("next actions %+v", got)
	}
}

func TestRoundSetupValidate(t *testing.T) {
	f := &RoundFormat{ID: "x"}
	ok := RoundSetup{Format: f, Participants: roundParticipants(), Presenter: "田中 陽"}
	if err := ok.Validate(); err != nil {
		t.Errorf("presenter matched whatever the spacing: %v", err)
	}
	for _, c := range []struct {
		name  string
		setup RoundSetup
		want  string
	}{
		{"no format", RoundSetup{Participants: roundParticipants()}, "format"},
		{"nobody", RoundSetup{Format: f}, "participant"},
		{"blank name", RoundSetup{Format: f, Participants: []Participant{{Name: "　"}}}, "no name"},
		{"twice", RoundSetup{Format: f, Participants: []Participant{{Name: "佐藤"}, {Name: " 佐藤 "}}}, "listed twice"},
		{"stranger", RoundSetup{Format: f, Participants: roundParticipants(), Scribe: "山田"}, "not among"},
	} {
		if err := c.setup.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestFormatMinutes(t *testing.T) {
	for _, c := range []struct {
		d      time.Duration
		ja, en string
	}{
		{5 * time.Minute, "5分", "5 min"},
		{6*time.Minute + 12*time.Second, "6分12秒", "6 min 12 s"},
		{42 * time.Second, "42秒", "42 s"},
		{-(time.Minute + 5*time.Second), "-1分5秒", "-1 min 5 s"},
	} {
		if got := FormatMinutes(c.d, Ja); got != c.ja {
			t.Errorf("%v ja = %q", c.d, got)
		}
		if got := FormatMinutes(c.d, En); got != c.en {
			t.Errorf("%v en = %q", c.d, got)
		}
	}
}

// goldenRound is a finished case consultation of three companions with its
// timer run through: the clarifying questions ran over and the options
// phase was paused for a break.
func goldenRound(t *testing.T) (Session, PeerRound, *Library) {
	lib := builtinRounds(t)
	f, _ := lib.Rounds.Format("case-consultation")
	start := goldenAt(2026, 11, 20, 14, 0)
	setup := RoundSetup{Format: f, CaseID: "skills-gap", Participants: roundParticipants(),
		Facilitator: "佐藤 一郎", Presenter: "田中　陽", Scribe: "Lee Min"}
	s, rd := NewRound(setup, []CarriedAction{{Name: "Lee Min", Action: "帰任者の話を最後まで遮らずに聞く", From: "r0"}}, Ja, start)
	s.ID, s.UID = 7, "r1"
	at := start
	tm := &rd.Timer
	tm.Start(at)
	for _, d := range []time.Duration{4 * time.Minute, 9*time.Minute + 30*time.Second, 13 * time.Minute} {
		at = at.Add(d)
		tm.Next(at)
	}
	at = at.Add(10 * time.Minute)
	tm.Pause(at)
	at = at.Add(7 * time.Minute) // a break, not counted
	tm.Start(at)
	at = at.Add(8 * time.Minute)
	tm.Next(at)
	at = at.Add(5 * time.Minute)
	tm.Next(at)
	at = at.Add(9*time.Minute + 45*time.Second)
	tm.Pause(at)
	answers := map[string]string{
		"c:carry:1":            "途中で口を挟みそうになったが、メモを取ることで待てた。",
		"p:phase-check-in":     "佐藤：少し疲れ気味。\n田中：今日はすっきりさせたい。\nLee：聞き役に徹したい。",
		"p:phase-case":         "越境1か月目。本人の週報に「何も貢献できていない」とあった。\n田中さんは越境先の担当者に直接連絡しようか迷った。",
		"p:key-question":       "本人の頭越しに受け入れ先へ連絡せずに、何ができたか？",
		"p:phase-clarify":      "Q: 本人は連絡を望んでいた？ → はっきりしない。\nQ: 越境先の期待は言葉になっている？ → 口頭だけ。",
		"p:phase-options":      "良かった点：すぐに動かず一度持ち帰ったこと。\n*案*：本人と一緒に「できていること」を書き出す。\n案：越境先の担当者との三者面談を本人に提案する。",
		"p:phase-takeaways":    "",
		"p:takeaways":          "先に本人に「どうしたいか」を聞く。連絡するなら本人と一緒に。",
		"p:phase-next-actions": "",
		"p:next-action:1":      "来週の面談で、本人が望む支援を先に聞く",
		"p:next-action:2":      "本人と「できていること」のメモを一緒に作る",
	}
	for i, st := range s.Steps {
		s.Steps[i].Answer = answers[st.Key]
	}
	s.Steps[0].Choices = []string{string(OutcomeWorked)}
	s.Steps[3].Note = "PRIVATE-ROUND-1 田中さんは自分を責めている様子"
	s.Steps[5].Note = "受け入れ先の名前は伏せて共有する"
	s.Steps[5].NoteShared = true
	s.Steps[11].Answer = "PRIVATE-ROUND-2 my own doubt"
	s.Steps[11].AnswerPrivate = true
	s.Status, s.FinishedAt, s.UpdatedAt = Done, at, at
	return s, rd, lib
}

func TestRoundMarkdownGolden(t *testing.T) {
	s, rd, lib := goldenRound(t)
	got := RoundMarkdown(s, rd, lib.Rounds, MarkdownOptions{Lang: Ja, Location: goldenJST})
	checkGolden(t, "round_ja.golden.md", got)
	if strings.Contains(got, "PRIVATE-ROUND") {
		t.Error("the shared summary holds a private note or answer")
	}
	withPrivate := RoundMarkdown(s, rd, lib.Rounds, MarkdownOptions{Lang: Ja, Location: goldenJST, IncludePrivate: true})
	for _, m := range []string{"PRIVATE-ROUND-1", "PRIVATE-ROUND-2"} {
		if !strings.Contains(withPrivate, m) {
			t.Errorf("the private copy lacks %s", m)
		}
	}
	en := RoundMarkdown(s, rd, lib.Rounds, MarkdownOptions{Lang: En, Location: goldenJST})
	for _, want := range []string{"## Participants and roles", "| 田中　陽 | host | presenter |", "| Clarifying questions | 10 min | 13 min |", "tried, it worked"} {
		if !strings.Contains(en, want) {
			t.Errorf("English summary lacks %q:\n%s", want, en)
		}
	}
}

// TestLatestNextActionsSkipsRoundsWithout: a round started and set aside
// without next actions does not hide those of the round before it.
func TestLatestNextActionsSkipsRoundsWithout(t *testing.T) {
	s, rd, _ := goldenRound(t)
	later, laterRd := NewRound(RoundSetup{Format: builtinRounds(t).Rounds.DefaultFormat(), Participants: roundParticipants()}, nil, Ja, s.StartedAt.Add(time.Hour))
	later.ID = 8
	got := LatestNextActions([]RoundEntry{{Session: later, Round: laterRd}, {Session: s, Round: rd}})
	if len(got) != 2 || got[0].Action != "来週の面談で、本人が望む支援を先に聞く" {
		t.Errorf("carried = %+v", got)
	}
	if LatestNextActions(nil) != nil {
		t.Error("no rounds, nothing to carry")
	}
}

// TestPrivateRoundRecordsStayOut: a next action marked private is neither
// carried into the next round nor shown in a shared summary, and neither is
// a carried action whose outcome was marked private.
func TestPrivateRoundRecordsStayOut(t *testing.T) {
	s, rd, lib := goldenRound(t)
	for _, a := range rd.NextActions(s) {
		if strings.Contains(a.Action, "PRIVATE-ROUND") {
			t.Errorf("a private next action is carried: %+v", a)
		}
	}
	s.Steps[0].AnswerPrivate = true // the carried action's outcome
	shared := RoundMarkdown(s, rd, lib.Rounds, MarkdownOptions{Lang: Ja})
	if strings.Contains(shared, "帰任者の話を最後まで遮らずに聞く") || strings.Contains(shared, "前回の次の一手") {
		t.Errorf("a private outcome shows in the shared summary:\n%s", shared)
	}
	// Markdown typed in a carried action shows as typed in the question.
	next, _ := NewRound(RoundSetup{Format: lib.Rounds.DefaultFormat(), Participants: roundParticipants()},
		[]CarriedAction{{Name: "佐藤*", Action: "*強調* と [リンク](x)"}}, Ja, time.Date(2026, 11, 13, 14, 0, 0, 0, time.UTC))
	if q := next.Steps[0].Question; !strings.Contains(q, `\*強調\* と \[リンク\](x)`) || !strings.Contains(q, `佐藤\*`) {
		t.Errorf("carry question %q", q)
	}
}
