package work_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"bansou/content"
	"bansou/model"
	"bansou/model/sqlite"
	"bansou/work"
)

// TestARoomsClockIsLeftRunningOnlyWhenItsHolderDropped: a round's clock
// running in a room is found running when its holder comes back after a
// dropped connection (the room went on), and stopped at the last record
// after anything else (the server stopped, a crash), as any round's.
func TestARoomsClockIsLeftRunningOnlyWhenItsHolderDropped(t *testing.T) {
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	base, err := sqlite.Open(filepath.Join(t.TempDir(), "bansou.db"), sqlite.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	ctx := context.Background()
	a, err := base.AddAccount(ctx, model.Account{Name: "高橋 イブ", Role: model.RoleFacilitator})
	if err != nil {
		t.Fatal(err)
	}
	eve := base.As(a)
	defer eve.Close()
	for _, dropped := range []bool{false, true} {
		setup := model.RoundSetup{Format: lib.Rounds.DefaultFormat(), Facilitator: a.Name,
			Participants: []model.Participant{{Name: a.Name}}}
		sess, rd := model.NewRound(setup, nil, model.Ja, clock.Add(-10*time.Minute))
		rd.Timer.Start(clock.Add(-10 * time.Minute))
		rd.LeftRunning = dropped
		sess, _, err := eve.StartRound(ctx, sess, rd)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := eve.OpenRoom(ctx, sess.ID, time.Hour); err != nil {
			t.Fatal(err)
		}
		w, err := work.Open(ctx, eve, lib, sess.ID, false, now)
		if err != nil {
			t.Fatal(err)
		}
		if running := w.Round.Timer.Running(); running != dropped || w.ClockStopped == dropped || w.Round.LeftRunning {
			t.Errorf("dropped %v: running %v, stopped %v, still marked %v", dropped, running, w.ClockStopped, w.Round.LeftRunning)
		}
		if !dropped && w.Round.Timer.Elapsed(0, clock) != 0 {
			t.Errorf("the stopped clock counts %v", w.Round.Timer.Elapsed(0, clock))
		}
	}
}
