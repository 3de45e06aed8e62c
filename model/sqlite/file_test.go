package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

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
