package model

import (
	"slices"
	"testing"
	"time"
)

func TestAgreementGaps(t *testing.T) {
	it := AgreementItem{Topic: "role-scope",
		Learner: PartyView{Expectation: "新規事業に関わりたい", Fit: 4},
		Sending: PartyView{Expectation: "営業手法を学んでほしい", Fit: 2},
		Host:    PartyView{Expectation: "即戦力として開発を", Fit: 3}}
	if it.GapScore() != 2 || !it.HasGap() {
		t.Fatalf("scores 4, 2, 3 differ by 2: gap %d", it.GapScore())
	}
	it.Sending.Fit = 3
	if it.HasGap() {
		t.Fatal("scores 4, 3, 3 flagged")
	}
	it.Host = PartyView{}
	if !it.HasGap() || !slices.Equal(it.Silent(), []Party{PartyHost}) {
		t.Fatalf("a silent party is a gap: %v", it.Silent())
	}
	if (AgreementItem{}).HasGap() {
		t.Fatal("an empty topic is not a gap")
	}
}

func TestAgreementChangesAndVersions(t *testing.T) {
	t1 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	t2 := t1.AddDate(0, 2, 0)
	agreed := AgreementItem{SessionID: 1, SessionStarted: t1, Topic: "reporting", Title: "報告", Agreed: "週1回、チャットで",
		Learner: PartyView{Expectation: "週1回", Fit: 4}, UpdatedAt: t1}
	revisit := agreed
	revisit.SessionID, revisit.SessionStarted, revisit.UpdatedAt = 2, t2, t2
	revisit.Agreed = "隔週、面談で"
	revisit.Learner.Fit = 5
	if got := revisit.Changes(agreed); !slices.Equal(got, []string{"learner.fit", "agreed"}) {
		t.Fatalf("changes = %v", got)
	}
	l := Ledger{Agreement: []AgreementItem{agreed, revisit, {SessionID: 3, SessionStarted: t2.Add(time.Hour), Topic: "reporting", UpdatedAt: t2.Add(time.Hour)}}}
	if got := l.AgreedBefore(Session{ID: 2, StartedAt: t2})["reporting"]; got.SessionID != 1 {
		t.Fatalf("baseline for the revisit = session %d", got.SessionID)
	}
	cur := l.Current()
	if len(cur) != 1 || cur[0].Agreed != "隔週、面談で" {
		t.Fatalf("current = %+v (an empty later version does not replace it)", cur)
	}
	// Correcting the first session afterwards does not make it current.
	l.Agreement[0].Agreed, l.Agreement[0].UpdatedAt = "週1回、チャットで（誤字修正）", t2.Add(24*time.Hour)
	if cur := l.Current(); cur[0].SessionID != 2 {
		t.Fatalf("a later edit of an older session became current: %+v", cur[0])
	}
	if first, _ := l.FirstAgreed("reporting"); first.SessionID != 1 {
		t.Fatalf("first version = session %d", first.SessionID)
	}
}

func TestOpenEntriesAndCarryForward(t *testing.T) {
	l := Ledger{
		// b happened, and a later session has asked how the learner coped.
		Anxieties: []Anxiety{{ID: "a", SessionID: 1, Text: "戻れるか"}, {ID: "b", SessionID: 1, Text: "体調",
			History: []AnxietyUpdate{{SessionID: 2, Status: AnxietyHappened}, {SessionID: 3, Status: AnxietyHappened}}}},
		Actions: []Action{{ID: "x", SessionID: 1, Text: "上司に相談する", Owner: OwnerLearner},
			{ID: "y", SessionID: 1, Text: "週報", History: []ActionUpdate{{SessionID: 2, Outcome: OutcomeNoEffect}}}},
	}
	if len(l.OpenAnxieties()) != 1 || len(l.OpenActions()) != 1 {
		t.Fatal("open entries")
	}
	s := CarryForward(NewSession(testFlow(), 1, Ja, t0), l)
	if s.Steps[0].Kind != StepAnxieties || s.Steps[1].Kind != StepActions || s.CurrentKey != "c:anxieties" {
		t.Fatalf("steps = %v", keys(s))
	}
	if s.Steps[0].Title != "これまでの不安（1件）" {
		t.Fatalf("title = %q", s.Steps[0].Title)
	}
	if s2 := CarryForward(NewSession(testFlow(), 1, En, t0), Ledger{}); len(s2.Steps) != 3 {
		t.Fatal("nothing to carry forward should add nothing")
	}
}

func TestSetValueAndChoices(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s, _ = Apply(s, Skip{}, t0)
	s, _ = Apply(s, Back{}, t0)
	s, err := Apply(s, SetValue{Value: 4}, t0)
	if err != nil || s.Steps[0].Value != 4 || s.Steps[0].Skipped || !s.Steps[0].Answered() {
		t.Fatalf("value: %+v %v", s.Steps[0], err)
	}
	if _, err := Apply(s, SetValue{Value: 6}, t0); err == nil {
		t.Fatal("6 accepted on a 5-point scale")
	}
	s, _ = Apply(s, SetValue{Value: 0}, t0)
	s, _ = Apply(s, SetChoices{IDs: []string{"a", "c"}}, t0)
	if !slices.Equal(s.Steps[0].Choices, []string{"a", "c"}) || !s.Steps[0].Answered() {
		t.Fatalf("choices: %+v", s.Steps[0])
	}
}
