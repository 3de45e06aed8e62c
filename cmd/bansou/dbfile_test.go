package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"bansou/model"
)

// emptyDatabase creates the database, as the interface does on its first
// start.
func emptyDatabase(t *testing.T, env map[string]string) {
	t.Helper()
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	s, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// nothingAt fails the test if anything exists at path or beside it: the
// file, its -wal, -shm or -journal.
func nothingAt(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			t.Errorf("%s was created", path+suffix)
		}
	}
}

// TestMistypedDatabaseIsRefusedByEveryCommandThatReads runs every command
// that only reads (and doctor) with --db, or BANSOU_DB, naming a file that
// does not exist, in a folder that exists and in one that does not: each
// exits with status 1, names the path in Japanese words that say what to
// check, and creates nothing: no database, no -wal or -shm, no folder, no
// output file.
func TestMistypedDatabaseIsRefusedByEveryCommandThatReads(t *testing.T) {
	out := t.TempDir()
	commands := [][]string{
		{"export", "--all"},
		{"export", "--list"},
		{"export", "--engagement", "1", "-o", filepath.Join(out, "yamada.md")},
		{"export", "--self-review", "latest"},
		{"export", "--round", "latest"},
		{"search", "現場"},
		{"backup", filepath.Join(out, "copy.db")},
		{"rounds"},
		{"skills", "--history"},
		{"doctor"},
	}
	for _, where := range []string{"existing folder", "missing folder"} {
		for _, via := range []string{"--db", "BANSOU_DB"} {
			for _, args := range commands {
				t.Run(where+"/"+via+"/"+strings.Join(args[:1], " "), func(t *testing.T) {
					env := isolated(t)
					seedDatabase(t, env) // the real database is elsewhere
					dir := t.TempDir()
					if where == "missing folder" {
						dir = filepath.Join(dir, "伴走データ")
					}
					path := filepath.Join(dir, "bansuo.db") // mistyped
					if via == "--db" {
						args = append([]string{"--db", path}, args...)
					} else {
						env["BANSOU_DB"] = path
					}
					code, stdout, stderr := runCLI(t, env, args...)
					if code != 1 {
						t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, stdout, stderr)
					}
					shown := stderr
					if args[len(args)-1] == "doctor" {
						shown = stdout
					}
					if !strings.Contains(shown, path) {
						t.Errorf("the message does not name %s:\n%s", path, shown)
					}
					if !strings.Contains(shown, "ありません") {
						t.Errorf("the message does not say in Japanese that there is no database:\n%s", shown)
					}
					nothingAt(t, path)
					if where == "missing folder" {
						if _, err := os.Stat(dir); err == nil {
							t.Errorf("the folder %s was created", dir)
						}
					}
					for _, name := range []string{"yamada.md", "copy.db"} {
						if _, err := os.Stat(filepath.Join(out, name)); err == nil {
							t.Errorf("%s was written", name)
						}
					}
				})
			}
		}
	}
}

// TestOnlyTheInterfaceAndImportCreateADatabase: the accessible mode (an
// interface) creates a missing database and says so first, with the path;
// import creates one too and says so; in English as well.
func TestOnlyTheInterfaceAndImportCreateADatabase(t *testing.T) {
	for _, c := range []struct {
		lang, words, imported string
	}{{"ja_JP.UTF-8", "新しいデータベースを作りました: ", "新しいエンゲージメント 1 件"}, {"en_US.UTF-8", "Created a new database: ", "1 new engagement(s)"}} {
		env := isolated(t)
		env["LANG"] = c.lang
		path := filepath.Join(t.TempDir(), "新しい", "bansou.db")
		code, stdout, stderr := runCLI(t, env, "--db", path, "--accessible")
		if code != 0 || !strings.HasPrefix(stdout, c.words+path+"\n") {
			t.Fatalf("accessible mode on a new database: %d\n%s\n%s", code, stdout, stderr)
		}
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("the database was not created 0600: %v %v", info, err)
		}
		// The second time it is there, and nothing is said.
		if _, stdout, _ := runCLI(t, env, "--db", path, "--accessible"); strings.Contains(stdout, c.words) {
			t.Errorf("said again for an existing database:\n%s", stdout)
		}

		seeded := isolated(t)
		seedDatabase(t, seeded)
		_, export, _ := runCLI(t, seeded, "export", "--all", "--format", "json")
		file := filepath.Join(t.TempDir(), "export.json")
		if err := os.WriteFile(file, []byte(export), 0o600); err != nil {
			t.Fatal(err)
		}
		restored := filepath.Join(t.TempDir(), "restored.db")
		code, stdout, stderr = runCLI(t, env, "--db", restored, "import", file)
		if code != 0 || !strings.Contains(stderr, c.words+restored) || !strings.Contains(stdout, c.imported) {
			t.Fatalf("import into a new database: %d\n%s\n%s", code, stdout, stderr)
		}
		if _, stdout, _ := runCLI(t, env, "--db", restored, "export", "--list"); !strings.Contains(stdout, "山田 花子") {
			t.Fatalf("the imported database: %q", stdout)
		}
	}
}

// TestTheInterfaceSaysItCreatedTheDatabase: the first start on a path with
// no database creates it and the home screen says so with the path; the
// next start says nothing of the kind.
func TestTheInterfaceSaysItCreatedTheDatabase(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)
	path := filepath.Join(dir, "data", "bansou", "bansou.db")
	tm := startTerminal(t, env, 80, 24)
	tm.waitFor("まだエンゲージメントがありません")
	tm.waitUntil("named the new database", func(string) bool {
		shown := joinedScreen(tm)
		return strings.Contains(shown, "新しいデータベースを作りました:") && strings.Contains(shown, path)
	})
	tm.send("q")
	if err := tm.waitExit(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	tm = startTerminal(t, env, 80, 24)
	tm.forbidden = []string{"新しいデータベース"}
	tm.waitFor("まだエンゲージメントがありません")
	tm.send("q")
	if err := tm.waitExit(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

// TestEngagementFormSurvivesSIGKILL types a new engagement's form in
// Japanese (an end date not finished yet, a companion of the host) and
// kills bansou with SIGKILL before ctrl+s. The next start offers the draft
// on the home screen; resumed, the form has every field as typed, and
// saving it creates the engagement and leaves no draft behind.
func TestEngagementFormSurvivesSIGKILL(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)
	path := filepath.Join(dir, "data", "bansou", "bansou.db")
	tm := startTerminal(t, env, 100, 30)
	tm.waitFor("まだエンゲージメントがありません")
	tm.send("n")
	tm.waitFor("新しいエンゲージメント")
	end := day(191)
	tm.send("山田 花子", keyTab, "株式会社みらい", keyTab, "NPO法人つなぐ", keyTab, day(10), keyTab, end[:7],
		keyTab, keyTab, keyTab, keyTab, "佐藤 一郎", keyTab, "\x1b[C")
	tm.waitFor("◀ 越境先 ▶")
	tm.waitFor("書きかけを保存しました")
	if err := tm.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	tm.waitExit()

	tm = startTerminal(t, env, 100, 30)
	tm.waitFor("書きかけのエンゲージメントがあります")
	tm.waitFor("山田 花子（株式会社みらい → NPO法人つなぐ）")
	tm.send(keyEnter)
	tm.waitFor("新しいエンゲージメント")
	for _, want := range []string{"┃ 山田 花子", "│ 株式会社みらい", "│ NPO法人つなぐ", "│ " + day(10), "│ " + end[:7] + " ",
		"│ 佐藤 一郎", "◀ 越境先 ▶"} {
		tm.waitFor(want)
	}
	tm.send(keyTab, keyTab, keyTab, keyTab, end[7:])
	tm.waitFor("┃ " + end)
	tm.send(ctrlS)
	tm.waitFor("株式会社みらい → NPO法人つなぐ")
	tm.send(ctrlC)
	if err := tm.waitExit(); err != nil {
		t.Fatalf("exit: %v", err)
	}

	cmd := exec.Command(binary, "export", "--all", "--format", "json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var doc model.Export
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.Engagements) != 1 {
		t.Fatalf("export: %v\n%s", err, out)
	}
	e := doc.Engagements[0].Engagement
	if e.Learner.Name != "山田 花子" || e.SendingOrg != "株式会社みらい" || e.HostOrg != "NPO法人つなぐ" ||
		e.Start.String() != day(10) || e.End.String() != end ||
		len(e.Companions) != 1 || e.Companions[0] != (model.Companion{Name: "佐藤 一郎", Type: model.Host}) {
		t.Fatalf("engagement = %+v", e)
	}
	db, err := sqlOpen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var drafts int
	if err := db.QueryRow(`SELECT count(*) FROM engagement_drafts`).Scan(&drafts); err != nil || drafts != 0 {
		t.Fatalf("%d drafts left (%v)", drafts, err)
	}
}
