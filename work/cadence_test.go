package work_test

import (
	"context"
	"path/filepath"
	"testing"

	"bansou/content"
	"bansou/model"
	"bansou/model/sqlite"
	"bansou/work"
)

// finishedReview saves, through store, a self-review of one skill finished
// daysAgo days before the clock.
func finishedReview(t *testing.T, store model.Store, daysAgo int) {
	t.Helper()
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	at := clock.AddDate(0, 0, -daysAgo)
	s := model.NewSelfReview(lib.Skills, []string{"purpose-elicitation"}, nil, model.Ja, at)
	for _, ev := range []model.Event{model.Jump{Key: "p:purpose-elicitation"}, model.SetValue{Value: 3},
		model.SetAnswer{Text: "面談で理由まで聞けた。"}, model.Finish{}} {
		if s, err = model.Apply(s, ev, at); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.StartSession(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}

func reviewDue(t *testing.T, store model.Store) (model.DueItem, bool) {
	t.Helper()
	due, err := work.DueList(context.Background(), store, model.DateOf(clock), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range due {
		if d.Kind == model.DueReview {
			return d, true
		}
	}
	return model.DueItem{}, false
}

// TestTheNextReviewFallsDueAtTheCadenceSet: a review finished 40 days ago
// is not due at the default cadence (90 days), and is due, since the 30th
// day, once the companion sets 30; a cadence out of range is refused and
// changes nothing.
func TestTheNextReviewFallsDueAtTheCadenceSet(t *testing.T) {
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "bansou.db"), sqlite.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	finishedReview(t, s, 40)
	if d, ok := reviewDue(t, s); ok {
		t.Fatalf("due at the default cadence 40 days after: %+v", d)
	}
	if err := s.SetReviewCadence(ctx, 30); err != nil {
		t.Fatal(err)
	}
	d, ok := reviewDue(t, s)
	if want := model.DateOf(clock.AddDate(0, 0, -10)); !ok || d.Since != want || d.DaysOver != 10 {
		t.Fatalf("at 30 days: %+v %v, want due since %s", d, ok, want)
	}
	for _, bad := range []int{0, -5, model.MaxReviewCadenceDays + 1} {
		if err := s.SetReviewCadence(ctx, bad); err == nil {
			t.Errorf("cadence %d accepted", bad)
		}
	}
	if days, err := s.ReviewCadence(ctx); err != nil || days != 30 {
		t.Errorf("cadence after refused ones = %d, %v; want 30 kept", days, err)
	}
}

// TestEachPersonHasTheirOwnCadence: on a server, one companion's cadence
// of 30 days does not bring another's review due.
func TestEachPersonHasTheirOwnCadence(t *testing.T) {
	base, err := sqlite.Open(filepath.Join(t.TempDir(), "bansou.db"), sqlite.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	ctx := context.Background()
	var stores []*sqlite.Store
	for _, name := range []string{"佐藤 花子", "鈴木 太郎"} {
		a, err := base.AddAccount(ctx, model.Account{Name: name, Role: model.RoleCompanion})
		if err != nil {
			t.Fatal(err)
		}
		st := base.As(a)
		defer st.Close()
		finishedReview(t, st, 40)
		stores = append(stores, st)
	}
	hanako, taro := stores[0], stores[1]
	if err := hanako.SetReviewCadence(ctx, 30); err != nil {
		t.Fatal(err)
	}
	if _, ok := reviewDue(t, hanako); !ok {
		t.Error("花子's review is not due at her cadence of 30 days")
	}
	if d, ok := reviewDue(t, taro); ok {
		t.Errorf("太郎's review is due at 花子's cadence: %+v", d)
	}
	if days, err := taro.ReviewCadence(ctx); err != nil || days != 0 {
		t.Errorf("太郎's cadence = %d, %v; want none set", days, err)
	}
}

// TestTheSuggestionsReadOthersRatings: a self-review opened through the
// engine suggests the skill a mentor rated below the companion's own
// level, saying so.
func TestTheSuggestionsReadOthersRatings(t *testing.T) {
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "bansou.db"), sqlite.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePeerRating(ctx, model.PeerRating{UID: model.NewID(), Rater: "山田", Relation: model.RelationMentor,
		Lang: model.Ja, At: clock.AddDate(0, 0, -3), Skills: []model.PeerSkill{{SkillID: "liaison", Level: 2}}}); err != nil {
		t.Fatal(err)
	}
	r := model.StartSelfReview(lib.Skills, []string{"liaison"}, nil, model.Ja, clock)
	for _, ev := range []model.Event{model.Jump{Key: "p:liaison"}, model.SetValue{Value: 4}} {
		if r, err = model.Apply(r, ev, clock); err != nil {
			t.Fatal(err)
		}
	}
	r, err = s.StartSession(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	w, err := work.Open(ctx, s, lib, r.ID, false, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range w.FocusRows(nil) {
		if row.Skill.ID != "liaison" {
			continue
		}
		if !row.Suggested() || len(row.Reasons) == 0 || row.Reasons[0].Line(model.Ja) != "山田（メンター）の評価は 2（自分は 4）" {
			t.Errorf("連絡役: suggested %v, reasons %+v", row.Suggested(), row.Reasons)
		}
		return
	}
	t.Fatal("no row for 連絡役")
}
