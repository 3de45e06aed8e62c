package model

import (
	"os"
	"slices"
	"strconv"
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
		"p:learning:1", "p:learning:2", "p:learning:3", "p:next-action:1", "p:next-action:2", "p:next-action:3"}
	if !slices.Equal(keys, want) {
		t.Fatalf("steps\n got %v\nwant %v", keys, want)
	}
	if s.CurrentKey != "c:carry:1" || len(rd.Carried) != 1 {
		t.Errorf("current %q, carried %v (the empty action must be left out)", s.CurrentKey, rd.Carried)
	}
	if q := s.Steps[0].Question; !strings.Contains(q, "面談の最初に本人の言葉で目的を言ってもらう") || !strings.Contains(q, "佐藤 一郎") {
		t.Errorf("carry question %q", q)
	}
	if st := s.Steps[13]; st.Title != "次の一手：田中　陽" || ActionOf(st) != 2 {
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
	s.Steps[12].Answer = "  振り返りの面談で沈黙を3秒待つ \n"
	s.Steps[14].Answer = "Ask the host manager for one concrete example"
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

// TestLatestNextActionsSkipsRoundsWithout: a round started and set aside
// without next actions does not hide those of the round before it.
func TestLatestNextActionsSkipsRoundsWithout(t *testing.T) {
	lib := builtinRounds(t)
	f, _ := lib.Rounds.Format("case-consultation")
	s, rd := NewRound(RoundSetup{Format: f, Participants: roundParticipants()}, nil, Ja, time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC))
	s.ID, s.UID = 7, "r1"
	s.Steps[s.Index("p:next-action:1")].Answer = "来週の面談で、本人が望む支援を先に聞く"
	s.Steps[s.Index("p:next-action:2")].Answer = "本人と「できていること」のメモを一緒に作る"
	later, laterRd := NewRound(RoundSetup{Format: lib.Rounds.DefaultFormat(), Participants: roundParticipants()}, nil, Ja, s.StartedAt.Add(time.Hour))
	later.ID = 8
	got := LatestNextActions([]RoundEntry{{Session: later, Round: laterRd}, {Session: s, Round: rd}})
	if len(got) != 2 || got[0].Action != "来週の面談で、本人が望む支援を先に聞く" {
		t.Errorf("carried = %+v", got)
	}
	if LatestNextActions(nil) != nil {
		t.Error("no rounds, nothing to carry")
	}
}

// roundAt makes a case consultation among people, started at day d of
// November 2026, with the next actions given by participant (1-based).
func roundAt(t *testing.T, lib *Library, uid string, d int, people []Participant, previous []CarriedAction, actions map[int]string) RoundEntry {
	t.Helper()
	f, _ := lib.Rounds.Format("case-consultation")
	s, rd := NewRound(RoundSetup{Format: f, Participants: people}, previous, Ja, time.Date(2026, 11, d, 14, 0, 0, 0, time.UTC))
	s.ID, s.UID = int64(d), uid
	for n, a := range actions {
		s.Steps[s.Index("p:next-action:"+strconv.Itoa(n))].Answer = a
	}
	return RoundEntry{Session: s, Round: rd}
}

// TestCarriedActionsWaitForTheirOutcome: an action comes back at every
// round until one records how it went, whoever missed a round in between;
// a newer action of the same person takes its place, and a private one
// stays out.
func TestCarriedActionsWaitForTheirOutcome(t *testing.T) {
	lib := builtinRounds(t)
	sato, tanaka, lee := Participant{Name: "佐藤 一郎"}, Participant{Name: "田中　陽"}, Participant{Name: "Lee Min"}
	r1 := roundAt(t, lib, "r1", 1, []Participant{sato, tanaka, lee}, nil, map[int]string{
		1: "面談の最初に本人の言葉で目的を言ってもらう", 2: "受け入れ先の上司に週報の書き方を聞く", 3: "帰任面談で沈黙を3秒待つ"})
	// 田中 is absent from round 2; 佐藤's outcome is recorded, Lee's is
	// asked but left without an answer.
	r2 := roundAt(t, lib, "r2", 8, []Participant{sato, lee}, LatestNextActions([]RoundEntry{r1}), map[int]string{
		1: "本人と「できていること」のメモを一緒に作る"})
	if len(r2.Round.Carried) != 3 {
		t.Fatalf("round 2 carried %+v", r2.Round.Carried)
	}
	for i, c := range r2.Round.Carried {
		if c.Name == "佐藤 一郎" {
			r2.Session.Steps[r2.Session.Index("c:carry:"+strconv.Itoa(i+1))].Choices = []string{string(OutcomeWorked)}
		}
	}
	got := LatestNextActions([]RoundEntry{r2, r1})
	want := []CarriedAction{
		{Name: "佐藤 一郎", Action: "本人と「できていること」のメモを一緒に作る", From: "r2"},
		{Name: "田中　陽", Action: "受け入れ先の上司に週報の書き方を聞く", From: "r1"},
		{Name: "Lee Min", Action: "帰任面談で沈黙を3秒待つ", From: "r1"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("round 3 carries\n got %+v\nwant %+v", got, want)
	}

	// Round 3 records 田中's outcome: it is not asked again; Lee's,
	// still without one, is. 佐藤's newer action is private.
	r3 := roundAt(t, lib, "r3", 15, []Participant{sato, tanaka}, got, nil)
	r3.Session.Steps[r3.Session.Index("p:next-action:1")].Answer = "本人の家族の事情を人事に伝える"
	r3.Session.Steps[r3.Session.Index("p:next-action:1")].AnswerPrivate = true
	for i, c := range r3.Round.Carried {
		if c.Name == "田中　陽" {
			r3.Session.Steps[r3.Session.Index("c:carry:"+strconv.Itoa(i+1))].Choices = []string{string(OutcomeNotTried)}
		}
	}
	got = LatestNextActions([]RoundEntry{r1, r2, r3})
	want = []CarriedAction{{Name: "Lee Min", Action: "帰任面談で沈黙を3秒待つ", From: "r1"}}
	if !slices.Equal(got, want) {
		t.Errorf("round 4 carries\n got %+v\nwant %+v", got, want)
	}
}

// TestFacilitatorNeverSuggestedToPresent: the rotation passes over the
// round's facilitator, whatever they did at earlier rounds, and suggests
// nobody rather than them; an exchange meeting, which has no presenter,
// takes no one's turn.
func TestFacilitatorNeverSuggestedToPresent(t *testing.T) {
	lib := builtinRounds(t)
	suzuki, sato, tanaka := Participant{Name: "鈴木 花"}, Participant{Name: "佐藤 一郎"}, Participant{Name: "田中　陽"}
	round := func(format string, d int, presenter string) RoundEntry {
		f, _ := lib.Rounds.Format(format)
		s, rd := NewRound(RoundSetup{Format: f, Participants: []Participant{suzuki, sato, tanaka},
			Facilitator: "鈴木 花", Presenter: presenter}, nil, Ja, time.Date(2026, 11, d, 14, 0, 0, 0, time.UTC))
		s.ID = int64(d)
		return RoundEntry{Session: s, Round: rd}
	}
	if got := SuggestPresenter([]Participant{suzuki}, "鈴木 花", nil); got != "" {
		t.Errorf("only the facilitator: suggested %q", got)
	}
	// 鈴木 presented long ago, before facilitating: they are not due.
	rounds := []RoundEntry{round("case-consultation", 1, "鈴木 花"), round("case-consultation", 8, "佐藤 一郎"),
		round("case-consultation", 15, "田中　陽")}
	if got := SuggestPresenter([]Participant{suzuki, sato, tanaka}, "鈴木　花", rounds); got != "佐藤 一郎" {
		t.Errorf("suggested %q, want 佐藤 一郎", got)
	}
	if got := SuggestPresenter([]Participant{suzuki}, "鈴木 花", rounds); got != "" {
		t.Errorf("only the facilitator, who presented before: suggested %q", got)
	}
	// 田中 was named presenter of an exchange meeting, which has none:
	// 田中 has still not presented.
	rounds = []RoundEntry{round("case-consultation", 1, "佐藤 一郎"), round("exchange-meeting", 8, "田中　陽")}
	if got := Presenters(rounds); !slices.Equal(got, []string{"佐藤 一郎"}) {
		t.Errorf("presenters %v", got)
	}
	if got := SuggestPresenter([]Participant{suzuki, sato, tanaka}, "鈴木 花", rounds); got != "田中　陽" {
		t.Errorf("suggested %q, want 田中　陽", got)
	}
}
