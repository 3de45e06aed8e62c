package sqlite

import (
	"context"
	"testing"

	"bansou/model"
)

// TestSessionKeepsItsPlace: the place saved with a session's progress (the
// second worry's plan, the caret in it) is read back with the session;
// a later save carrying the session as read (the accessible mode's, say)
// keeps it; and a stored place that cannot be read opens the step as
// before rather than failing.
func TestSessionKeepsItsPlace(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	sess := newSession(t, s)
	sess.Place = model.Place{Area: model.AreaAnswer, Entry: "w2", Field: "plan", Caret: 3, Of: 7}
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, nil, false)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Session(ctx, sess.ID)
	if err != nil || got.Place != sess.Place {
		t.Fatalf("place read back %+v (%v), want %+v", got.Place, err, sess.Place)
	}
	got, _ = model.Apply(got, model.SetAnswer{Text: "週末に電話する"}, clock)
	if err := s.SaveProgress(ctx, model.ProgressOf(got, []string{got.CurrentKey}, false)); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Session(ctx, sess.ID); again.Place != sess.Place {
		t.Errorf("a later save lost the place: %+v", again.Place)
	}
	if _, err := s.db.Exec(`UPDATE sessions SET place = '{"area": 5' WHERE id = ?`, sess.ID); err != nil {
		t.Fatal(err)
	}
	if broken, err := s.Session(ctx, sess.ID); err != nil || broken.Place != (model.Place{}) {
		t.Errorf("an unreadable place: %+v, %v", broken.Place, err)
	}
}
