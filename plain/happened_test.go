package plain

import (
	"context"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// TestAccessibleAsksHowTheLearnerCopedWithWhatHappened: a worry marked
// 「実際に起きた」 comes back at the next session with its own question, in
// the accessible mode as on the screen; once the learner's answer is
// recorded, the session after no longer brings it back.
func TestAccessibleAsksHowTheLearnerCopedWithWhatHappened(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	ctx := context.Background()
	anx, _ := f.lib.Flow("anxiety")
	at := testNow.Add(-72 * time.Hour)
	first, err := f.store.StartSession(ctx, model.NewSession(anx, e.ID, model.Ja, at))
	if err != nil {
		t.Fatal(err)
	}
	p := model.ProgressOf(first, nil, false)
	p.Anxieties = []model.Anxiety{{ID: "w1", EngagementID: e.ID, SessionID: first.ID, StepKey: "p:worries",
		Text: "上司とうまくいかないかもしれない", Private: true, CreatedAt: at, UpdatedAt: at}}
	if err := f.store.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	ci, _ := f.lib.Flow("checkin")
	second, err := f.store.StartSession(ctx, model.NewSession(ci, e.ID, model.Ja, at.Add(24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	p = model.ProgressOf(second, nil, false)
	p.AnxietyUpdates = []model.AnxietyUpdate{{ID: "u1", AnxietyID: "w1", SessionID: second.ID, Status: model.AnxietyHappened,
		Note: "評価面談で衝突した", At: at.Add(24 * time.Hour)}}
	if err := f.store.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}

	out := f.run(model.Ja, "1", "1", "6",
		"4", "同期に相談して乗り切った", // it happened, and how they got through it
		".", "/later", "q")
	if !strings.Contains(out, "上司とうまくいかないかもしれない") || !strings.Contains(out, model.HappenedQuestion(model.Ja)) {
		t.Fatalf("the happened worry was not asked about:\n%s", out)
	}
	third := f.session(e.ID, "checkin")
	if u, ok := f.ledger(e.ID).Anxieties[0].UpdateIn(third.ID); !ok || u.Note != "同期に相談して乗り切った" {
		t.Fatalf("update %+v %v", u, ok)
	}

	out = f.run(model.Ja, "1", "1", "6", "/later", "q")
	if strings.Contains(out, model.HappenedQuestion(model.Ja)) || strings.Contains(out, "上司とうまくいかないかもしれない") {
		t.Fatalf("the worry came back after the learner told how they coped:\n%s", out)
	}
}
