package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/model"
	"bansou/model/sqlite"
)

// runCLI runs bansou in-process with an isolated environment.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runEnv(args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func sqlOpen(path string) (*sql.DB, error) { return sql.Open("sqlite", path) }

func isolated(t *testing.T) map[string]string {
	dir := t.TempDir()
	return map[string]string{"HOME": dir, "XDG_DATA_HOME": filepath.Join(dir, "data"), "LANG": "ja_JP.UTF-8"}
}

func TestNoTerminalExitsWithStatus2(t *testing.T) {
	code, _, stderr := runCLI(t, isolated(t))
	if code != 2 || !strings.Contains(stderr, "needs a terminal") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestHelpDocumentsCommandsAndFlags(t *testing.T) {
	code, out, _ := runCLI(t, isolated(t), "--help")
	for _, want := range []string{"export", "content", "version", "--db", "--lang", "--content", "BANSOU_DB"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	if code != 0 {
		t.Fatalf("code %d", code)
	}
}

func TestBadFlagsAreUsageErrors(t *testing.T) {
	if code, _, stderr := runCLI(t, isolated(t), "--lang", "fr", "content", "list"); code != 2 || !strings.Contains(stderr, `unknown language "fr"`) {
		t.Fatalf("code %d stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, isolated(t), "--nope"); code != 2 || !strings.Contains(stderr, "unknown flag") {
		t.Fatalf("code %d stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, isolated(t), "export", "--engagement", "1", "--format", "pdf"); code != 2 || !strings.Contains(stderr, `unknown --format "pdf"`) {
		t.Fatalf("code %d stderr %q", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, isolated(t), "version")
	if code != 0 || !strings.HasPrefix(out, "bansou ") || !strings.Contains(out, fmt.Sprintf("schema %d", sqlite.SchemaVersion())) {
		t.Fatalf("code %d out %q", code, out)
	}
}

func TestContentListJSON(t *testing.T) {
	code, out, stderr := runCLI(t, isolated(t), "content", "list", "--format", "json")
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	var list []struct {
		ID      string            `json:"id"`
		Phase   string            `json:"phase"`
		Title   map[string]string `json:"title"`
		Prompts int               `json:"prompts"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 || list[0].ID != "purpose" || list[0].Phase != "before" || list[0].Title["ja"] != "目的抽出" ||
		list[0].Title["en"] != "Purpose extraction" || list[0].Prompts < 10 {
		t.Fatalf("list = %+v", list)
	}
}

func TestContentCopyThenCheckThenBreak(t *testing.T) {
	env := isolated(t)
	dir := filepath.Join(t.TempDir(), "mine")
	if code, _, stderr := runCLI(t, env, "content", "copy", dir); code != 0 {
		t.Fatalf("copy: %s", stderr)
	}
	code, out, _ := runCLI(t, env, "content", "check", dir)
	if code != 0 || !strings.HasPrefix(out, "ok: ") || !strings.Contains(out, " flow(s), ") {
		t.Fatalf("check: %d %q", code, out)
	}
	// Copying again never overwrites.
	if code, _, stderr := runCLI(t, env, "content", "copy", dir); code == 0 || !strings.Contains(stderr, "already exists") {
		t.Fatalf("second copy: %d %q", code, stderr)
	}
	// Break the copy in two places: both are reported with file and line.
	file := filepath.Join(dir, "flows", "purpose.yaml")
	data, _ := os.ReadFile(file)
	broken := strings.Replace(string(data), "  - id: why-now", "  - id: achieve", 1)
	broken = strings.Replace(broken, "phase: before", "phase: soon", 1)
	os.WriteFile(file, []byte(broken), 0o644)
	code, _, stderr := runCLI(t, env, "content", "check", dir)
	if code != 1 {
		t.Fatalf("code %d", code)
	}
	for _, want := range []string{
		file + `:15: unknown phase "soon"`,
		`duplicate prompt id "achieve" (first defined at line`,
		"the content has 2 problem(s)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// The same errors stop the interface and the listing when used with --content.
	if code, _, stderr := runCLI(t, env, "--content", dir, "content", "list"); code != 1 || !strings.Contains(stderr, "unknown phase") {
		t.Fatalf("--content with broken files: %d %q", code, stderr)
	}
}

func seedDatabase(t *testing.T, env map[string]string) {
	t.Helper()
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	s, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "みらい",
		HostOrg: "つなぐ", Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31)})
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := o.library()
	flow, _ := lib.Flow("purpose")
	sess := model.NewSession(flow, e.ID, model.Ja, time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC))
	sess, _ = model.Apply(sess, model.SetAnswer{Text: "現場で学びたい\x1b]52;c;ZXZpbA==\x07"}, time.Now())
	sess, _ = model.Apply(sess, model.SetNote{Text: "PRIVATE-8842 家族の事情"}, time.Now())
	started, err := s.StartSession(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	p := model.ProgressOf(started, nil, false)
	p.Anxieties = []model.Anxiety{{ID: "anx-1", EngagementID: e.ID, SessionID: started.ID, Text: "評価が下がらないか",
		Intensity: 3, CreatedAt: time.Now(), UpdatedAt: time.Now()}}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
}

func TestExportMarkdownLeavesPrivateNotesOut(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	code, out, stderr := runCLI(t, env, "export", "--engagement", "1", "--format", "md")
	if code != 0 {
		t.Fatalf("code %d %s", code, stderr)
	}
	if !strings.Contains(out, "# 山田 花子") || !strings.Contains(out, "現場で学びたい") || !strings.Contains(out, "## 不安の台帳") {
		t.Fatalf("markdown lacks content:\n%s", out)
	}
	if strings.Contains(out, "PRIVATE-8842") {
		t.Fatal("private note in the default Markdown export")
	}
	_, out, _ = runCLI(t, env, "export", "--engagement", "1", "--format", "md", "--include-private")
	if !strings.Contains(out, "PRIVATE-8842") {
		t.Fatal("--include-private did not include the note")
	}
	_, out, _ = runCLI(t, env, "export", "--engagement", "1", "--format", "json")
	var doc model.Export
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if l := doc.Engagements[0].Ledger; len(l.Anxieties) != 1 || l.Anxieties[0].Text != "評価が下がらないか" {
		t.Fatalf("ledger in JSON = %+v", l)
	}
	st := doc.Engagements[0].Sessions[0].Steps[0]
	if st.Answer != "現場で学びたい\x1b]52;c;ZXZpbA==\x07" || st.Note != "PRIVATE-8842 家族の事情" {
		t.Fatalf("JSON must keep everything exactly: %+v", st)
	}
	if code, _, stderr := runCLI(t, env, "export", "--engagement", "99"); code != 1 || !strings.Contains(stderr, "no engagement with id 99") {
		t.Fatalf("missing engagement: %d %q", code, stderr)
	}
	if code, out, _ := runCLI(t, env, "export", "--list"); code != 0 || !strings.HasPrefix(out, "1\t山田 花子") {
		t.Fatalf("list: %q", out)
	}
}

func TestDatabasePathPrecedence(t *testing.T) {
	env := map[string]string{"HOME": "/home/k", "XDG_DATA_HOME": "/xdg"}
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	if p, _ := o.dbPath(); p != "/xdg/bansou/bansou.db" {
		t.Fatalf("xdg: %s", p)
	}
	env["XDG_DATA_HOME"] = ""
	if p, _ := o.dbPath(); p != "/home/k/.local/share/bansou/bansou.db" {
		t.Fatalf("home: %s", p)
	}
	env["BANSOU_DB"] = "/tmp/x.db"
	if p, _ := o.dbPath(); p != "/tmp/x.db" {
		t.Fatalf("env: %s", p)
	}
	o.db = "/tmp/flag.db"
	if p, _ := o.dbPath(); p != "/tmp/flag.db" {
		t.Fatalf("flag: %s", p)
	}
}

func TestNewerDatabaseIsRefusedClearly(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	path, _ := o.dbPath()
	s, _ := sqlite.Open(path, sqlite.Options{})
	s.Close()
	// Bump the schema as a future version would.
	db, err := sqlOpen(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Exec("PRAGMA user_version = 42")
	db.Close()
	code, _, stderr := runCLI(t, env, "export", "--engagement", "1")
	if code != 1 || !strings.Contains(stderr, "newer bansou") || !strings.Contains(stderr, "schema 42") {
		t.Fatalf("code %d stderr %q", code, stderr)
	}
}
