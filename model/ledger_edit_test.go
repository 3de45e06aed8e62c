package model

import (
	"testing"
	"time"
)

func TestLedgerEditsKeepOneUpdatePerSession(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	var l Ledger
	a := l.PutAnxiety(Anxiety{ID: "w1", SessionID: 1, Text: "家族と離れて暮らすのが不安"}, t0)
	if !a.CreatedAt.Equal(t0) || !a.UpdatedAt.Equal(t0) {
		t.Fatalf("times not stamped: %+v", a)
	}
	a.Text = "家族と離れるのが不安"
	a = l.PutAnxiety(a, t0.Add(time.Hour))
	if len(l.Anxieties) != 1 || !a.CreatedAt.Equal(t0) || l.Anxieties[0].Text != "家族と離れるのが不安" {
		t.Fatalf("replace: %+v", l.Anxieties)
	}
	u1, _ := l.SetAnxietyStatus("w1", 2, AnxietyEasing, "少し慣れた", t0)
	u2, _ := l.SetAnxietyStatus("w1", 2, AnxietyResolved, "解消", t0)
	if u1.ID != u2.ID || len(l.Anxieties[0].History) != 1 || l.Anxieties[0].Status() != AnxietyResolved {
		t.Fatalf("a second status in the same session must replace the first: %+v", l.Anxieties[0].History)
	}
	if _, ok := l.SetAnxietyStatus("nope", 2, AnxietyOpen, "", t0); ok {
		t.Fatal("an unknown worry was updated")
	}
	// Session 2 updated it, so it is still reviewed there; a third session
	// no longer asks about a resolved worry.
	if got := l.AnxietiesToReview(2); len(got) != 1 {
		t.Fatalf("session 2 reviews %d worries, want 1", len(got))
	}
	if got := l.AnxietiesToReview(3); len(got) != 0 {
		t.Fatalf("a resolved worry came back: %+v", got)
	}
	// A worry voiced in a session is not reviewed in that session.
	if got := l.AnxietiesToReview(1); len(got) != 0 {
		t.Fatalf("session 1 reviews its own worry: %+v", got)
	}
	gone, ok := l.RemoveAnxiety("w1")
	if !ok || !gone.Deleted || len(l.Anxieties) != 0 {
		t.Fatalf("remove: %v %+v %+v", ok, gone, l.Anxieties)
	}

	l.PutAction(Action{ID: "a1", SessionID: 1, Text: "上司に相談する", Owner: OwnerLearner}, t0)
	l.SetActionOutcome("a1", 2, OutcomeNotTried, "まだ", t0)
	if got := l.ActionsToReview(3); len(got) != 1 || OutcomeBefore(got[0], 3) != OutcomeNotTried {
		t.Fatalf("an action not tried must come back: %+v", got)
	}
	l.SetActionOutcome("a1", 3, OutcomeWorked, "話せた", t0)
	if got := l.ActionsToReview(4); len(got) != 0 {
		t.Fatalf("an action that worked came back: %+v", got)
	}
}

func TestAgreementDraftStartsFromWhatWasAgreed(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	first := Session{ID: 1, StartedAt: t0}
	revisit := Session{ID: 2, StartedAt: t0.AddDate(0, 1, 0)}
	var l Ledger
	l.PutAgreement(AgreementItem{Topic: "role", Agreed: "新規事業の企画を担当"}, first, t0)
	draft, before, had := l.AgreementDraft(revisit, "role", "役割と範囲")
	if !had || draft.Agreed != "新規事業の企画を担当" || before.Agreed != draft.Agreed || draft.Title != "役割と範囲" {
		t.Fatalf("draft %+v before %+v had %v", draft, before, had)
	}
	draft.Agreed = "企画と営業同行"
	l.PutAgreement(draft, revisit, t0)
	again, _, _ := l.AgreementDraft(revisit, "role", "役割と範囲")
	if again.Agreed != "企画と営業同行" || again.SessionID != 2 || len(l.Agreement) != 2 {
		t.Fatalf("the revisit's own version must come first: %+v (%d versions)", again, len(l.Agreement))
	}
}
