package model

import (
	"testing"
	"time"
)

// threeParty is a session of a three-party flow (the agreement), started
// after the sessions the ledgers below were recorded in.
func threeParty(lang Lang) Session {
	f := testFlow()
	f.ID, f.Mode = "agreement", ThreeParty
	return NewSession(f, 1, lang, t0)
}

// TestARevisitWithNothingToAskIsNotAStep: a session starts with the worries
// and actions brought back only when the revisit has something to ask
// about. In the three-party agreement, held with both organisations at the
// table, the learner's private worries are not asked about: worries voiced
// in an anxiety session (private, as every worry starts) leave the
// agreement starting at its first topic, and a shared one is brought back
// alone. Words cleared to nothing are nothing to ask about either.
func TestARevisitWithNothingToAskIsNotAStep(t *testing.T) {
	at := t0.Add(-time.Hour)
	voiced := Ledger{Anxieties: []Anxiety{
		{ID: "w1", SessionID: 2, Text: "家族と離れるのが不安", Private: true, CreatedAt: at},
		{ID: "w2", SessionID: 2, Text: "体調を崩さないか", Private: true, CreatedAt: at},
	}}
	s := CarryForward(threeParty(Ja), voiced)
	if len(s.Steps) != 3 || s.CurrentKey != "p:a" {
		t.Fatalf("the agreement starts with %v at %s, want its own prompts from the first", keys(s), s.CurrentKey)
	}
	if got := voiced.AnxietiesToAsk(s); len(got) != 0 {
		t.Fatalf("the agreement asks about private worries: %+v", got)
	}

	shared := voiced
	shared.Anxieties = append([]Anxiety{}, voiced.Anxieties...)
	shared.Anxieties[1].Private = false
	s = CarryForward(threeParty(Ja), shared)
	if s.Steps[0].Kind != StepAnxieties || s.Steps[0].Title != "これまでの不安（1件）" {
		t.Fatalf("a shared worry in the agreement: %v %q", keys(s), s.Steps[0].Title)
	}
	if got := shared.AnxietiesToAsk(s); len(got) != 1 || got[0].ID != "w2" {
		t.Fatalf("the agreement's revisit lists %+v, want the shared worry alone", got)
	}

	// A conversation between the companion and the learner asks about all.
	one := CarryForward(NewSession(testFlow(), 1, Ja, t0), voiced)
	if one.Steps[0].Title != "これまでの不安（2件）" || len(voiced.AnxietiesToAsk(one)) != 2 {
		t.Fatalf("a one-on-one session: %v %q", keys(one), one.Steps[0].Title)
	}

	blank := Ledger{
		Anxieties: []Anxiety{{ID: "w3", SessionID: 2, Text: " \n　"}},
		Actions:   []Action{{ID: "x1", SessionID: 2, Text: "\n", Owner: OwnerLearner}},
	}
	if s := CarryForward(NewSession(testFlow(), 1, Ja, t0), blank); len(s.Steps) != 3 {
		t.Fatalf("entries with no words were brought back: %v", keys(s))
	}
}

// TestAHappenedWorryComesBackToAskHowTheLearnerCoped: a worry marked
// 「実際に起きた」 is brought back at the next session with its own
// question (how the learner coped, what helped); once that session has
// recorded how it went, later sessions no longer bring it back, while the
// session that recorded it keeps listing it.
func TestAHappenedWorryComesBackToAskHowTheLearnerCoped(t *testing.T) {
	var l Ledger
	l.PutAnxiety(Anxiety{ID: "w1", SessionID: 1, Text: "上司とうまくいかないかもしれない"}, t0)
	l.PutAnxiety(Anxiety{ID: "w2", SessionID: 1, Text: "言葉が通じるか"}, t0)
	l.SetAnxietyStatus("w1", 2, AnxietyHappened, "評価面談で衝突した", t0)
	l.SetAnxietyStatus("w2", 2, AnxietyResolved, "", t0)

	third := NewSession(testFlow(), 1, Ja, t0)
	third.ID = 3
	s := CarryForward(third, l)
	if s.Steps[0].Kind != StepAnxieties || s.Steps[0].Title != "これまでの不安（1件）" {
		t.Fatalf("the happened worry is not brought back: %v %q", keys(s), s.Steps[0].Title)
	}
	got := l.AnxietiesToAsk(s)
	if len(got) != 1 || got[0].ID != "w1" || !AskHowCoped(got[0], s.ID) {
		t.Fatalf("session 3 asks about %+v", got)
	}
	if q := HappenedQuestion(Ja); q != "実際に起きたこと。どう乗り越えましたか。何が助けになりましたか。" {
		t.Fatalf("question %q", q)
	}
	if q := HappenedQuestion(En); q != "It happened. How did you get through it? What helped?" {
		t.Fatalf("question %q", q)
	}

	l.SetAnxietyStatus("w1", 3, AnxietyHappened, "同期に相談して乗り切った", t0)
	if got := l.AnxietiesToAsk(s); len(got) != 1 || !AskHowCoped(got[0], 3) {
		t.Fatalf("session 3 no longer lists what it recorded: %+v", got)
	}
	fourth := NewSession(testFlow(), 1, Ja, t0)
	fourth.ID = 4
	if s := CarryForward(fourth, l); len(s.Steps) != 3 {
		t.Fatalf("the worry came back after the learner told how they coped: %v", keys(s))
	}

	// Happening again after being open again asks again.
	l.SetAnxietyStatus("w1", 4, AnxietyOpen, "", t0)
	l.SetAnxietyStatus("w1", 5, AnxietyHappened, "", t0)
	sixth := NewSession(testFlow(), 1, Ja, t0)
	sixth.ID = 6
	if got := l.AnxietiesToAsk(sixth); len(got) != 1 || !AskHowCoped(got[0], 6) {
		t.Fatalf("happened a second time: %+v", got)
	}
}
