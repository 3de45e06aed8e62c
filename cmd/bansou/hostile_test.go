package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bansou/internal/fixture"
	"bansou/internal/hostile"
	"bansou/model"
)

// fillDatabase fills the database env points at with a record of every
// kind (fixture.Fill), each text from text.
func fillDatabase(t *testing.T, env map[string]string, text func(fixture.Field) string) fixture.Records {
	t.Helper()
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	s, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
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
// as JSON hold none a terminal acts on. (Exports print text exactly unless
// to a terminal: TestExportsToATerminalAreHarmless runs them in one.)
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

// TestImportKeepsControlSequencesExactly exports records holding control
// sequences in every field as JSON, imports the file into an empty
// database, and reads every text back from it byte for byte.
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
	o := &globalOptions{getenv: func(k string) string { return other[k] }}
	s, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	engs, err := collect(ctx, s, []int64{1})
	if err != nil {
		t.Fatal(err)
	}
	reviews, err := s.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := s.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored := fixture.Strings([]any{engs, reviews, rounds})
	for _, f := range recs.Fields {
		if !stored[hostile.UTF8(f.Name)] {
			t.Errorf("%s did not come back from the import as it was typed", f.Name)
		}
	}
}
