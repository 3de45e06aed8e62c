package sqlite

import (
	"context"
	"testing"

	"bansou/model"
)

// TestTheSingleUserSaysWhoTheyAreOnEachEngagement: the type the single
// user gives on an engagement is kept, changed and read back, and a
// session started on it is held as that type, before and after a reopen.
func TestTheSingleUserSaysWhoTheyAreOnEachEngagement(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	e := engagement()
	e.MyType = model.Host
	e, err := s.CreateEngagement(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Engagement(ctx, e.ID)
	if got.MyType != model.Host {
		t.Fatalf("my type = %q, want host", got.MyType)
	}
	if got, _ := s.Engagement(ctx, other.ID); got.MyType != "" {
		t.Fatalf("an engagement with no type said reads %q", got.MyType)
	}
	got.MyType = model.ThirdParty
	if _, err := s.UpdateEngagement(ctx, got); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Engagements(ctx, true)
	types := map[int64]model.CompanionType{}
	for _, x := range all {
		types[x.ID] = x.MyType
	}
	if types[e.ID] != model.ThirdParty || types[other.ID] != "" {
		t.Fatalf("types = %v", types)
	}
	got.MyType = "boss"
	if _, err := s.UpdateEngagement(ctx, got); err == nil {
		t.Fatal("an unknown type was saved")
	}

	got.MyType = model.ThirdParty
	sess := model.PrepareSession(flow(), got, nil, model.Ledger{}, model.Ja, clock, model.NewDate(2026, 12, 7))
	if sess.HolderType != model.ThirdParty {
		t.Fatalf("prepared holder type = %q", sess.HolderType)
	}
	sess, err = s.StartSession(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	read, err := s2.Session(ctx, sess.ID)
	if err != nil || read.HolderType != model.ThirdParty {
		t.Fatalf("session holder type = %q, %v", read.HolderType, err)
	}
}

// TestOnAServerThePersonsMembershipSaysTheirType: on a server each member
// reads the engagement as the type of their own membership; changing it on
// the form changes their membership only, never another member's; the
// creator's membership takes the type they gave; the office has none.
func TestOnAServerThePersonsMembershipSaysTheirType(t *testing.T) {
	base, _, p, alice, eng := twoMembers(t)
	ctx := context.Background()
	bob := storeOf(t, base, p.bob)
	read := func(s *Store) model.CompanionType {
		t.Helper()
		e, err := s.Engagement(ctx, eng.ID)
		if err != nil {
			t.Fatal(err)
		}
		return e.MyType
	}
	if a, b := read(alice), read(bob); a != model.Sending || b != model.Host {
		t.Fatalf("alice reads %q, bob %q", a, b)
	}
	e, _ := bob.Engagement(ctx, eng.ID)
	e.MyType = model.ThirdParty
	if _, err := bob.UpdateEngagement(ctx, e); err != nil {
		t.Fatal(err)
	}
	if a, b := read(alice), read(bob); a != model.Sending || b != model.ThirdParty {
		t.Fatalf("after bob's change alice reads %q, bob %q", a, b)
	}
	ms, _ := alice.Members(ctx, eng.ID)
	for _, m := range ms {
		if m.AccountID == p.bob.ID && m.Type != model.ThirdParty {
			t.Fatalf("bob's membership = %+v", m)
		}
	}
	var kept string
	base.db.QueryRow(`SELECT my_type FROM engagements WHERE id = ?`, eng.ID).Scan(&kept)
	if kept != "" {
		t.Fatalf("a server keeps %q on the engagement itself", kept)
	}

	eve := storeOf(t, base, p.eve) // usually a third party
	ne := engagement()
	ne.MyType = model.Host
	ne, err := eve.CreateEngagement(ctx, ne)
	if err != nil {
		t.Fatal(err)
	}
	if ne.MyType != model.Host || read2(t, eve, ne.ID) != model.Host {
		t.Fatalf("eve's new engagement: %q", ne.MyType)
	}
	ne2, err := eve.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	if read2(t, eve, ne2.ID) != model.ThirdParty {
		t.Fatalf("with no type given, eve is %q, not her usual third party", read2(t, eve, ne2.ID))
	}
	if got := read(storeOf(t, base, p.dan)); got != "" {
		t.Fatalf("the office reads a type of its own: %q", got)
	}
}

func read2(t *testing.T, s *Store, id int64) model.CompanionType {
	t.Helper()
	e, err := s.Engagement(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e.MyType
}
