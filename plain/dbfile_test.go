package plain

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/model"
	"bansou/model/sqlite"
)

// replacingStore replaces (or removes) the database file just before the
// first save that carries text marked by trigger, as a sync tool would.
type replacingStore struct {
	*sqlite.Store
	t       *testing.T
	trigger string
	remove  bool
	done    bool
}

func (s *replacingStore) SaveProgress(ctx context.Context, p model.Progress) error {
	for _, st := range p.Steps {
		if !s.done && strings.Contains(st.Answer, s.trigger) {
			s.done = true
			if s.remove {
				if err := os.Remove(s.Path()); err != nil {
					s.t.Fatal(err)
				}
				break
			}
			copyPath := filepath.Join(s.t.TempDir(), "synced.db")
			if err := s.Backup(ctx, copyPath); err != nil {
				s.t.Fatal(err)
			}
			if err := os.Rename(copyPath, s.Path()); err != nil {
				s.t.Fatal(err)
			}
		}
	}
	return s.Store.SaveProgress(ctx, p)
}

// TestAccessibleDatabaseReplacedOrRemoved: the database file is replaced
// by another copy, or removed, between two lines of an answer. The mode
// says once that the file was replaced or removed and what to do, does not
// try again, prints what it could not save, and ends with an error; the
// file at the path keeps what was saved before.
func TestAccessibleDatabaseReplacedOrRemoved(t *testing.T) {
	for _, remove := range []bool{false, true} {
		f := newFixture(t)
		e := f.engagement("山田 花子")
		rs := &replacingStore{Store: f.store, t: t, trigger: "二行目", remove: remove}
		out, err := f.runWith(rs, model.Ja, "1\n1\n1\n一行目\n二行目\n三行目\n.\n/later\nq\n")
		if err == nil {
			t.Fatalf("remove=%v: the run ended without an error:\n%s", remove, out)
		}
		words := "データベースのファイルが別のファイルに置き換えられたか、削除されました。"
		if n := strings.Count(out, words); n != 1 {
			t.Errorf("remove=%v: said %d times, want once:\n%s", remove, n, out)
		}
		if strings.Contains(out, "もう一度試みます") {
			t.Errorf("remove=%v: tried again:\n%s", remove, out)
		}
		if !strings.Contains(out, text(model.Ja, "plain.unsavedBelow")) || !strings.Contains(out, "  一行目\n  二行目\n  三行目") {
			t.Errorf("remove=%v: the unsaved text was not printed:\n%s", remove, out)
		}
		if remove {
			if _, err := os.Lstat(f.path); err == nil {
				t.Error("a file was created at the path")
			}
			continue
		}
		now, err := sqlite.Open(f.path, sqlite.Options{Now: func() time.Time { return f.now }})
		if err != nil {
			t.Fatal(err)
		}
		list, _ := now.Sessions(context.Background(), e.ID)
		s, err := now.Session(context.Background(), list[0].ID)
		now.Close()
		if err != nil || s.Steps[0].Answer != "一行目" {
			t.Errorf("the file now at the path: %v %q", err, s.Steps[0].Answer)
		}
	}
}
