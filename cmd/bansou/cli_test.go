package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bansou/model"
	"bansou/model/report"
	"bansou/model/sqlite"
	"bansou/tui"
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
	env := map[string]string{"HOME": dir, "XDG_DATA_HOME": filepath.Join(dir, "data"), "LANG": "ja_JP.UTF-8"}
	for _, kv := range clockEnv() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	return env
}

func TestNoTerminalExitsWithStatus2(t *testing.T) {
	code, _, stderr := runCLI(t, isolated(t))
	if code != 2 || !strings.Contains(stderr, "needs a terminal") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestHelpDocumentsCommandsAndFlags(t *testing.T) {
	code, out, _ := runCLI(t, isolated(t), "--help")
	for _, want := range []string{"export", "content", "version", "--db", "--lang", "--content", "--theme", "BANSOU_DB", "BANSOU_THEME"} {
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

func TestThemeFlagAndEnvironment(t *testing.T) {
	const allowed = "use light, dark or auto"
	for _, c := range []struct {
		env  map[string]string
		args []string
	}{
		{nil, []string{"--theme", "blue", "version"}},
		{map[string]string{"BANSOU_THEME": "青"}, []string{"version"}},
		{map[string]string{"BANSOU_THEME": "light"}, []string{"--theme", "sepia", "content", "list"}},
	} {
		env := isolated(t)
		for k, v := range c.env {
			env[k] = v
		}
		code, out, stderr := runCLI(t, env, c.args...)
		if code != 2 || out != "" || !strings.Contains(stderr, allowed) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v %v: code %d, stdout %q, stderr %q", c.env, c.args, code, out, stderr)
		}
	}
	if _, _, stderr := runCLI(t, isolated(t), "--theme", "blue", "version"); !strings.Contains(stderr, `unknown --theme "blue"`) {
		t.Errorf("the message does not name the flag and its value: %q", stderr)
	}
	env := isolated(t)
	env["BANSOU_THEME"] = "青"
	if _, _, stderr := runCLI(t, env, "version"); !strings.Contains(stderr, `unknown BANSOU_THEME "青"`) {
		t.Errorf("the message does not name the variable and its value: %q", stderr)
	}

	for _, args := range [][]string{{"--theme", "light", "version"}, {"version", "--theme", "DARK"}, {"--theme", "auto", "version"}} {
		if code, out, stderr := runCLI(t, isolated(t), args...); code != 0 || !strings.HasPrefix(out, "bansou ") {
			t.Errorf("%v: code %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
	env = isolated(t)
	env["BANSOU_THEME"] = "nonsense"
	if code, _, stderr := runCLI(t, env, "--theme", "light", "version"); code != 0 {
		t.Errorf("--theme does not take precedence over BANSOU_THEME: code %d, %q", code, stderr)
	}
}

// TestThemeChoosesFixedOrFollowing: what the flag, the variable and
// NO_COLOR give the interface.
func TestThemeChoosesFixedOrFollowing(t *testing.T) {
	for _, c := range []struct {
		flag string
		env  map[string]string
		want tui.Theme
	}{
		{"", nil, tui.Theme{Dark: true}},
		{"auto", map[string]string{"BANSOU_THEME": "light"}, tui.Theme{Dark: true}},
		{"light", nil, tui.Theme{Dark: false, Fixed: true}},
		{" Dark ", nil, tui.Theme{Dark: true, Fixed: true}},
		{"", map[string]string{"BANSOU_THEME": "light"}, tui.Theme{Dark: false, Fixed: true}},
		{"dark", map[string]string{"BANSOU_THEME": "light"}, tui.Theme{Dark: true, Fixed: true}},
		{"", map[string]string{"NO_COLOR": "1"}, tui.Theme{Dark: true, NoColor: true}},
		{"light", map[string]string{"NO_COLOR": "yes"}, tui.Theme{Dark: false, Fixed: true, NoColor: true}},
		{"", map[string]string{"NO_COLOR": ""}, tui.Theme{Dark: true}},
	} {
		o := &globalOptions{theme: c.flag, getenv: func(k string) string { return c.env[k] }}
		got, err := o.uiTheme()
		if err != nil || got != c.want {
			t.Errorf("--theme %q %v: %+v %v, want %+v", c.flag, c.env, got, err, c.want)
		}
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
	// A title holding control sequences is listed with visible stand-ins.
	file := filepath.Join(dir, "flows", "purpose.yaml")
	data, _ := os.ReadFile(file)
	hostile := strings.Replace(string(data), "  ja: 目的抽出\n", "  ja: \"目的\\e]52;c;ZXZpbA==\\a抽出\\e[2J\"\n", 1)
	os.WriteFile(file, []byte(hostile), 0o644)
	code, out, stderr := runCLI(t, env, "--content", dir, "content", "list")
	if code != 0 || strings.ContainsAny(out, "\x1b\a") || !strings.Contains(out, "目的␛]52;c;ZXZpbA==␇抽出␛[2J / Purpose extraction") {
		t.Fatalf("list with a hostile title: %d %q %q", code, out, stderr)
	}
	// Break the copy in two places: both are reported with file and line.
	broken := strings.Replace(string(data), "  - id: why-now", "  - id: achieve", 1)
	broken = strings.Replace(broken, "phase: before", "phase: soon", 1)
	os.WriteFile(file, []byte(broken), 0o644)
	code, _, stderr = runCLI(t, env, "content", "check", dir)
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
	o, s := openFor(t, env)
	defer s.Close()
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "みらい",
		HostOrg: "つなぐ", Start: today().AddDays(10), End: today().AddDays(191)})
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := o.library()
	flow, _ := lib.Flow("purpose")
	now := testNow
	sess := model.NewSession(flow, e.ID, model.Ja, now)
	for _, ev := range []model.Event{
		model.SetAnswer{Text: "現場で学びたい\x1b]52;c;ZXZpbA==\x07"},
		model.SetNote{Text: "PRIVATE-8842 家族の事情"},
		model.Next{},
		model.SetAnswer{Text: "通院のため週1日は休みたい PRIVATE-ANSWER-3317"},
		model.SetAnswerPrivate{Private: true},
		model.Next{},
		model.SetAnswer{Text: "スキルを試したい"},
		model.SetNote{Text: "SHARED-NOTE-6650 本人と共有済み"},
		model.SetNoteShared{Shared: true},
	} {
		sess, _ = model.Apply(sess, ev, now)
	}
	started, err := s.StartSession(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	p := model.ProgressOf(started, nil, false)
	p.Anxieties = []model.Anxiety{
		{ID: "anx-1", EngagementID: e.ID, SessionID: started.ID, Text: "評価が下がらないか", Intensity: 3, CreatedAt: now, UpdatedAt: now,
			History: []model.AnxietyUpdate{{ID: "u-1", AnxietyID: "anx-1", SessionID: started.ID, Status: model.AnxietyEasing,
				Note: "PRIVATE-STATUS-1204 面談で安心", At: now}}},
		{ID: "anx-2", EngagementID: e.ID, SessionID: started.ID, Text: "PRIVATE-WORRY-7791 体調", Private: true, CreatedAt: now, UpdatedAt: now},
	}
	p.AnxietyUpdates = p.Anxieties[0].History
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
}

// privateMarks are strings that only private records hold.
var privateMarks = []string{"PRIVATE-8842", "PRIVATE-ANSWER-3317", "PRIVATE-STATUS-1204", "PRIVATE-WORRY-7791"}

// TestExportSaysWhatItHoldsBeforeWriting: an export says on stderr, before
// the document, whom it is for, what it holds and how many private records
// it leaves out or includes.
func TestExportSaysWhatItHoldsBeforeWriting(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--engagement", "1", "--audience", "host"},
			"書き出し: 越境先に渡す文書 — 学習者 1 人、セッション 1、回答 2、メモ 1、不安 1、アクション 0、合意 0 項目。非公開の記録 4 件は入れません（--include-private で入ります）。"},
		{[]string{"export", "--engagement", "1", "--include-private"},
			"書き出し: 共有用の文書 — 学習者 1 人、セッション 1、回答 3、メモ 3、不安 2、アクション 0、合意 0 項目。非公開の記録 4 件も入ります。"},
		{[]string{"export", "--all", "--format", "json"}, "書き出し: すべての記録（非公開を含む。バックアップと bansou import 用）—"},
		{[]string{"export", "--engagement", "1", "--agreement"}, "書き出し: 三者合意書（本人・所属組織・越境先に渡す文書）— 学習者 1 人、合意 0 項目。"},
		{[]string{"export", "--engagement", "1", "--format", "csv", "--lang", "en"},
			"Export: a document to share — 1 learner(s), 1 session(s), 2 answer(s), 1 note(s), 1 worry(ies), 0 action(s), 0 agreement topic(s). 4 private record(s) are left out"},
	} {
		code, _, stderr := runCLI(t, env, c.args...)
		if code != 0 || !strings.HasPrefix(stderr, "bansou: "+c.want) {
			t.Errorf("%v: %d, stderr %q, want it to start with %q", c.args, code, stderr, c.want)
		}
	}
	out := filepath.Join(t.TempDir(), "for-host.md")
	_, _, stderr := runCLI(t, env, "export", "--engagement", "1", "--audience", "host", "-o", out)
	if i, j := strings.Index(stderr, "越境先に渡す文書"), strings.Index(stderr, "wrote "); i < 0 || j < i {
		t.Errorf("the summary does not come before the file is written: %q", stderr)
	}
}

func TestAudienceExportsNeverHoldPrivateRecords(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	variants := [][]string{
		{"export", "--engagement", "1"},
		{"export", "--engagement", "1", "--format", "md"},
		{"export", "--all"},
		{"export", "--all", "--format", "csv"},
		{"export", "--engagement", "1", "--format", "csv"},
		{"export", "--engagement", "1", "--agreement"},
	}
	for _, a := range []string{"learner", "sending", "host"} {
		variants = append(variants, []string{"export", "--engagement", "1", "--audience", a},
			[]string{"export", "--all", "--audience", a, "--lang", "en"})
	}
	for _, args := range variants {
		code, out, stderr := runCLI(t, env, args...)
		if code != 0 {
			t.Fatalf("%v: %d %s", args, code, stderr)
		}
		for _, mark := range privateMarks {
			if strings.Contains(out, mark) {
				t.Errorf("%v leaks %s", args, mark)
			}
		}
		if !slices.Contains(args, "--agreement") && !strings.Contains(out, "SHARED-NOTE-6650") {
			t.Errorf("%v leaves out the shared note", args)
		}
	}
	_, out, _ := runCLI(t, env, "export", "--engagement", "1", "--audience", "host")
	if !strings.Contains(out, "この文書の読み手: 越境先。伴走者の非公開の記録は含みません。") {
		t.Errorf("the document does not say whom it is for:\n%s", out)
	}
	_, out, _ = runCLI(t, env, "export", "--engagement", "1", "--audience", "learner", "--include-private")
	for _, mark := range privateMarks {
		if !strings.Contains(out, mark) {
			t.Errorf("--include-private leaves out %s", mark)
		}
	}
	if !strings.Contains(out, "伴走者の非公開の記録も含みます") {
		t.Errorf("the document does not say it includes private records")
	}
}

func TestCSVExport(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	code, out, _ := runCLI(t, env, "export", "--all", "--format", "csv")
	if code != 0 {
		t.Fatal(code)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], report.CSVHeader) || len(rows) != 3 {
		t.Fatalf("rows = %q", rows)
	}
	// The answer holds an OSC 52 sequence: the CSV shows it, harmlessly.
	if rows[1][0] != "山田 花子" || rows[1][9] != "現場で学びたい␛]52;c;ZXZpbA==␇" || rows[2][13] != "SHARED-NOTE-6650 本人と共有済み" {
		t.Fatalf("rows = %q", rows)
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
	if l := doc.Engagements[0].Ledger; len(l.Anxieties) != 2 || l.Anxieties[0].Text != "評価が下がらないか" || !l.Anxieties[1].Private {
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
	if code != 1 || !strings.Contains(stderr, "新しい版の bansou") || !strings.Contains(stderr, "ファイルのスキーマ 42") {
		t.Fatalf("code %d stderr %q", code, stderr)
	}
}

func TestImportBackupAndSearchCommands(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	code, out, stderr := runCLI(t, env, "export", "--all", "--format", "json")
	if code != 0 {
		t.Fatal(stderr)
	}
	file := filepath.Join(t.TempDir(), "export.json")
	os.WriteFile(file, []byte(out), 0o600)

	// Into a new, empty database.
	other := isolated(t)
	code, out, stderr = runCLI(t, other, "import", file)
	if code != 0 || !strings.Contains(out, "新しいエンゲージメント 1 件、新しいセッション 1 件、新しい台帳の記録 2 件") {
		t.Fatalf("import: %d %q %q", code, out, stderr)
	}
	code, out, _ = runCLI(t, other, "--lang", "en", "import", file)
	if code != 0 || !strings.Contains(out, "0 new engagement(s), 0 new session(s), 0 new ledger entries; 0 updated, 4 unchanged") {
		t.Fatalf("second import: %q", out)
	}

	// A malformed file is refused and writes nothing.
	broken := filepath.Join(t.TempDir(), "broken.json")
	os.WriteFile(broken, []byte(strings.Replace(mustRead(t, file), `"format"`, `"format" "x"`, 1)), 0o600)
	empty := isolated(t)
	code, _, stderr = runCLI(t, empty, "import", broken)
	if code != 1 || !strings.Contains(stderr, "not valid JSON") || !strings.Contains(stderr, "line 2") {
		t.Fatalf("broken import: %d %q", code, stderr)
	}
	if _, out, _ := runCLI(t, empty, "export", "--list"); out != "" {
		t.Fatalf("a refused import wrote: %q", out)
	}

	// Search, as text and as JSON.
	code, out, _ = runCLI(t, other, "search", "現場")
	if code != 0 || !strings.Contains(out, "山田 花子") || !strings.Contains(out, "[現場]で学びたい") || strings.Contains(out, "\x1b") {
		t.Fatalf("search text: %q", out)
	}
	code, out, _ = runCLI(t, other, "search", "体調", "--format", "json")
	var hits []model.SearchHit
	if err := json.Unmarshal([]byte(out), &hits); err != nil || code != 0 {
		t.Fatalf("search json: %v %q", err, out)
	}
	if len(hits) != 1 || hits[0].Source != model.SourceAnxiety || !hits[0].Private || hits[0].Learner != "山田 花子" {
		t.Fatalf("hits = %+v", hits)
	}
	if _, out, _ = runCLI(t, other, "search", "見つからない言葉", "--format", "json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("no hits: %q", out)
	}

	// A backup opens as a database with the same records.
	backup := filepath.Join(t.TempDir(), "copy.db")
	if code, _, stderr := runCLI(t, other, "backup", backup); code != 0 {
		t.Fatal(stderr)
	}
	withCopy := isolated(t)
	withCopy["BANSOU_DB"] = backup
	if _, out, _ := runCLI(t, withCopy, "export", "--list"); !strings.Contains(out, "山田 花子") {
		t.Fatalf("backup: %q", out)
	}
	if code, _, stderr := runCLI(t, other, "backup", backup); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Fatalf("backup over a file: %d %q", code, stderr)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dataFiles reads every file of the data folder (the database, its WAL and
// shared-memory files), to tell whether anything was written.
func dataFiles(t *testing.T, env map[string]string) map[string]string {
	t.Helper()
	dir := filepath.Join(env["XDG_DATA_HOME"], "bansou")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		files[e.Name()] = mustRead(t, filepath.Join(dir, e.Name()))
	}
	return files
}

// TestImportRefusesAHugeFileAndBinaryInput imports files that are not
// exports, or exports holding invalid UTF-8 or NUL bytes, into a database
// with records: each is refused with a message that says what and where,
// printable as is, and the database files are left byte for byte as they
// were.
func TestImportRefusesAHugeFileAndBinaryInput(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	code, good, stderr := runCLI(t, env, "export", "--all", "--format", "json")
	if code != 0 || !strings.Contains(good, `"山田 花子"`) {
		t.Fatalf("export: %d %q", code, stderr)
	}
	_, list, _ := runCLI(t, env, "export", "--list")
	before := dataFiles(t, env)
	dir := t.TempDir()
	cases := []struct{ name, data, want string }{
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "line 1, column 1: the file is not valid UTF-8 text"},
		{"Shift_JIS name", strings.Replace(good, "山田 花子", "\x8eR\x93c \x89\xd4\x8eq", 1), "is not valid UTF-8 text"},
		{"UTF-16", "\xff\xfe{\x00}\x00", "line 1, column 1: the file is not valid UTF-8 text"},
		{"NUL byte in a name", strings.Replace(good, "山田 花子", "山田\x00花子", 1), `not valid JSON: invalid character '\x00' in string literal`},
		{"NUL between values", strings.Replace(good, `"format"`, "\x00\x00\"format\"", 1), `not valid JSON: invalid character '\x00'`},
		{"escaped NUL", strings.Replace(good, "山田 花子", `山田\u0000花子`, 1), "engagements[0].learner.name: contains a NUL character"},
		{"escaped NUL in an answer", strings.Replace(good, "スキルを試したい", `スキルを\u0000試したい`, 1), ".answer: contains a NUL character"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".json")
		os.WriteFile(path, []byte(c.data), 0o600)
		code, _, stderr := runCLI(t, env, "import", path)
		if code != 1 || !strings.Contains(stderr, path+": the file cannot be imported") || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: %d %q\nwant it to say %q", c.name, code, stderr, c.want)
		}
		if model.TermSafe(stderr) != stderr {
			t.Errorf("%s: the message is not printable as is: %q", c.name, stderr)
		}
		if after := dataFiles(t, env); !maps.Equal(after, before) {
			t.Errorf("%s: a refused import changed the database files", c.name)
		}
	}
	defer func(n int) { maxImportSize = n }(maxImportSize)
	maxImportSize = 64
	big := filepath.Join(dir, "big.json")
	os.WriteFile(big, []byte(`{"format":"bansou-export","version":1,"engagements":[`+strings.Repeat(" ", 100)+`]}`), 0o600)
	code, _, stderr = runCLI(t, env, "import", big)
	if code != 1 || !strings.Contains(stderr, "larger than") || !strings.Contains(stderr, "nothing was imported") {
		t.Fatalf("big: %d %q", code, stderr)
	}
	if after := dataFiles(t, env); !maps.Equal(after, before) {
		t.Error("a refused import changed the database files")
	}
	if _, out, _ := runCLI(t, env, "export", "--list"); out != list {
		t.Fatalf("a refused import changed the records: %q, was %q", out, list)
	}
}

func TestExportFilesArePrivate(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	dir := t.TempDir()
	path := filepath.Join(dir, "all.json")
	code, _, stderr := runCLI(t, env, "export", "--all", "--format", "json", "-o", path)
	if code != 0 || !strings.Contains(stderr, "wrote "+path) {
		t.Fatalf("export -o: %d %q", code, stderr)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 || info.Size() == 0 {
		t.Fatalf("export file: %v %v", info, err)
	}
	// An existing file is never overwritten.
	before := mustRead(t, path)
	code, _, stderr = runCLI(t, env, "export", "--engagement", "1", "-o", path)
	if code != 1 || !strings.Contains(stderr, "already exists") || mustRead(t, path) != before {
		t.Fatalf("overwrite: %d %q", code, stderr)
	}
	// A failed export leaves no file behind.
	missing := filepath.Join(dir, "missing.md")
	if code, _, _ := runCLI(t, env, "export", "--engagement", "99", "-o", missing); code != 1 {
		t.Fatalf("missing engagement: %d", code)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed export left %s: %v", missing, err)
	}

	// Output the shell redirected to a file is made private too:
	// TestEverythingBansouCreatesIsPrivate.
	if code, _, stderr := runCLI(t, env, "export", "--engagement", "1", "--agreement", "--audience", "host"); code != 2 ||
		!strings.Contains(stderr, "leave out --audience") {
		t.Fatalf("--agreement --audience: %d %q", code, stderr)
	}
}
