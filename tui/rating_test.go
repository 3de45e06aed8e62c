package tui

import (
	"context"
	"testing"

	"bansou/model"
)

// TestTheRatingFormAsksWhoTheRaterIs: in English, a rater opens the
// request from the due list; sending with nothing written is refused, as
// is sending without saying who they are to the companion (the focus goes
// there); once chosen, the confirmation says the rating becomes the
// companion's alone and cannot be read back. n goes back with nothing
// lost; y sends it, and the due list no longer has it.
func TestTheRatingFormAsksWhoTheRaterIs(t *testing.T) {
	base, _ := openStore(t)
	ctx := context.Background()
	var people [2]model.Account
	for i, name := range []string{"Alice Sato", "Bob Suzuki"} {
		a, err := base.AddAccount(ctx, model.Account{Name: name, Lang: model.En})
		if err != nil {
			t.Fatal(err)
		}
		people[i] = a
	}
	alice, bob := base.As(people[0]), base.As(people[1])
	t.Cleanup(func() { alice.Close(); bob.Close() })
	if _, err := alice.AskRating(ctx, people[1].ID); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 100, 30, func(o *Options) { o.Store, o.Lang = bob, model.En })
	h.contains("Alice Sato has asked you to rate their skills")
	h.press("enter")
	h.contains("Rating the skills of Alice Sato")
	h.contains("It is material for them to decide what to develop next") // the sheet's guidance
	h.press("ctrl+s")
	h.contains("Nothing is written yet")
	h.press("tab", "3")
	h.press("ctrl+s")
	h.contains("Choose who you are to them")
	h.press("2") // boss
	h.press("ctrl+s")
	h.contains("Once sent, the rating belongs to Alice Sato: only Alice Sato can read it")
	h.contains("you cannot read it back or change it either")
	h.press("n")
	h.contains("Rating the skills of Alice Sato")
	h.press("ctrl+s", "y")
	h.contains("Your rating was sent to Alice Sato")
	h.notContains("asked you to rate")
	got, err := alice.PeerRatings(ctx)
	if err != nil || len(got) != 1 || got[0].Relation != model.RelationBoss || got[0].Skills[0].Level != 3 {
		t.Fatalf("Alice's ratings: %+v, %v", got, err)
	}
}
