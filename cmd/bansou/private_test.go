package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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

// secret is the text of a field in the privacy tests: a distinct marker in
// every private field, plain Japanese in the others.
func secret(f fixture.Field) string {
	if f.Private {
		return "秘密メモ-" + f.Name + "-Q7"
	}
	return "共有-" + f.Name
}

// exportRun is one way of exporting, and which records it writes.
type exportRun struct {
	args    []string
	part    string // fixture.Part… the document holds, "" for every part
	private bool   // --include-private
}

// exportMatrix lists every export: each format and document, for each
// audience, with and without --include-private, to stdout and to a file.
func exportMatrix(recs fixture.Records) []exportRun {
	var runs []exportRun
	add := func(part string, args ...string) {
		runs = append(runs, exportRun{args: args, part: part},
			exportRun{args: append(slices.Clone(args), "--include-private"), part: part, private: true})
	}
	for _, scope := range [][]string{{"--engagement", "1"}, {"--all"}} {
		for _, audience := range []string{"", "learner", "sending", "host"} {
			args := append([]string{"export"}, scope...)
			if audience != "" {
				args = append(args, "--audience", audience)
			}
			add(fixture.PartEngagement, args...)
		}
		add(fixture.PartEngagement, append(append([]string{"export"}, scope...), "--format", "md")...)
		add(fixture.PartEngagement, append(append([]string{"export"}, scope...), "--format", "csv")...)
	}
	add(fixture.PartEngagement, "export", "--engagement", "1", "--agreement")
	add(fixture.PartSelfReview, "export", "--self-review", "latest")
	for _, r := range recs.Reviews {
		add(fixture.PartSelfReview, "export", "--self-review", strconv.FormatInt(r.ID, 10))
	}
	add(fixture.PartRound, "export", "--round", "latest")
	for _, r := range recs.Rounds {
		add(fixture.PartRound, "export", "--round", strconv.FormatInt(r.ID, 10))
	}
	return runs
}

// TestPrivateRecordsStayOutOfEveryExport puts a distinct marker in every
// private field (private notes and answers, private follow-ups and own
// questions, the learner's feedback, private worries and their plans,
// notes on a worry's status or an action's outcome, private self-review
// evidence, notes and practice, private round notes, next actions and the
// facilitator's notes) and runs every export: no document holds a marker
// unless --include-private asked for it, and with it each marker of the
// records the document covers is there. Listings show none; the JSON
// export, the full copy for backup and import, holds them all.
func TestPrivateRecordsStayOutOfEveryExport(t *testing.T) {
	env := isolated(t)
	recs := fillDatabase(t, env, secret)
	dir := t.TempDir()
	asked := map[string]string{} // part → everything exported with --include-private
	for i, run := range exportMatrix(recs) {
		where := strings.Join(run.args, " ")
		code, out, stderr := runCLI(t, env, run.args...)
		if code != 0 {
			t.Fatalf("%s: %d %s", where, code, stderr)
		}
		// The same to a file.
		file := filepath.Join(dir, strconv.Itoa(i))
		if code, _, stderr := runCLI(t, env, append(slices.Clone(run.args), "-o", file)...); code != 0 || mustRead(t, file) != out {
			t.Errorf("%s -o: %d %s, or not the same as to stdout", where, code, stderr)
		}
		if !strings.Contains(out, "共有-") {
			t.Errorf("%s holds none of the shared records:\n%s", where, out)
		}
		for _, f := range recs.Fields {
			if !f.Private || !strings.Contains(out, secret(f)) {
				continue
			}
			if !run.private {
				t.Errorf("%s leaks %s", where, f.Name)
			}
		}
		if run.private {
			asked[run.part] += out
		}
	}
	for _, f := range recs.Fields {
		if f.Private && !strings.Contains(asked[f.Part], secret(f)) {
			t.Errorf("--include-private leaves out %s (%s)", f.Name, f.Part)
		}
	}

	// Listings name rounds and reviews without what was said in them.
	for _, args := range [][]string{{"rounds"}, {"rounds", "--format", "json"}, {"skills", "--history"}, {"export", "--list"}} {
		_, out, _ := runCLI(t, env, args...)
		for _, f := range recs.Fields {
			if f.Private && strings.Contains(out, secret(f)) {
				t.Errorf("%v shows %s", args, f.Name)
			}
		}
	}
	// The JSON export is the full copy, for a backup and for import: it
	// holds every private record, as documented (bansou export --help).
	_, out, _ := runCLI(t, env, "export", "--all", "--format", "json")
	for _, f := range recs.Fields {
		if !strings.Contains(out, secret(f)) {
			t.Errorf("the JSON export lacks %s", f.Name)
		}
	}
}
