package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bansou/model"
)

// TestOpenExistingCreatesNothing: a database that must be there is refused
// when it is not, in a folder that exists and in one that does not, and
// neither the file, its -wal or -shm, nor the folder is made.
func TestOpenExistingCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "bansuo.db"), filepath.Join(dir, "ない", "bansou.db")} {
		s, err := OpenExisting(path, Options{})
		if !errors.Is(err, model.ErrMissing) || !errors.Is(err, fs.ErrNotExist) {
			if s != nil {
				s.Close()
			}
			t.Fatalf("%s: %v", path, err)
		}
		for _, name := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
			if _, err := os.Lstat(name); err == nil {
				t.Errorf("%s was created", name)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ない")); err == nil {
		t.Error("the folder was created")
	}
	// A database that is there opens as with Open.
	s, path := openTemp(t)
	if _, err := s.CreateEngagement(context.Background(), engagement()); err != nil {
		t.Fatal(err)
	}
	again, err := OpenExisting(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if list, err := again.Engagements(context.Background(), false); err != nil || len(list) != 1 {
		t.Fatalf("engagements: %v %v", list, err)
	}
}

// openedSession opens a database with an engagement and a session whose
// first answer is saved.
func openedSession(t *testing.T, first string) (*Store, string, model.Session) {
	t.Helper()
	s, path := openTemp(t)
	ctx := context.Background()
	sess := openSession(t, s)
	sess, _ = model.Apply(sess, model.SetAnswer{Text: first}, clock)
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{sess.CurrentKey}, false)); err != nil {
		t.Fatal(err)
	}
	return s, path, sess
}

// TestSavingAfterTheFileWasReplaced: a sync tool renames another copy of
// the database over its path while a store has it open. Every write then
// fails with model.ErrReplaced instead of going on into the file that no
// longer has a name: the answer typed since, a new engagement, opening a
// session. The file now at the path keeps what it came with.
func TestSavingAfterTheFileWasReplaced(t *testing.T) {
	ctx := context.Background()
	first := "越境先で新しい事業を立ち上げたい。"
	s, path, sess := openedSession(t, first)

	// The copy a sync tool brings back: an older state of the database.
	copyPath := filepath.Join(t.TempDir(), "synced.db")
	if err := s.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(copyPath, path); err != nil {
		t.Fatal(err)
	}

	more := first + "現場で一から経験したい。"
	sess, _ = model.Apply(sess, model.SetAnswer{Text: more}, clock.Add(time.Minute))
	err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{sess.CurrentKey}, false))
	if !errors.Is(err, model.ErrReplaced) {
		t.Fatalf("save after the file was replaced: %v", err)
	}
	if words, ok := model.DescribeStoreError(model.Ja, err); !ok || words == "" {
		t.Fatalf("no words for %v", err)
	}
	if _, err := s.CreateEngagement(ctx, engagement()); !errors.Is(err, model.ErrReplaced) {
		t.Fatalf("a new engagement after the file was replaced: %v", err)
	}
	if err := s.SetSessionOpen(ctx, sess.ID, false); !errors.Is(err, model.ErrReplaced) {
		t.Fatalf("closing the session after the file was replaced: %v", err)
	}

	// The file now at the path holds what the copy held, nothing more.
	now, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := now.Session(ctx, sess.ID)
	now.Close()
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := got.Step(sess.CurrentKey); st.Answer != first {
		t.Fatalf("the file at the path holds %q", st.Answer)
	}
}

// TestSavingAfterTheFileWasRemoved: the database file is deleted under a
// running store; the next save fails with model.ErrReplaced rather than
// writing into a file that is gone, and nothing is created at the path.
func TestSavingAfterTheFileWasRemoved(t *testing.T) {
	ctx := context.Background()
	s, path, sess := openedSession(t, "消される前の答え")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	sess, _ = model.Apply(sess, model.SetAnswer{Text: "消された後に打った答え"}, clock.Add(time.Minute))
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{sess.CurrentKey}, false)); !errors.Is(err, model.ErrReplaced) {
		t.Fatalf("save after the file was removed: %v", err)
	}
	if _, err := os.Lstat(path); err == nil {
		t.Error("a file was created at the path")
	}
}
