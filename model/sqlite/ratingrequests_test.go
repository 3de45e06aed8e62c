package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"bansou/model"
)

// TestRatingRequestsAreBetweenTwoPeople: Alice asks Bob to rate her. Both
// see the request; Bob's draft is his alone while he types; once he sends
// it, the rating is Alice's, the draft is gone, and Bob can neither read
// nor send it again. Carol the admin, Dan the office and Eve read no
// request, draft or rating, and cannot type into it or send it.
func TestRatingRequestsAreBetweenTwoPeople(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice, bob := storeOf(t, base, p.alice), storeOf(t, base, p.bob)
	req, err := alice.AskRating(ctx, p.bob.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := alice.AskRating(ctx, p.bob.ID); err != nil || again.UID != req.UID {
		t.Errorf("asking twice: %+v, %v (first %s)", again, err, req.UID)
	}
	if _, err := alice.AskRating(ctx, p.alice.ID); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("asking herself: %v", err)
	}
	if _, err := alice.AskRating(ctx, p.dan.ID); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("asking the office: %v", err)
	}
	draft := peerRating("")
	draft.Worked = "面談のあとに本人の言葉で次の一手をまとめていた-DRAFT"
	if err := bob.SaveRatingDraft(ctx, req.UID, draft); err != nil {
		t.Fatal(err)
	}
	got, err := bob.RatingRequests(ctx)
	if err != nil || len(got) != 1 || got[0].CompanionName != p.alice.Name || got[0].Draft.Worked != draft.Worked {
		t.Fatalf("Bob reads %+v, %v", got, err)
	}
	got, err = alice.RatingRequests(ctx)
	if err != nil || len(got) != 1 || got[0].RaterName != p.bob.Name || !got[0].Draft.Empty() {
		t.Fatalf("Alice reads %+v, %v (the draft is Bob's)", got, err)
	}
	others := map[string]model.Account{"admin": p.carol, "office": p.dan, "outsider": p.eve}
	for name, who := range others {
		s := storeOf(t, base, who)
		if got, err := s.RatingRequests(ctx); err != nil || len(got) != 0 {
			t.Errorf("%s reads %+v, %v", name, got, err)
		}
		if err := s.SaveRatingDraft(ctx, req.UID, draft); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("%s types into Bob's draft: %v", name, err)
		}
		if _, err := s.SendRating(ctx, req.UID, draft); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("%s sends it: %v", name, err)
		}
	}
	if _, err := alice.SendRating(ctx, req.UID, draft); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Alice sends her own rating: %v", err)
	}
	sent, err := bob.SendRating(ctx, req.UID, draft)
	if err != nil {
		t.Fatal(err)
	}
	if sent.Rater != p.bob.Name || sent.For != p.alice.Name || sent.UID != req.UID {
		t.Errorf("sent as %q for %q (%s)", sent.Rater, sent.For, sent.UID)
	}
	mine, err := alice.PeerRatings(ctx)
	if err != nil || len(mine) != 1 || mine[0].Worked != draft.Worked || mine[0].Rater != p.bob.Name {
		t.Fatalf("Alice's ratings: %+v, %v", mine, err)
	}
	got, _ = bob.RatingRequests(ctx)
	if len(got) != 1 || got[0].Open() || !got[0].Draft.Empty() {
		t.Errorf("Bob reads after sending: %+v", got)
	}
	if theirs, _ := bob.PeerRatings(ctx); len(theirs) != 0 {
		t.Errorf("Bob reads the rating he sent: %+v", theirs)
	}
	if err := bob.SaveRatingDraft(ctx, req.UID, draft); !errors.Is(err, model.ErrRatingSent) {
		t.Errorf("typing after sending: %v", err)
	}
	if _, err := bob.SendRating(ctx, req.UID, draft); !errors.Is(err, model.ErrRatingSent) {
		t.Errorf("sending twice: %v", err)
	}
	var stored string
	if err := base.db.QueryRow(`SELECT draft FROM rating_requests WHERE uid = ?`, req.UID).Scan(&stored); err != nil || strings.Contains(stored, "DRAFT") {
		t.Errorf("the draft stays in the file after sending: %q, %v", stored, err)
	}
	for name, who := range others {
		if got, _ := storeOf(t, base, who).PeerRatings(ctx); len(got) != 0 {
			t.Errorf("%s reads the rating: %+v", name, got)
		}
	}
	// The single user has nobody to ask.
	if _, err := base.AskRating(ctx, p.bob.ID); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("the single user asks: %v", err)
	}
}
