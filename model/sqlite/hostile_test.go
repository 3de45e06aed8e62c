package sqlite

import (
	"context"
	"testing"

	"bansou/content"
	"bansou/internal/dbtest"
	"bansou/internal/fixture"
	"bansou/internal/hostile"
	"bansou/model"
)

// TestHostileTextIsStoredAsTyped puts control sequences and C1 controls,
// mixed with Japanese, in every kind of text a companion types (names,
// answers, notes, the ledger, self-reviews, rounds) and reads each back from
// the reopened database byte for byte. (Bytes that are not UTF-8 never reach
// the store: both interfaces read them as U+FFFD, and no JSON import can
// hold them.)
func TestHostileTextIsStoredAsTyped(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := fixture.Fill(ctx, s, lib, func(f fixture.Field) string { return hostile.UTF8(f.Name) })
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	var back []any
	e, err := s.Engagement(ctx, recs.Engagement.ID)
	if err != nil {
		t.Fatal(err)
	}
	back = append(back, e)
	for _, sess := range recs.Sessions {
		got, err := s.Session(ctx, sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		back = append(back, got)
	}
	l, err := s.Ledger(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	reviews, rounds := dbtest.Solo(t, s)
	back = append(back, l, reviews, rounds)
	if len(reviews) != 2 || len(rounds) != 2 || len(l.Anxieties) != 2 || len(l.Actions) != 1 || len(l.Agreement) != 1 {
		t.Fatalf("read back %d reviews, %d rounds, ledger %+v", len(reviews), len(rounds), l)
	}
	stored := fixture.Strings(back)
	for _, f := range recs.Fields {
		if !stored[hostile.UTF8(f.Name)] {
			t.Errorf("%s did not come back as typed", f.Name)
		}
	}
	if len(recs.Fields) < 40 {
		t.Errorf("only %d fields filled", len(recs.Fields))
	}
}
