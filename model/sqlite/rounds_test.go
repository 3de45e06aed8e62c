package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"

	"bansou/model"
)

func roundFormat() *model.RoundFormat {
	return &model.RoundFormat{ID: "consult", Title: model.Text{Ja: "ケース相談", En: "Case consultation"},
		Phases: []model.RoundPhase{
			{ID: "case", Planned: 10 * time.Minute, Title: model.Text{Ja: "ケース"}, Question: model.Text{Ja: "何が？"},
				Records: []model.RoundRecord{model.RecordKeyQuestion}},
			{ID: "close", Planned: 5 * time.Minute, Title: model.Text{Ja: "まとめ"}, Question: model.Text{Ja: "次は？"},
				Records: []model.RoundRecord{model.RecordTakeaways, model.RecordNextActions}},
		}}
}

func TestRoundRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	setup := model.RoundSetup{Format: roundFormat(), CaseID: "skills-gap",
		Participants: []model.Participant{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "田中　陽", Type: model.Host}},
		Facilitator:  "佐藤 一郎", Presenter: "田中　陽", Scribe: "佐藤 一郎"}
	sess, rd := model.NewRound(setup, nil, model.Ja, clock)
	sess, rd, err := s.StartRound(ctx, sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	if sess.ID == 0 || rd.SessionID != sess.ID {
		t.Fatalf("ids: session %d round %d", sess.ID, rd.SessionID)
	}
	// A flow id with LIKE's wildcard must not count as a round.
	other := model.Session{FlowID: "roundXconsult", Lang: model.Ja, Status: model.InProgress, StartedAt: clock, UpdatedAt: clock}
	if _, err := s.StartSession(ctx, other); err != nil {
		t.Fatal(err)
	}

	// The scribe types, the timer runs: both are saved in one progress.
	rd.Timer.Start(clock)
	rd.Timer.Next(clock.Add(12 * time.Minute))
	sess.Steps[0].Answer = "越境1か月目、週報に「貢献できていない」"
	sess.Steps[4].Answer = "本人と一緒にできていることを書き出す"
	sess.CurrentKey = sess.Steps[2].Key
	p := model.ProgressOf(sess, []string{sess.Steps[0].Key, sess.Steps[4].Key}, false)
	p.Round = &rd
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}

	got, err := s.Round(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Presenter != "田中　陽" || got.CaseID != "skills-gap" || got.Timer.Current != 1 ||
		got.Timer.Elapsed(0, clock.Add(time.Hour)) != 12*time.Minute || !got.Timer.Running() {
		t.Errorf("round = %+v", got)
	}
	all, err := s.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Session.ID != sess.ID || all[0].Round.Scribe != "佐藤 一郎" {
		t.Fatalf("rounds = %+v", all)
	}
	if all[0].Session.Steps[4].Answer != "本人と一緒にできていることを書き出す" || all[0].Session.CurrentKey != sess.Steps[2].Key {
		t.Errorf("steps = %+v", all[0].Session.Steps)
	}
	next := all[0].Round.NextActions(all[0].Session)
	if len(next) != 1 || next[0].Name != "佐藤 一郎" || next[0].From != sess.UID {
		t.Errorf("next actions = %+v", next)
	}
	if _, err := s.Round(ctx, 9999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing round: %v", err)
	}

	// A damaged record is reported, not taken for an empty round.
	if _, err := s.db.Exec(`UPDATE rounds SET data = '{"timer": 3' WHERE session_id = ?`, sess.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rounds(ctx); !errors.Is(err, model.ErrCorrupt) {
		t.Errorf("damaged round: %v", err)
	}
}

// TestDeleteRound: a round started by mistake is removed with its steps and
// what is kept beside it, in one go, and is found no more; another session
// is never removed as a round, nor a round open in another window, and the
// change is announced.
func TestDeleteRound(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	start := func(presenter, question string) model.Session {
		t.Helper()
		setup := model.RoundSetup{Format: roundFormat(),
			Participants: []model.Participant{{Name: "佐藤 一郎"}, {Name: "田中　陽"}}, Facilitator: "佐藤 一郎", Presenter: presenter}
		sess, rd := model.NewRound(setup, nil, model.Ja, clock)
		sess, _, err := s.StartRound(ctx, sess, rd)
		if err != nil {
			t.Fatal(err)
		}
		sess.Steps[1].Answer = question
		if err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{sess.Steps[1].Key}, false)); err != nil {
			t.Fatal(err)
		}
		return sess
	}
	kept := start("田中　陽", "週報に何を書けばよいか")
	mistake := start("佐藤 一郎", "間違えて始めた回の問い")
	other, err := s.StartSession(ctx, model.Session{FlowID: "self-review", Lang: model.Ja, Status: model.InProgress,
		StartedAt: clock, UpdatedAt: clock})
	if err != nil {
		t.Fatal(err)
	}
	window := s.NewHolder()
	defer window.Close()
	changes, stop := window.Watch()
	defer stop()

	if err := s.DeleteRound(ctx, other.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a self-review removed as a round: %v", err)
	}
	if err := window.SetSessionOpen(ctx, mistake.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRound(ctx, mistake.ID); !errors.Is(err, model.ErrOpenElsewhere) {
		t.Errorf("a round open in another window: %v", err)
	}
	if err := window.SetSessionOpen(ctx, mistake.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRound(ctx, mistake.ID); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-changes:
		if c.SessionID != mistake.ID {
			t.Errorf("announced %+v", c)
		}
	case <-time.After(5 * time.Second):
		t.Error("the removal was not announced")
	}
	rounds, err := s.Rounds(ctx)
	if err != nil || len(rounds) != 1 || rounds[0].Session.ID != kept.ID {
		t.Fatalf("rounds after the removal: %+v, %v", rounds, err)
	}
	if _, err := s.Round(ctx, mistake.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the removed round: %v", err)
	}
	if _, err := s.Session(ctx, other.ID); err != nil {
		t.Errorf("the self-review: %v", err)
	}
	var steps int
	s.db.QueryRow(`SELECT count(*) FROM steps WHERE session_id = ?`, mistake.ID).Scan(&steps)
	if steps != 0 {
		t.Errorf("%d steps left behind", steps)
	}
	if hits, err := s.Search(ctx, "間違えて始めた"); err != nil || len(hits) != 0 {
		t.Errorf("search still finds the removed round: %+v, %v", hits, err)
	}
	if hits, _ := s.Search(ctx, "週報"); len(hits) != 1 {
		t.Errorf("search lost the round kept: %+v", hits)
	}
	if err := s.DeleteRound(ctx, mistake.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("removed twice: %v", err)
	}
}
