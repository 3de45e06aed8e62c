package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"bansou/model"
)

// Backup writes a consistent copy of the whole database to path, even while
// it is in use. The copy is made in a private folder beside path, given mode
// 0600, and only then linked into place, so nobody else can read it at any
// moment. An existing file is never overwritten.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.who.scoped() {
		return fmt.Errorf("backup: %w", model.ErrNotAllowed) // a copy of everything, everyone's
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; bansou does not overwrite it", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), ".bansou-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "copy.db")
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return classify(s.path, err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	// A hard link puts the finished copy in place without ever
	// overwriting a file; where links are not supported (FAT and exFAT
	// drives, some network shares) the copy is written to a new file.
	err = os.Link(tmp, path)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; bansou does not overwrite it", path)
	}
	if err != nil {
		return copyToNew(tmp, path)
	}
	return nil
}

// copyToNew copies src to a new file at dst, mode 0600; dst must not exist.
// A failed copy leaves nothing behind.
func copyToNew(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; bansou does not overwrite it", dst)
	}
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}
