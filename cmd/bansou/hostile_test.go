package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"bansou/internal/dbtest"
	"bansou/internal/fixture"
	"bansou/internal/hostile"
	"bansou/model"
	"bansou/model/sqlite"
)

// fillDatabase fills the database env points at with a record of every
// kind (fixture.Fill), each text from text.
func fillDatabase(t *testing.T, env map[string]string, text func(fixture.Field) string) fixture.Records {
	t.Helper()
	o, s := openFor(t, env)
	defer s.Close()
	lib, err := o.library()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := fixture.Fill(context.Background(), s, lib, text)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func hostileText(f fixture.Field) string { return hostile.Text(f.Name) }

// openFor opens the database env points at as bansou would, with the
// options it reads there, for a test to fill or read (the caller closes it).
func openFor(t *testing.T, env map[string]string) (*globalOptions, *sqlite.Store) {
	t.Helper()
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	s, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
	return o, s
}

// envStore opens the database env points at, closed when the test ends.
func envStore(t *testing.T, env map[string]string) model.Store {
	t.Helper()
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	s, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// everyExport is every export of the records fixture.Fill made: each
// Markdown document, CSV and JSON, the agreement, the self-reviews, the
// rounds and the list of engagements.
func everyExport(recs fixture.Records) [][]string {
	id := func(s model.Session) string { return strconv.FormatInt(s.ID, 10) }
	return [][]string{
		{"export", "--all"},
		{"export", "--all", "--format", "csv"},
		{"export", "--all", "--format", "json"},
		{"export", "--engagement", "1", "--include-private"},
		{"export", "--engagement", "1", "--format", "csv", "--include-private"},
		{"export", "--engagement", "1", "--audience", "learner"},
		{"export", "--engagement", "1", "--audience", "host", "--include-private"},
		{"export", "--engagement", "1", "--agreement"},
		{"export", "--self-review", "latest", "--include-private"},
		{"export", "--self-review", id(recs.Reviews[0])},
		{"export", "--round", "latest", "--include-private"},
		{"export", "--round", id(recs.Rounds[0])},
		{"export", "--list"},
	}
}

// checkShown fails the test where out holds anything a terminal acts on,
// or shows none of the records (as stand-ins or JSON escapes).
func checkShown(t *testing.T, where, out string) {
	t.Helper()
	hostile.Check(t, where, out)
	if !strings.ContainsAny(out, hostile.StandIns) && !strings.Contains(out, `\u001b`) {
		t.Errorf("%s shows none of the records:\n%s", where, out)
	}
}

// hostileContent copies the built-in content to a new folder and puts
// control sequences in the purpose flow's titles (YAML escapes: \e is ESC).
func hostileContent(t *testing.T, env map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if code, _, stderr := runCLI(t, env, "content", "copy", dir); code != 0 {
		t.Fatal(stderr)
	}
	file := filepath.Join(dir, "flows", "purpose.yaml")
	data := mustRead(t, file)
	data = strings.Replace(data, "  ja: 目的抽出\n  en: Purpose extraction",
		`  ja: "目的\e]52;c;QkFOU09V\a抽出\e[2J\u009b2J\x7f"`+"\n"+`  en: "Purpose\e]8;;https://example.invalid/\e\\link\e]8;;\e\\"`, 1)
	if err := os.WriteFile(file, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCommandsPrintUserTextSafely runs every command that prints what
// companions type, with control sequences in all of it and in a content
// folder: what it prints for reading (search, rounds, skills --history,
// doctor, content list, messages naming a file, errors) and what it prints
// as JSON hold none a terminal acts on. (TestEveryExportIsSafeInAFile runs
// the exports to a pipe and a file, TestExportsToATerminalAreHarmless in a
// terminal.)
func TestCommandsPrintUserTextSafely(t *testing.T) {
	env := isolated(t)
	fillDatabase(t, env, hostileText)
	content := hostileContent(t, env)
	evil := filepath.Join(t.TempDir(), hostile.Text("file"))
	if err := os.MkdirAll(filepath.Dir(evil), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(evil+".txt", []byte("ただのメモ"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		args  []string
		shows bool // the output shows some of the text typed (as stand-ins)
	}{
		{"search", []string{"search", "評価"}, true},
		{"search as JSON", []string{"search", "評価", "--format", "json"}, true},
		{"rounds", []string{"rounds"}, true},
		{"rounds as JSON", []string{"rounds", "--format", "json"}, true},
		{"self-review history", []string{"skills", "--history"}, false},
		{"JSON export of everything", []string{"export", "--all", "--format", "json"}, true},
		{"doctor", []string{"doctor"}, false},
		{"doctor as JSON", []string{"doctor", "--format", "json"}, false},
		{"content list", []string{"--content", content, "content", "list"}, true},
		{"content list as JSON", []string{"--content", content, "content", "list", "--format", "json"}, true},
		{"skills from a content folder", []string{"--content", content, "skills"}, false},
		{"import of a missing file", []string{"import", evil}, true},
		{"export to a new file", []string{"export", "--engagement", "1", "-o", evil + ".md"}, true},
		{"backup to a new file", []string{"backup", evil + ".db"}, true},
		{"import of that backup", []string{"import", evil + ".db"}, true},
		{"an unknown self-review", []string{"export", "--self-review", hostile.Text("id")}, false},
		{"content check of a missing folder", []string{"content", "check", evil}, true},
		{"a database that cannot be opened", []string{"--db", evil + ".txt", "rounds"}, true},
		{"an unknown command", []string{hostile.Text("command")}, false},
	} {
		_, out, stderr := runCLI(t, env, c.args...)
		hostile.Check(t, c.name+" (stdout)", out)
		hostile.Check(t, c.name+" (stderr)", stderr)
		if c.shows && !strings.ContainsAny(out+stderr, hostile.StandIns) && !strings.Contains(out, `\u001b`) {
			t.Errorf("%s shows none of the text:\n%s%s", c.name, out, stderr)
		}
	}
}

// TestEveryExportIsSafeInAFile writes every export, in every format, of
// records holding control sequences and bidi controls in every field (and
// a content folder holding them too) to a pipe and to a file: whatever the
// destination, no raw ESC, BEL or other C0 control but newline and tab, no
// DEL, C1 control or bidi control is written, and the text is there as
// visible stand-ins (or as JSON escapes). The database keeps the text as
// typed.
func TestEveryExportIsSafeInAFile(t *testing.T) {
	env := isolated(t)
	recs := fillDatabase(t, env, hostileText)
	content := hostileContent(t, env)
	dir := t.TempDir()
	exports := everyExport(recs)
	for _, args := range exports[:len(exports)-1] { // the documents again, with the content folder
		if !slices.Contains(args, "json") {
			exports = append(exports, append([]string{"--content", content}, args...))
		}
	}
	for i, args := range exports {
		where := strings.Join(args, " ")
		code, out, stderr := runCLI(t, env, args...)
		if code != 0 {
			t.Fatalf("%s: %d %s", where, code, stderr)
		}
		outputs := map[string]string{"to a pipe": out}
		if !slices.Contains(args, "--list") {
			file := filepath.Join(dir, strconv.Itoa(i))
			if code, _, stderr := runCLI(t, env, append(args, "-o", file)...); code != 0 {
				t.Fatalf("%s -o: %d %s", where, code, stderr)
			}
			outputs["to a file"] = mustRead(t, file)
		}
		for to, text := range outputs {
			checkShown(t, where+" "+to, text)
		}
	}
	// What was written out changed; what is stored did not.
	e, err := envStore(t, env).Engagement(context.Background(), recs.Engagement.ID)
	if err != nil || e.Learner.Name != hostile.Text("learner") && e.Learner.Name != strings.ToValidUTF8(hostile.Text("learner"), "\uFFFD") {
		t.Errorf("the learner's name is stored as %q (%v)", e.Learner.Name, err)
	}
}

// TestImportKeepsControlSequencesExactly exports records holding control
// sequences and bidi controls in every field as JSON, imports the file into
// an empty database, and reads every text back from it byte for byte (but
// for the line breaks in names and titles, which become spaces).
func TestImportKeepsControlSequencesExactly(t *testing.T) {
	env := isolated(t)
	recs := fillDatabase(t, env, func(f fixture.Field) string { return hostile.UTF8(f.Name) })
	file := filepath.Join(t.TempDir(), "export.json")
	if code, _, stderr := runCLI(t, env, "export", "--all", "--format", "json", "-o", file); code != 0 {
		t.Fatal(stderr)
	}
	other := isolated(t)
	if code, out, stderr := runCLI(t, other, "import", file); code != 0 || !strings.Contains(out, "新しいエンゲージメント 1 件") {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	s := envStore(t, other)
	ctx := context.Background()
	engs, err := collect(ctx, s, []int64{1})
	if err != nil {
		t.Fatal(err)
	}
	reviews, rounds := dbtest.Solo(t, s)
	stored := fixture.Strings([]any{engs, reviews, rounds})
	for _, f := range recs.Fields {
		want := hostile.UTF8(f.Name)
		if f.SingleLine {
			want = model.SingleLine(want) // a name or a title is one line: its carriage return became a space
		}
		if !stored[want] {
			t.Errorf("%s did not come back from the import as it was typed", f.Name)
		}
	}
}
