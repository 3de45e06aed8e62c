package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/internal/dbtest"
	"bansou/model"
	"bansou/model/sqlite"
)

// exportDoc is the database's whole JSON export, to change and import.
func exportDoc(t *testing.T, env map[string]string) model.Export {
	t.Helper()
	code, out, stderr := runCLI(t, env, "export", "--all", "--format", "json")
	if code != 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	var doc model.Export
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// writeDoc writes an export to a new file and returns its path.
func writeDoc(t *testing.T, doc any) string {
	t.Helper()
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bansou.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// storeOf opens the test's database as the process with id owner.
func storeOf(t *testing.T, env map[string]string, owner int) *sqlite.Store {
	t.Helper()
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	path, _ := o.dbPath()
	s, err := sqlite.Open(path, sqlite.Options{Now: func() time.Time { return testNow }, Owner: owner})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// runningPid is the id of a process that runs until the test ends, to
// stand for another bansou with a window open.
func runningPid(t *testing.T) int { return dbtest.RunningPid(t) }

// newLearner is an engagement of a learner the database does not have.
func newLearner() model.EngagementExport {
	at := testNow.Add(-time.Hour)
	return model.EngagementExport{Engagement: model.Engagement{UID: "e-takahashi",
		Learner: model.Learner{UID: "l-takahashi", Name: "高橋 二郎"}, SendingOrg: "株式会社あさひ", HostOrg: "NPO法人みなと",
		Start: today().AddDays(30), End: today().AddDays(200), CreatedAt: at, UpdatedAt: at},
		Sessions: []model.Session{}, Ledger: model.Ledger{Anxieties: []model.Anxiety{}, Actions: []model.Action{}, Agreement: []model.AgreementItem{}}}
}

// TestImportLeavesAnOpenSessionAndSaysSo: a session open in another running
// bansou is not written by import, which names it (learner, flow, id),
// says to close it there and import again, imports the rest of the file
// and exits with status 1, in Japanese and in English.
func TestImportLeavesAnOpenSessionAndSaysSo(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	doc := exportDoc(t, env)
	sess := &doc.Engagements[0].Sessions[0]
	later := testNow.Add(time.Minute) // within the clock skew an import allows
	*sess, _ = model.Apply(*sess, model.Jump{Key: sess.Steps[0].Key}, later)
	*sess, _ = model.Apply(*sess, model.SetAnswer{Text: "ファイルの新しい答え"}, later)
	doc.Engagements = append(doc.Engagements, newLearner())
	file := writeDoc(t, doc)

	window := storeOf(t, env, runningPid(t))
	if err := window.SetSessionOpen(context.Background(), 1, true); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, env, "import", file)
	if code != 1 {
		t.Fatalf("exit status %d, want 1\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"engagements[0].sessions[0]（山田 花子・目的抽出、id " + sess.UID + "）",
		"このセッションは別の bansou で開かれているため、何も書き込みませんでした", "そちらでセッションを閉じてから、もう一度取り込んでください",
		"1 件は取り込みませんでした"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(out, "を取り込みました: 新しいエンゲージメント 1 件") || !strings.Contains(out, "取り込まなかったもの 1 件") {
		t.Errorf("stdout: %s", out)
	}
	if got, _ := window.Session(context.Background(), 1); got.Steps[0].Answer == "ファイルの新しい答え" {
		t.Fatal("the import wrote into the open session")
	}
	if _, list, _ := runCLI(t, env, "export", "--list"); !strings.Contains(list, "高橋 二郎") {
		t.Fatalf("the rest of the file was not imported: %q", list)
	}

	code, _, stderr = runCLI(t, env, "--lang", "en", "import", file)
	if code != 1 || !strings.Contains(stderr, "the session is open in another bansou") ||
		!strings.Contains(stderr, "close it there and import the file again") || !strings.Contains(stderr, "1 record(s) were not imported") {
		t.Fatalf("in English: %d\n%s", code, stderr)
	}
}

// TestImportKeepsPrivateRecordsPrivate: a file that makes a private answer
// shared has its words imported and the answer kept private, which the
// output says; --allow-sharing makes it shared, and the output says the
// file made it shared. Audience exports follow.
func TestImportKeepsPrivateRecordsPrivate(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	doc := exportDoc(t, env)
	sess := &doc.Engagements[0].Sessions[0]
	key := sess.Steps[1].Key          // its answer is private
	later := testNow.Add(time.Minute) // within the clock skew an import allows
	*sess, _ = model.Apply(*sess, model.Jump{Key: key}, later)
	*sess, _ = model.Apply(*sess, model.SetAnswer{Text: "PRIVATE-ANSWER-3317 通院は月2回に"}, later)
	*sess, _ = model.Apply(*sess, model.SetAnswerPrivate{Private: false}, later)
	file := writeDoc(t, doc)

	code, out, stderr := runCLI(t, env, "import", file)
	if code != 0 || !strings.Contains(out, "engagements[0].sessions[0].steps[1].answer（山田 花子・") ||
		!strings.Contains(out, "非公開のままにしました") {
		t.Fatalf("import: %d\n%s\n%s", code, out, stderr)
	}
	_, shared, _ := runCLI(t, env, "export", "--engagement", "1", "--audience", "learner")
	if strings.Contains(shared, "PRIVATE-ANSWER-3317") {
		t.Fatal("a file made a private answer shared without being allowed to")
	}
	_, all, _ := runCLI(t, env, "export", "--engagement", "1", "--include-private")
	if !strings.Contains(all, "通院は月2回に") {
		t.Fatal("the newer words were not imported")
	}

	// Allowed: the same file again (the words are here now, the sharing
	// is not).
	code, out, _ = runCLI(t, env, "import", "--allow-sharing", file)
	if code != 0 || !strings.Contains(out, "engagements[0].sessions[0].steps[1].answer") || !strings.Contains(out, "ファイルにより共有になりました") {
		t.Fatalf("import --allow-sharing: %d\n%s", code, out)
	}
	_, shared, _ = runCLI(t, env, "export", "--engagement", "1", "--audience", "learner")
	if !strings.Contains(shared, "通院は月2回に") {
		t.Fatal("--allow-sharing did not share the answer")
	}
}

// TestImportSaysWhatIsUnchangedAndWhatIsWrong: the same file again is
// reported unchanged; a date in the future is set to now and said; a bad
// date, a value of the wrong kind and a text over 1 MB are each refused by
// the field's path, in bansou's words, and nothing is written.
func TestImportSaysWhatIsUnchangedAndWhatIsWrong(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	doc := exportDoc(t, env)
	same := writeDoc(t, doc)
	code, out, _ := runCLI(t, env, "import", same)
	if code != 0 || !strings.Contains(out, "更新 0 件、変更なし 4 件、こちらが新しいため残したもの 0 件") {
		t.Fatalf("the same file again: %d %s", code, out)
	}

	future := doc
	future.Engagements = []model.EngagementExport{newLearner()}
	future.Engagements[0].UpdatedAt = testNow.AddDate(3, 0, 0)
	code, out, _ = runCLI(t, env, "import", writeDoc(t, future))
	if code != 0 || !strings.Contains(out, "engagements[0].updated_at: "+testNow.AddDate(3, 0, 0).UTC().Format(time.RFC3339)+" は現在より後の日時のため") {
		t.Fatalf("a date in the future: %d %s", code, out)
	}

	_, list, _ := runCLI(t, env, "export", "--list")
	before := dataFiles(t, env)
	var raw map[string]any
	data, _ := json.Marshal(doc)
	json.Unmarshal(data, &raw)
	s := raw["engagements"].([]any)[0].(map[string]any)["sessions"].([]any)[0].(map[string]any)
	s["started_at"] = "2026-13-01T09:00:00Z"
	s["steps"].([]any)[0].(map[string]any)["value"] = "三"
	s["steps"].([]any)[2].(map[string]any)["answer"] = strings.Repeat("長い答え", 1<<20/12+1)
	code, _, stderr := runCLI(t, env, "import", writeDoc(t, raw))
	for _, want := range []string{
		`engagements[0].sessions[0].started_at: should be a date and time such as 2026-11-21T09:00:00Z, not "2026-13-01T09:00:00Z"`,
		`engagements[0].sessions[0].steps[0].value: should be a whole number, not "三"`,
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "2006") || strings.Contains(stderr, "parsing time") {
		t.Errorf("a Go time layout reached the user:\n%s", stderr)
	}
	delete(s, "started_at")
	s["steps"].([]any)[0].(map[string]any)["value"] = 0
	code, _, stderr = runCLI(t, env, "import", writeDoc(t, raw))
	if code != 1 || !strings.Contains(stderr, "engagements[0].sessions[0].steps[2].answer: 1.0 MB of text, more than the 1 MB a field may hold") {
		t.Errorf("a text over 1 MB: %d\n%s", code, stderr)
	}
	if after := dataFiles(t, env); len(after) != len(before) {
		t.Error("a refused file changed the database files")
	}
	if _, now, _ := runCLI(t, env, "export", "--list"); now != list {
		t.Errorf("a refused file changed the records: %q, was %q", now, list)
	}
}
