package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"bansou/internal/dbtest"
	"bansou/model"
)

// snapshot is what a folder holds: every file's name, size, time and bytes.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out = append(out, fmt.Sprintf("%s %v %d %v %x", e.Name(), info.Mode(), info.Size(), info.ModTime(), sha256.Sum256(data)))
	}
	return out
}

// seedCounts fills a store with two engagements (one archived), three of
// their sessions (one done), a self-review and a peer round, and returns
// the counts as the store's own methods see them.
func seedCounts(t *testing.T, s *Store) Counts {
	t.Helper()
	ctx := context.Background()
	var engs []model.Engagement
	for range 2 {
		e, err := s.CreateEngagement(ctx, engagement())
		if err != nil {
			t.Fatal(err)
		}
		engs = append(engs, e)
	}
	if err := s.ArchiveEngagement(ctx, engs[1].ID, true); err != nil {
		t.Fatal(err)
	}
	for i, answers := range [][]string{{"現場で学びたい", "　"}, {"", ""}, {"a", "b"}} {
		sess := model.NewSession(flow(), engs[i%2].ID, model.Ja, clock)
		sess.Steps[0].Answer, sess.Steps[1].Answer = answers[0], answers[1]
		if i == 1 {
			sess.Steps[1].AnswerKind, sess.Steps[1].Choices = model.KindChoice, []string{"family"}
		}
		if i == 2 {
			sess.Status = model.Done
		}
		if _, err := s.StartSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
	}
	review := model.Session{FlowID: model.SelfReviewFlowID, Lang: model.Ja, Status: model.Done, StartedAt: clock, UpdatedAt: clock,
		Steps: []model.Step{{Key: "s:1", Kind: model.StepPrompt, Value: 3}, {Key: "s:2", Kind: model.StepPrompt}}}
	if _, err := s.StartSession(ctx, review); err != nil {
		t.Fatal(err)
	}
	sess, rd := model.NewRound(model.RoundSetup{Format: roundFormat(), Participants: []model.Participant{{Name: "佐藤 一郎"}}}, nil, model.Ja, clock)
	sess.Steps[0].Answer = "越境1か月目"
	if _, _, err := s.StartRound(ctx, sess, rd); err != nil {
		t.Fatal(err)
	}

	// What the program itself reads.
	var want Counts
	all, err := s.Engagements(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		want.Engagements++
		if e.Archived {
			want.Archived++
		}
		sums, err := s.Sessions(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range sums {
			if sum.Status == model.Done {
				want.Done++
			} else {
				want.InProgress++
			}
			full, err := s.Session(ctx, sum.ID)
			if err != nil {
				t.Fatal(err)
			}
			answered, _, _ := full.Counts(model.Ledger{}) // the store counts what the steps hold
			want.Answers += answered
		}
	}
	reviews, rounds := dbtest.Solo(t, s)
	want.SelfReviews, want.Rounds = len(reviews), len(rounds)
	for _, r := range reviews {
		answered, _, _ := r.Counts(model.Ledger{})
		want.Answers += answered
	}
	for _, r := range rounds {
		answered, _, _ := r.Session.Counts(model.Ledger{})
		want.Answers += answered
	}
	return want
}

func TestOpenReadOnlyCountsAndChangesNothing(t *testing.T) {
	s, path := openTemp(t)
	want := seedCounts(t, s)
	if want != (Counts{Engagements: 2, Archived: 1, InProgress: 2, Done: 1, SelfReviews: 1, Rounds: 1, Answers: 6}) {
		t.Fatalf("the seed is not what the test expects: %+v", want)
	}
	s.Close()
	dir := filepath.Dir(path)
	before := snapshot(t, dir)

	ro, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	got, err := ro.Counts(ctx)
	if err != nil || got != want {
		t.Fatalf("counts = %+v %v, want %+v", got, err, want)
	}
	if err := ro.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if v, err := FileSchema(path); err != nil || v != SchemaVersion() {
		t.Fatalf("schema = %d %v", v, err)
	}
	if _, err := ro.CreateEngagement(ctx, engagement()); !errors.Is(err, model.ErrReadOnly) {
		t.Fatalf("a write through a read-only store: %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, dir); !slices.Equal(before, after) {
		t.Fatalf("reading changed the folder:\nbefore %q\nafter  %q", before, after)
	}
}

func TestOpenReadOnlyReadsWhatAnOpenBansouWrote(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	if _, err := s.CreateEngagement(ctx, engagement()); err != nil {
		t.Fatal(err)
	}
	// s stays open: the engagement may be only in the write-ahead log.
	before, _ := os.ReadFile(path)
	ro, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ro.Counts(ctx)
	ro.Close()
	if err != nil || c.Engagements != 1 {
		t.Fatalf("counts = %+v %v", c, err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the database file was changed")
	}
	if _, err := s.CreateEngagement(ctx, engagement()); err != nil {
		t.Fatalf("the open store cannot write after a read: %v", err)
	}
}

func TestOpenReadOnlyRefusesWithoutCreating(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none", "bansou.db")
	if _, err := OpenReadOnly(missing, Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: %v", err)
	}
	if _, err := FileSchema(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("the folder was created")
	}

	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("メモ\n"), 0o600)
	if _, err := OpenReadOnly(text, Options{}); !errors.Is(err, model.ErrNotDatabase) {
		t.Fatalf("text: %v", err)
	}

	s, path := openTemp(t)
	s.db.Exec("PRAGMA user_version = 99")
	s.Close()
	before, _ := os.ReadFile(path)
	if _, err := OpenReadOnly(path, Options{}); !errors.Is(err, model.ErrNewerSchema) {
		t.Fatalf("newer: %v", err)
	}
	if v, err := FileSchema(path); err != nil || v != 99 {
		t.Fatalf("newer schema = %d %v", v, err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the newer database was changed")
	}

	// An older schema is left for Open to bring up to date.
	old := filepath.Join(dir, "old.db")
	db, err := sql.Open("sqlite", old)
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := migrations()
	db.Exec(ms[0].sql)
	db.Exec("PRAGMA user_version = 1")
	db.Close()
	if v, err := FileSchema(old); err != nil || v != 1 {
		t.Fatalf("old schema = %d %v", v, err)
	}
	if _, err := OpenReadOnly(old, Options{}); err == nil {
		t.Fatal("an older database opened read-only")
	}
}

func TestCheckFindsDamage(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	for range 200 {
		if _, err := s.CreateEngagement(ctx, engagement()); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	data, _ := os.ReadFile(path)
	// Scribble over the last pages, where the engagements' rows are; the
	// schema on the first page still reads.
	for i := len(data) - 8192; i < len(data); i++ {
		data[i] = 0xA5
	}
	os.WriteFile(path, data, 0o600)
	ro, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Check(ctx); !errors.Is(err, model.ErrCorrupt) {
		t.Fatalf("check: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(data) {
		t.Fatal("the damaged file was changed")
	}
}
