package model

import (
	"errors"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

func testFlow() *Flow {
	p := func(id, ja string, fus ...string) Prompt {
		pr := Prompt{ID: id, Kind: KindText, Title: Text{Ja: ja, En: id}, Text: Text{Ja: ja + "は？", En: id + "?"}}
		for _, f := range fus {
			pr.Followups = append(pr.Followups, Followup{ID: f, Text: Text{Ja: f + "について", En: "about " + f}})
		}
		return pr
	}
	return &Flow{ID: "purpose", Phase: Before, Mode: OneOnOne, Title: Text{Ja: "目的抽出", En: "Purpose"},
		Prompts: []Prompt{p("a", "実現したいこと", "why", "change"), p("b", "なぜ今"), p("c", "持ち帰るもの")}}
}

func keys(s Session) []string {
	var out []string
	for _, st := range s.Steps {
		out = append(out, st.Key)
	}
	return out
}

func TestNewSessionSnapshotsPromptsInLanguage(t *testing.T) {
	s := NewSession(testFlow(), 7, Ja, t0)
	if got := keys(s); len(got) != 3 || got[0] != "p:a" || got[2] != "p:c" {
		t.Fatalf("keys = %v", got)
	}
	if s.CurrentKey != "p:a" || s.Status != InProgress || s.EngagementID != 7 {
		t.Fatalf("session = %+v", s)
	}
	if s.Steps[1].Question != "なぜ今は？" || s.Steps[1].Title != "なぜ今" || s.FlowTitle != "目的抽出" {
		t.Fatalf("step = %+v", s.Steps[1])
	}
	if NewSession(testFlow(), 7, En, t0).Steps[1].Question != "b?" {
		t.Fatal("English session should snapshot English text")
	}
}

func TestApplyMovesFreely(t *testing.T) {
	tests := []struct {
		name   string
		events []Event
		want   string
	}{
		{"next", []Event{Next{}}, "p:b"},
		{"next stays on last", []Event{Next{}, Next{}, Next{}, Next{}}, "p:c"},
		{"back stays on first", []Event{Back{}}, "p:a"},
		{"next then back", []Event{Next{}, Next{}, Back{}}, "p:b"},
		{"jump", []Event{Jump{Key: "p:c"}}, "p:c"},
		{"jump back", []Event{Jump{Key: "p:c"}, Jump{Key: "p:a"}}, "p:a"},
		{"skip moves on", []Event{Skip{}}, "p:b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(testFlow(), 1, Ja, t0)
			for _, e := range tt.events {
				var err error
				if s, err = Apply(s, e, t0); err != nil {
					t.Fatal(err)
				}
			}
			if s.CurrentKey != tt.want {
				t.Fatalf("current = %s, want %s", s.CurrentKey, tt.want)
			}
		})
	}
}

func TestApplyIsPure(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s2, _ := Apply(s, SetAnswer{Text: "新規事業を経験したい"}, t0)
	if s.Steps[0].Answer != "" {
		t.Fatal("Apply modified its input")
	}
	if s2.Steps[0].Answer != "新規事業を経験したい" || !s2.Steps[0].UpdatedAt.Equal(t0) {
		t.Fatalf("answer not set: %+v", s2.Steps[0])
	}
}

func TestJumpToUnknownStepFails(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	if _, err := Apply(s, Jump{Key: "p:zzz"}, t0); !errors.Is(err, ErrUnknownStep) {
		t.Fatalf("err = %v", err)
	}
}

func TestSkipMarksOnlyUnanswered(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s, _ = Apply(s, Skip{}, t0)
	if !s.Steps[0].Skipped {
		t.Fatal("unanswered step not marked skipped")
	}
	s, _ = Apply(s, SetAnswer{Text: "答えた"}, t0)
	s, _ = Apply(s, Skip{}, t0)
	if s.Steps[1].Skipped {
		t.Fatal("answered step marked skipped")
	}
	s, _ = Apply(s, Jump{Key: "p:a"}, t0)
	s, _ = Apply(s, SetAnswer{Text: "やっぱり話した"}, t0)
	if s.Steps[0].Skipped {
		t.Fatal("answering a skipped step should clear the skip")
	}
	if a, sk, total := s.Counts(Ledger{}); a != 2 || sk != 0 || total != 3 {
		t.Fatalf("counts = %d %d %d", a, sk, total)
	}
}

// TestCountsWhatTheLearnerSaid: words, a point or choices answer a step,
// and so do worries this session wrote down at it; a note alone does not,
// nor a skip, nor a worry another session wrote at a step of the same key.
func TestCountsWhatTheLearnerSaid(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s.ID = 5
	s, _ = Apply(s, SetAnswer{Text: "現場を知りたい"}, t0)
	s, _ = Apply(s, Next{}, t0)
	s, _ = Apply(s, SetNote{Text: "メモだけ"}, t0)
	s, _ = Apply(s, Skip{}, t0) // the note stays; the step is skipped
	l := Ledger{Anxieties: []Anxiety{
		{ID: "a1", SessionID: 4, StepKey: "p:c", Text: "前の回の不安"},
	}}
	s.Steps[2].AnswerKind = KindAnxiety
	if a, sk, total := s.Counts(l); a != 1 || sk != 1 || total != 3 {
		t.Fatalf("counts = %d %d %d, want 1 answered, 1 skipped of 3", a, sk, total)
	}
	l.Anxieties = append(l.Anxieties, Anxiety{ID: "a2", SessionID: 5, StepKey: "p:c", Text: "居場所があるか心配"})
	if a, _, _ := s.Counts(l); a != 2 {
		t.Fatalf("with a worry written down at the third prompt: %d answered, want 2", a)
	}
	if a, _, _ := s.Counts(Ledger{}); a != 1 {
		t.Fatalf("without the ledger: %d answered, want 1", a)
	}
}

func TestAddQuestionGoesAfterCurrentAndItsFollowups(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s, _ = Apply(s, DigDeeper{FollowupID: "why", Text: "なぜ？"}, t0)
	if s.CurrentKey != "f:1" {
		t.Fatalf("current = %s", s.CurrentKey)
	}
	s, _ = Apply(s, Jump{Key: "p:a"}, t0)
	s, err := Apply(s, AddQuestion{Text: "  ご家族は？ "}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(s); got[0] != "p:a" || got[1] != "f:1" || got[2] != "q:1" || got[3] != "p:b" {
		t.Fatalf("keys = %v", got)
	}
	st, _ := s.Current()
	if st.Kind != StepOwn || st.Question != "ご家族は？" || s.CurrentKey != "q:1" {
		t.Fatalf("own step = %+v", st)
	}
	if _, err := Apply(s, AddQuestion{Text: "   "}, t0); !errors.Is(err, ErrEmptyQuestion) {
		t.Fatalf("empty question: err = %v", err)
	}
	if s.Number(3) != 2 || s.Number(2) != 0 || s.Number(0) != 1 {
		t.Fatalf("numbers = %d %d %d", s.Number(0), s.Number(2), s.Number(3))
	}
}

func TestDigDeeperAttachesToRootAndReusesOpenFollowup(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s, _ = Apply(s, DigDeeper{FollowupID: "why", Text: "なぜ？"}, t0)
	// Digging deeper from the follow-up itself attaches to the prompt.
	s, _ = Apply(s, DigDeeper{Text: "具体的には？"}, t0)
	if got := keys(s); len(got) != 5 || got[1] != "f:1" || got[2] != "f:2" {
		t.Fatalf("keys = %v", got)
	}
	if s.Steps[2].Parent != "p:a" || s.RootOf("f:2") != "p:a" {
		t.Fatalf("parent = %q", s.Steps[2].Parent)
	}
	s, _ = Apply(s, Jump{Key: "p:b"}, t0)
	s, _ = Apply(s, Jump{Key: "p:a"}, t0)
	before := len(s.Steps)
	s, _ = Apply(s, DigDeeper{FollowupID: "why", Text: "なぜ？"}, t0)
	if len(s.Steps) != before || s.CurrentKey != "f:1" {
		t.Fatalf("reopening an open follow-up should move to it: %v at %s", keys(s), s.CurrentKey)
	}
}

func TestFinishAndReopen(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	t1 := t0.Add(time.Hour)
	s, _ = Apply(s, Finish{}, t1)
	if s.Status != Done || !s.FinishedAt.Equal(t1) {
		t.Fatalf("finish: %+v", s)
	}
	s, _ = Apply(s, Reopen{}, t1)
	if s.Status != InProgress || !s.FinishedAt.IsZero() {
		t.Fatalf("reopen: %+v", s)
	}
}

func TestProgressOf(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s.ID = 9
	p := ProgressOf(s, []string{"p:b", "p:nope"}, false)
	if len(p.Steps) != 1 || p.Steps[0].Key != "p:b" || p.SessionID != 9 || p.Layout {
		t.Fatalf("progress = %+v", p)
	}
	if p := ProgressOf(s, nil, true); len(p.Steps) != 3 || !p.Layout {
		t.Fatalf("layout progress = %+v", p)
	}
}
