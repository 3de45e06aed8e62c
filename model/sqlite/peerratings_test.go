package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

func peerRating(uid string) model.PeerRating {
	return model.PeerRating{
		UID: uid, For: "佐藤 アリス", Rater: "山田 花子", Relation: model.RelationMentor, Lang: model.Ja,
		At: clock.Add(-24 * time.Hour),
		Skills: []model.PeerSkill{
			{SkillID: "observe-listen", Level: 4, Evidence: "面談で本人の言葉を遮らずに最後まで聞いていた-PEER-1"},
			{SkillID: "progress-check", Evidence: "見る機会がなかった"},
		},
		Worked:      "週報への短い返事で本人が次の一手を決められた-PEER-2",
		Improvement: "面談の終わりに自分の案を先に出していた",
		Alternative: "まず本人の案を聞いてから添える",
		Reason:      "本人が自分で決めた感覚を持てるように",
	}
}

// TestPeerRatingsRoundTrip: a rating saved by the single user comes back
// whole, in order; saving the same UID again replaces it; it can be
// removed.
func TestPeerRatingsRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	saved, err := s.SavePeerRating(ctx, peerRating("sheet-1"))
	if err != nil {
		t.Fatal(err)
	}
	if saved.ID == 0 || saved.SavedAt.IsZero() {
		t.Fatalf("saved without id or time: %+v", saved)
	}
	got, err := s.PeerRatings(ctx)
	if err != nil || len(got) != 1 {
		t.Fatalf("PeerRatings = %v, %v", got, err)
	}
	want := peerRating("sheet-1")
	want.ID, want.SavedAt = saved.ID, saved.SavedAt
	a, _ := json.Marshal(got[0])
	b, _ := json.Marshal(want)
	if string(a) != string(b) || got[0].ID != want.ID {
		t.Errorf("read back\n%s\nwant\n%s", a, b)
	}
	again := peerRating("sheet-1")
	again.Skills = again.Skills[:1]
	again.Skills[0].Level = 5
	if _, err := s.SavePeerRating(ctx, again); err != nil {
		t.Fatal(err)
	}
	got, _ = s.PeerRatings(ctx)
	if len(got) != 1 || len(got[0].Skills) != 1 || got[0].Skills[0].Level != 5 {
		t.Errorf("saving the same sheet again: %+v", got)
	}
	if err := s.DeletePeerRating(ctx, "sheet-1"); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.PeerRatings(ctx); len(got) != 0 {
		t.Errorf("after removing: %+v", got)
	}
	if err := s.DeletePeerRating(ctx, "sheet-1"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("removing it twice: %v", err)
	}
}

// TestPeerRatingsAreTheCompanionsOnly: on a server, Bob rates Alice from
// his own connection; Alice reads it, and no one else does: not Bob who
// wrote it, not Carol the admin, not Dan the office, not Eve. Bob cannot
// write over it or remove it, nor can the others; a sheet Alice wrote is
// hers alone.
func TestPeerRatingsAreTheCompanionsOnly(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice, bob := storeOf(t, base, p.alice), storeOf(t, base, p.bob)
	r := peerRating("from-bob")
	r.Owner = p.alice.ID
	sent, err := bob.SavePeerRating(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if sent.RaterAccount != p.bob.ID || sent.Owner != p.alice.ID {
		t.Errorf("sent as %d for %d", sent.RaterAccount, sent.Owner)
	}
	if err := alice.SaveRatingSheet(ctx, model.RatingSheet{UID: "alice-sheet", For: "佐藤 アリス", Lang: model.Ja,
		Skills: []string{"observe-listen"}, WrittenAt: clock}); err != nil {
		t.Fatal(err)
	}
	mine, err := alice.PeerRatings(ctx)
	if err != nil || len(mine) != 1 || !strings.Contains(mine[0].Skills[0].Evidence, "PEER-1") {
		t.Fatalf("Alice reads %+v, %v", mine, err)
	}
	if sh, err := alice.RatingSheet(ctx, "alice-sheet"); err != nil || sh.For != "佐藤 アリス" || len(sh.Skills) != 1 {
		t.Errorf("Alice's sheet: %+v, %v", sh, err)
	}
	for name, who := range map[string]model.Account{"rater": p.bob, "admin": p.carol, "office": p.dan, "outsider": p.eve} {
		s := storeOf(t, base, who)
		got, err := s.PeerRatings(ctx)
		if err != nil || len(got) != 0 {
			t.Errorf("%s reads %+v, %v", name, got, err)
		}
		if _, err := s.RatingSheet(ctx, "alice-sheet"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("%s reads Alice's sheet: %v", name, err)
		}
		if err := s.DeletePeerRating(ctx, "from-bob"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("%s removes Alice's rating: %v", name, err)
		}
		over := peerRating("from-bob")
		over.Owner = p.alice.ID
		over.Worked = "書き換え"
		if _, err := s.SavePeerRating(ctx, over); !errors.Is(err, model.ErrNotAllowed) {
			t.Errorf("%s writes over Alice's rating: %v", name, err)
		}
		if err := s.SaveRatingSheet(ctx, model.RatingSheet{UID: "alice-sheet", For: "別人", WrittenAt: clock}); !errors.Is(err, model.ErrNotAllowed) {
			t.Errorf("%s writes over Alice's sheet: %v", name, err)
		}
	}
	mine, _ = alice.PeerRatings(ctx)
	if len(mine) != 1 || mine[0].Worked != peerRating("").Worked {
		t.Errorf("Alice's rating changed: %+v", mine)
	}
	// A rating for no one on the server is refused.
	r.UID, r.Owner = "nobody", 9999
	if _, err := bob.SavePeerRating(ctx, r); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a rating for no one: %v", err)
	}
}
