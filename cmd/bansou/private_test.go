package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bansou/internal/fixture"
)

// checkMode fails the test unless path has mode perm.
func checkMode(t *testing.T, path string, perm fs.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Error(err)
		return
	}
	if got := info.Mode().Perm(); got != perm {
		t.Errorf("%s has mode %o, want %o", path, got, perm)
	}
}

// TestEverythingBansouCreatesIsPrivate runs every command that creates a
// file or a folder under a umask that lets anyone read what is created
// (umask 0): the data folder, the database and its -wal and -shm files,
// exports to a file or redirected by the shell, documents, the accessible
// mode's transcript, backups and a copy of the content are all 0600 (files)
// and 0700 (folders).
func TestEverythingBansouCreatesIsPrivate(t *testing.T) {
	fixture.PermissiveUmask(t)
	env := isolated(t)
	recs := fillDatabase(t, env, func(f fixture.Field) string { return "記録 " + f.Name })
	data := env["XDG_DATA_HOME"]
	db := filepath.Join(data, "bansou", "bansou.db")
	checkMode(t, data, 0o700)
	checkMode(t, filepath.Dir(db), 0o700)
	checkMode(t, db, 0o600)

	// While the database is open, SQLite's own files.
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	s, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Engagements(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	checkMode(t, db+"-wal", 0o600)
	checkMode(t, db+"-shm", 0o600)
	s.Close()

	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		if code, _, stderr := runCLI(t, env, args...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, stderr)
		}
	}
	files := map[string][]string{
		"all.json":     {"export", "--all", "--format", "json"},
		"all.csv":      {"export", "--all", "--format", "csv"},
		"one.md":       {"export", "--engagement", "1", "--include-private"},
		"learner.md":   {"export", "--engagement", "1", "--audience", "learner"},
		"agreement.md": {"export", "--engagement", "1", "--agreement"},
		"review.md":    {"export", "--self-review", "latest"},
		"round.md":     {"export", "--round", "latest"},
	}
	for name, args := range files {
		run(append(args, "-o", filepath.Join(dir, name))...)
		checkMode(t, filepath.Join(dir, name), 0o600)
	}
	run("backup", filepath.Join(dir, "backup.db"))
	checkMode(t, filepath.Join(dir, "backup.db"), 0o600)
	copied := filepath.Join(dir, "content")
	run("content", "copy", copied)
	filepath.WalkDir(copied, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			checkMode(t, p, 0o700)
		} else {
			checkMode(t, p, 0o600)
		}
		return nil
	})

	// Output the shell redirected to a file anyone could read: an export
	// and the accessible mode's transcript.
	for name, c := range map[string]struct {
		args  []string
		input string
	}{
		"redirected.md":  {[]string{"export", "--engagement", "1"}, ""},
		"transcript.txt": {[]string{"--accessible"}, "2\n1\n/later\nq\n"},
	} {
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		code := runEnv(c.args, strings.NewReader(c.input), f, &errb, func(k string) string { return env[k] })
		f.Close()
		if code != 0 {
			t.Fatalf("%s: %d %s", name, code, errb.String())
		}
		checkMode(t, path, 0o600)
	}
	if got := mustRead(t, filepath.Join(dir, "transcript.txt")); !strings.Contains(got, recs.Rounds[1].FlowTitle) {
		t.Errorf("the transcript does not hold the session continued:\n%s", got)
	}
}
