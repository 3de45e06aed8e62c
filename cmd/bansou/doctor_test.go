package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"bansou/internal/hostile"
	"bansou/model"
	"bansou/model/sqlite"
)

// doctorJSON runs bansou doctor --format json and decodes the report.
func doctorJSON(t *testing.T, env map[string]string, args ...string) (int, doctorReport) {
	t.Helper()
	code, out, stderr := runCLI(t, env, append([]string{"doctor", "--format", "json"}, args...)...)
	var r doctorReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("doctor --format json: %v\n%s%s", err, out, stderr)
	}
	if r.OK != (code == 0) {
		t.Fatalf("ok is %v but the exit status is %d", r.OK, code)
	}
	return code, r
}

// findingIDs lists the report's findings as id (problem) or id (note).
func findingIDs(r doctorReport) []string {
	var ids []string
	for _, f := range r.Findings {
		kind := "note"
		if f.Problem {
			kind = "problem"
		}
		ids = append(ids, f.ID+" ("+kind+")")
	}
	return ids
}

// folderState is every file under dir with its mode, size, time and
// contents, to show that nothing changed.
func folderState(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum = fmt.Sprintf("%x", sha256.Sum256(data))
		}
		out = append(out, fmt.Sprintf("%s %v %d %v %s", p, info.Mode(), info.Size(), info.ModTime().UnixNano(), sum))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDoctorOnAFreshMachineCreatesNothing(t *testing.T) {
	env := isolated(t)
	home := env["HOME"]
	before := folderState(t, home)

	code, out, stderr := runCLI(t, env, "doctor", "--lang", "en")
	if code != 0 || stderr != "" {
		t.Fatalf("code %d stderr %q\n%s", code, stderr, out)
	}
	dir := filepath.Join(env["XDG_DATA_HOME"], "bansou")
	for _, want := range []string{
		"version          " + versionText(),
		"data folder      " + dir + " (not there yet; created when bansou's interface first starts)",
		"database         " + filepath.Join(dir, "bansou.db"),
		"chosen by        the XDG_DATA_HOME environment variable",
		"file             not there yet; created with mode 0600 when bansou's interface first starts",
		fmt.Sprintf("schema           none yet (this bansou writes %d)", sqlite.SchemaVersion()),
		"records          none yet",
		"content          built-in: loads (",
		"stdin: not a terminal, stdout: not a terminal",
		"LANG=ja_JP.UTF-8 (UTF-8)",
		"en (--lang overrides the locale's ja)",
		"- The data folder " + dir + " and the database do not exist yet",
		"- stdin and stdout are not terminals. The interactive interface needs one",
		"set the terminal's ambiguous-width characters to single width",
		"  Everything looks fine.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "! ") {
		t.Errorf("a fresh machine has a problem:\n%s", out)
	}

	code, r := doctorJSON(t, env)
	if code != 0 || r.Database.State != dbMissing || r.Database.Exists || r.DataDir.Exists || !r.DataDir.Own ||
		r.Database.Source != "XDG_DATA_HOME" || r.Records == nil || *r.Records != (recordCounts{}) {
		t.Fatalf("report = %+v", r)
	}
	if ids := findingIDs(r); !slices.Equal(ids, []string{"dir_missing (note)", "not_terminal (note)", "ambiguous_width (note)"}) {
		t.Fatalf("findings = %v", ids)
	}
	// Not a terminal: the tests run without one.
	if r.Terminal.Stdin || r.Terminal.Stdout || r.Terminal.Width != 0 || r.Terminal.TooSmall {
		t.Fatalf("terminal = %+v", r.Terminal)
	}

	// Neither the folder nor the database was created.
	if _, err := os.Stat(env["XDG_DATA_HOME"]); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("doctor created %s: %v", env["XDG_DATA_HOME"], err)
	}
	if after := folderState(t, home); !slices.Equal(before, after) {
		t.Fatalf("doctor changed the home folder:\n%v\n%v", before, after)
	}
}

func TestDoctorInJapanese(t *testing.T) {
	env := isolated(t)
	code, out, _ := runCLI(t, env, "doctor")
	if code != 0 {
		t.Fatalf("code %d\n%s", code, out)
	}
	for _, want := range []string{
		"bansou の診断\n",
		"  データフォルダ  " + filepath.Join(env["XDG_DATA_HOME"], "bansou") + "（まだありません。bansou の画面を初めて開いたときに作られます）",
		"  指定元          環境変数 XDG_DATA_HOME",
		"  記録            まだありません",
		"  端末            標準入力: 端末ではありません、標準出力: 端末ではありません",
		"  表示言語        ja（ロケールから）",
		"助言\n",
		"  - 標準入力と標準出力が端末ではありません。",
		"曖昧な幅の文字を 1 桁（半角）にしてください",
		"  問題は見つかりませんでした。\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	// --lang ja wins over an English locale; the JSON advice follows it.
	env["LANG"] = "en_US.UTF-8"
	_, out, _ = runCLI(t, env, "doctor", "--lang", "ja")
	if !strings.Contains(out, "ja（--lang がロケールの en より優先）") || strings.Contains(out, "Everything") {
		t.Fatalf("--lang ja:\n%s", out)
	}
	_, r := doctorJSON(t, env, "--lang", "ja")
	if r.Locale.Language != model.Ja || r.Locale.LocaleLanguage != model.En || r.Locale.LangFlag != "ja" ||
		!strings.HasPrefix(r.Findings[0].Text, "データフォルダ") {
		t.Fatalf("locale = %+v, findings = %+v", r.Locale, r.Findings)
	}
}

// seedEverything is seedDatabase and seedRounds with an archived
// engagement whose one session is done and has no answers, and a
// self-review with one rating.
func seedEverything(t *testing.T, env map[string]string) {
	t.Helper()
	seedDatabase(t, env) // one engagement, one session in progress with three answers
	seedRounds(t, env)   // two peer rounds with two answers in all
	_, s := openFor(t, env)
	defer s.Close()
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "佐藤 次郎"},
		Start: model.NewDate(2026, 4, 1), End: model.NewDate(2026, 9, 30)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ArchiveEngagement(ctx, e.ID, true); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	done := model.Session{EngagementID: e.ID, FlowID: "purpose", Lang: model.Ja, Status: model.Done, StartedAt: at, UpdatedAt: at,
		Steps: []model.Step{{Key: "p:a", Kind: model.StepPrompt, Answer: " \n"}}}
	if _, err := s.StartSession(ctx, done); err != nil {
		t.Fatal(err)
	}
	review := model.Session{FlowID: model.SelfReviewFlowID, Lang: model.Ja, Status: model.Done, StartedAt: at, UpdatedAt: at,
		Steps: []model.Step{{Key: "s:listen", Kind: model.StepPrompt, AnswerKind: model.KindScale, Value: 3}, {Key: "s:ask", Kind: model.StepPrompt}}}
	if _, err := s.StartSession(ctx, review); err != nil {
		t.Fatal(err)
	}
}

func TestDoctorCountsRecordsWithoutChangingThem(t *testing.T) {
	env := isolated(t)
	seedEverything(t, env)
	before := folderState(t, env["HOME"])

	code, r := doctorJSON(t, env)
	want := recordCounts{Engagements: 2, Archived: 1, InProgress: 1, Done: 1, SelfReviews: 1, Rounds: 2, Answers: 6}
	if code != 0 || r.Records == nil || *r.Records != want {
		t.Fatalf("code %d records %+v, want %+v (findings %v)", code, r.Records, want, findingIDs(r))
	}
	db := r.Database
	if db.State != dbOK || !db.Checked || db.Schema != sqlite.SchemaVersion() || db.Mode != "0600" || db.Size == 0 || r.DataDir.Mode != "0700" {
		t.Fatalf("database = %+v, folder = %+v", db, r.DataDir)
	}
	code, out, _ := runCLI(t, env, "doctor", "--lang", "en")
	for _, want := range []string{
		"records          engagements 2 (1 archived) · sessions 1 in progress, 1 done · self-reviews 1 · peer rounds 2 · answers 6\n",
		fmt.Sprintf("schema           %d (this bansou writes %d too)", db.Schema, db.Schema),
		"integrity        no damage found",
		"file             exists, mode 0600, ",
		" (mode 0700)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runCLI(t, env, "doctor")
	if !strings.Contains(out, "  記録            エンゲージメント 2件（うちアーカイブ 1件）・セッション 進行中 1件／完了 1件・スキルの振り返り 1件・ピアラウンド 2件・回答 6件\n") {
		t.Errorf("the Japanese report lacks the counts:\n%s", out)
	}
	if code != 0 {
		t.Fatalf("code %d", code)
	}
	if after := folderState(t, env["HOME"]); !slices.Equal(before, after) {
		t.Fatalf("doctor changed the data:\n%v\n%v", before, after)
	}
}

func TestDoctorAdvisesOnModes(t *testing.T) {
	env := isolated(t)
	seedDatabase(t, env)
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	path, _ := o.dbPath()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, env, "doctor", "--lang", "en")
	if code != 1 || !strings.Contains(out, "file             exists, mode 0644, ") ||
		!strings.Contains(out, "  ! The database file has mode 0644; make it readable and writable by you alone: chmod 600 "+path+"\n") ||
		!strings.Contains(out, "  1 thing(s) to change (the lines marked !).\n") || strings.Contains(out, "Everything looks fine") {
		t.Fatalf("code %d\n%s", code, out)
	}
	if err := os.Chmod(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, env, "doctor")
	if code != 1 || !strings.Contains(out, "データフォルダのモードが 0755 です。自分だけが使えるようにしてください: chmod 700 "+filepath.Dir(path)+"\n") ||
		!strings.Contains(out, "chmod 600 "+path+"\n") || !strings.Contains(out, "直すべき点が 2 件あります") {
		t.Fatalf("code %d\n%s", code, out)
	}
	code, r := doctorJSON(t, env)
	if ids := findingIDs(r); code != 1 || !slices.Equal(ids[:2], []string{"dir_mode (problem)", "db_mode (problem)"}) {
		t.Fatalf("findings = %v", ids)
	}
	// Fixed as advised: fine again.
	os.Chmod(path, 0o600)
	os.Chmod(filepath.Dir(path), 0o700)
	if code, out, _ := runCLI(t, env, "doctor"); code != 0 {
		t.Fatalf("after chmod: %d\n%s", code, out)
	}

	// A database chosen with --db may live in a shared folder; a path
	// that needs quoting is quoted in the advice.
	other := filepath.Join(t.TempDir(), "my data", "it's.db")
	os.MkdirAll(filepath.Dir(other), 0o755)
	withDB := isolated(t)
	withDB["BANSOU_DB"] = other
	seedDatabase(t, withDB)
	os.Chmod(other, 0o640)
	code, r = doctorJSON(t, withDB, "--lang", "en")
	if ids := findingIDs(r); code != 1 || r.DataDir.Own || r.Database.Source != "BANSOU_DB" || !slices.Equal(ids[:1], []string{"db_mode (problem)"}) ||
		slices.Contains(ids, "dir_mode (problem)") {
		t.Fatalf("code %d findings %v data dir %+v", code, ids, r.DataDir)
	}
	if want := `chmod 600 '` + strings.ReplaceAll(other, "'", `'\''`) + `'`; !strings.HasSuffix(r.Findings[0].Text, want) {
		t.Fatalf("advice %q does not end with %q", r.Findings[0].Text, want)
	}
}

// seededFile is a seeded database (seedDatabase) opened as a plain SQLite
// file, for a test to change under bansou.
func seededFile(t *testing.T) (map[string]string, *sql.DB) {
	t.Helper()
	env := isolated(t)
	seedDatabase(t, env)
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	path, _ := o.dbPath()
	db, err := sqlOpen(path)
	if err != nil {
		t.Fatal(err)
	}
	return env, db
}

func TestDoctorReportsANewerDatabaseUntouched(t *testing.T) {
	env, db := seededFile(t)
	if _, err := db.Exec("PRAGMA user_version = 42"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := folderState(t, env["HOME"])

	code, out, stderr := runCLI(t, env, "doctor", "--lang", "en")
	if code != 1 || stderr != "" || !strings.Contains(out, fmt.Sprintf("schema           42 (written by a newer bansou; this one knows up to %d)", sqlite.SchemaVersion())) ||
		!strings.Contains(out, "  ! The database was written by a newer bansou (schema 42)") || !strings.Contains(out, "upgrade bansou") ||
		!strings.Contains(out, "records          cannot be counted") {
		t.Fatalf("code %d stderr %q\n%s", code, stderr, out)
	}
	code, r := doctorJSON(t, env)
	if code != 1 || r.Database.State != dbNewer || r.Database.Schema != 42 || r.Records != nil || !strings.Contains(r.Findings[0].Text, "bansou を新しくしてください") {
		t.Fatalf("report = %+v", r)
	}
	if after := folderState(t, env["HOME"]); !slices.Equal(before, after) {
		t.Fatalf("doctor changed the newer database:\n%v\n%v", before, after)
	}
}

func TestDoctorReportsAFileThatIsNotADatabase(t *testing.T) {
	env := isolated(t)
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte("買い物リスト\n"), 0o600)
	before := folderState(t, filepath.Dir(path))
	code, out, _ := runCLI(t, env, "--db", path, "doctor", "--lang", "en")
	if code != 1 || !strings.Contains(out, "chosen by        --db\n") || !strings.Contains(out, "schema           not a bansou database\n") ||
		!strings.Contains(out, "  ! "+path+" is not a bansou database: choose another file with --db") {
		t.Fatalf("code %d\n%s", code, out)
	}
	if after := folderState(t, filepath.Dir(path)); !slices.Equal(before, after) {
		t.Fatal("doctor changed the file")
	}
	// A folder where the file should be.
	code, r := doctorJSON(t, env, "--db", t.TempDir())
	if code != 1 || r.Database.State != dbNotFile || findingIDs(r)[0] != "db_not_file (problem)" {
		t.Fatalf("a folder: %d %+v", code, r.Database)
	}
}

func TestDoctorReportsADamagedDatabase(t *testing.T) {
	env := isolated(t)
	seedEverything(t, env)
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	path, _ := o.dbPath()
	data, _ := os.ReadFile(path)
	for i := len(data) - 16384; i < len(data); i++ {
		data[i] = 0xA5
	}
	os.WriteFile(path, data, 0o600)
	code, r := doctorJSON(t, env, "--lang", "en")
	if code != 1 || r.Database.State != dbDamaged || !slices.Contains(findingIDs(r), "db_damaged (problem)") {
		t.Fatalf("code %d database %+v findings %v", code, r.Database, findingIDs(r))
	}
	if got, _ := os.ReadFile(path); string(got) != string(data) {
		t.Fatal("doctor changed the damaged file")
	}
}

func TestDoctorReportsContentProblemsWithFileAndLine(t *testing.T) {
	env := isolated(t)
	dir := filepath.Join(t.TempDir(), "mine")
	if code, _, stderr := runCLI(t, env, "content", "copy", dir); code != 0 {
		t.Fatal(stderr)
	}
	if code, out, _ := runCLI(t, env, "--content", dir, "doctor", "--lang", "en"); code != 0 ||
		!strings.Contains(out, "content          --content "+dir+": loads (") {
		t.Fatalf("a good copy: %d\n%s", code, out)
	}
	file := filepath.Join(dir, "flows", "purpose.yaml")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(data), "phase: before", "phase: soon", 1)), 0o644)
	code, out, _ := runCLI(t, env, "--content", dir, "doctor", "--lang", "en")
	if code != 1 || !strings.Contains(out, "content          --content "+dir+": does not load (1 problem(s))") ||
		!strings.Contains(out, "  ! Fix the content's problems, then check them with: bansou content check "+dir+"\n      "+file+`:15: unknown phase "soon"`) {
		t.Fatalf("code %d\n%s", code, out)
	}
	_, r := doctorJSON(t, env, "--content", dir)
	if r.Content.Loads || r.Content.Source != "dir" || len(r.Content.Problems) != 1 || !strings.HasPrefix(r.Content.Problems[0], file+":15: ") {
		t.Fatalf("content = %+v", r.Content)
	}
}

func TestDoctorChecksTheLocale(t *testing.T) {
	env := isolated(t)
	env["LANG"] = "C"
	code, out, _ := runCLI(t, env, "doctor")
	if code != 1 || !strings.Contains(out, "LANG=C (not UTF-8)") ||
		!strings.Contains(out, "  ! The locale (C) is not UTF-8, so Japanese may be garbled: set LANG=ja_JP.UTF-8 or LANG=en_US.UTF-8") {
		t.Fatalf("LANG=C: %d\n%s", code, out)
	}
	delete(env, "LANG")
	code, r := doctorJSON(t, env)
	if code != 1 || r.Locale.UTF8 || r.Locale.Charset != "" || r.Locale.CJK || !strings.Contains(r.Findings[len(r.Findings)-1].Text, "(C (nothing is set))") {
		t.Fatalf("no locale: %d %+v %+v", code, r.Locale, r.Findings)
	}
	// LC_ALL decides over LANG; a Chinese locale asks about ambiguous width too.
	env["LANG"], env["LC_ALL"], env["TERM"], env["NO_COLOR"] = "C", "zh_TW.UTF-8", "xterm-256color", "1"
	code, r = doctorJSON(t, env)
	if code != 0 || !r.Locale.UTF8 || !r.Locale.CJK || r.Locale.Language != model.En || r.Env.Term != "xterm-256color" ||
		!slices.Contains(findingIDs(r), "ambiguous_width (note)") {
		t.Fatalf("LC_ALL: %d %+v %v", code, r.Locale, findingIDs(r))
	}
	if _, out, _ := runCLI(t, env, "doctor"); !strings.Contains(out, "TERM=xterm-256color · COLORTERM=(unset) · NO_COLOR=1 (colours off)") {
		t.Fatalf("environment line:\n%s", out)
	}
}

func TestDoctorPrintsControlCharactersSafely(t *testing.T) {
	env := isolated(t)
	dir := filepath.Join(t.TempDir(), "evil\x1b]52;c;ZXZpbA==\x07\nfake line")
	env["BANSOU_DB"] = filepath.Join(dir, "bansou.db")
	env["TERM"] = "\x1b[31mred"
	// The database chosen does not exist: a problem (exit status 1).
	code, out, _ := runCLI(t, env, "doctor", "--lang", "en")
	if code != 1 || strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, "evil␛]52;c;ZXZpbA==␇␤fake line") || !strings.Contains(out, "TERM=␛[31mred") {
		t.Fatalf("code %d\n%q", code, out)
	}
	// JSON keeps the exact values, escaped.
	_, r := doctorJSON(t, env)
	if r.Database.Path != env["BANSOU_DB"] || r.Env.Term != env["TERM"] {
		t.Fatalf("json: %q %q", r.Database.Path, r.Env.Term)
	}

	// Every payload, in each value doctor reports, text and JSON.
	for _, name := range []string{"TERM", "COLORTERM", "NO_COLOR", "LANG", "BANSOU_DB"} {
		env[name] = hostile.UTF8(name)
	}
	env["BANSOU_DB"] = filepath.Join(t.TempDir(), hostile.UTF8("db"))
	for _, lang := range []string{"ja", "en"} {
		_, out, stderr := runCLI(t, env, "doctor", "--lang", lang)
		hostile.Check(t, "doctor --lang "+lang, out+stderr)
		if !strings.Contains(out, "TERM=TERM評価が␛[2J") {
			t.Errorf("doctor --lang %s does not show TERM:\n%s", lang, out)
		}
	}
	_, out, stderr := runCLI(t, env, "doctor", "--format", "json")
	hostile.Check(t, "doctor --format json", out+stderr)
	if _, r = doctorJSON(t, env); r.Env.Term != env["TERM"] || r.Database.Path != env["BANSOU_DB"] {
		t.Errorf("json: %q %q", r.Env.Term, r.Database.Path)
	}
}

func TestDoctorUsageAndHelp(t *testing.T) {
	if code, _, stderr := runCLI(t, isolated(t), "doctor", "--format", "yaml"); code != 2 || !strings.Contains(stderr, `unknown --format "yaml"`) {
		t.Fatalf("code %d %q", code, stderr)
	}
	code, out, _ := runCLI(t, isolated(t), "doctor", "--help")
	if code != 0 || !strings.Contains(out, "Exit status: 0 when nothing needs changing, 1 when the advice lists something\nto change") ||
		!strings.Contains(out, "never creates or changes the database") {
		t.Fatalf("help: %d\n%s", code, out)
	}
	if _, out, _ := runCLI(t, isolated(t), "--help"); !strings.Contains(out, "doctor") {
		t.Fatal("bansou --help does not list doctor")
	}
}

// TestDoctorTextsMatch keeps the two languages of every text in step: the
// same verbs in the same order.
func TestDoctorTextsMatch(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for key, t2 := range doctorText {
		ja, en := verbs.FindAllString(t2[0], -1), verbs.FindAllString(t2[1], -1)
		if !slices.Equal(ja, en) || t2[0] == "" || t2[1] == "" {
			t.Errorf("%s: ja %q, en %q", key, ja, en)
		}
	}
}

// TestDoctorInATerminal runs doctor in pseudo-terminals: it sees them and
// their size, and a too small one is something to change.
func TestDoctorInATerminal(t *testing.T) {
	for _, size := range []struct{ w, h, code int }{{100, 30, 0}, {36, 10, 1}} {
		dir := t.TempDir()
		cmd := exec.Command(binary, "doctor", "--format", "json")
		cmd.Env = testEnv(dir)
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(size.w), Rows: uint16(size.h)})
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(f) // ends with EIO when the process exits
		err = cmd.Wait()
		f.Close()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		}
		var r doctorReport
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("%d×%d: %v\n%s", size.w, size.h, err, out)
		}
		tm := r.Terminal
		if code != size.code || !tm.Stdin || !tm.Stdout || tm.Width != size.w || tm.Height != size.h || tm.TooSmall != (size.code == 1) {
			t.Fatalf("%d×%d: code %d terminal %+v findings %v", size.w, size.h, code, tm, findingIDs(r))
		}
		if size.code == 1 && !strings.Contains(r.Findings[len(r.Findings)-2].Text, "端末が 36×10 で小さすぎます。40×12 以上に広げてください。") {
			t.Fatalf("too small: %+v", r.Findings)
		}
		if _, err := os.Stat(filepath.Join(dir, "data")); !errors.Is(err, fs.ErrNotExist) {
			t.Fatal("doctor created the data folder")
		}
	}
}

func TestDoctorNotesAnOlderDatabaseAndARelativeXDGDataHome(t *testing.T) {
	env, db := seededFile(t)
	old := sqlite.SchemaVersion() - 1
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", old)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := folderState(t, env["HOME"])
	code, r := doctorJSON(t, env, "--lang", "en")
	if code != 0 || r.Database.State != dbOlder || r.Database.Schema != old || r.Records != nil ||
		!slices.Contains(findingIDs(r), "db_older (note)") {
		t.Fatalf("older: %d %+v %v", code, r.Database, findingIDs(r))
	}
	if after := folderState(t, env["HOME"]); !slices.Equal(before, after) {
		t.Fatal("doctor changed the older database")
	}

	// A relative XDG_DATA_HOME is ignored, as the specification says.
	env = isolated(t)
	env["XDG_DATA_HOME"] = "data"
	code, r = doctorJSON(t, env, "--lang", "en")
	if want := filepath.Join(env["HOME"], ".local", "share", "bansou", "bansou.db"); code != 0 || r.Database.Path != want ||
		r.Database.Source != "default" || !r.DataDir.Own || findingIDs(r)[0] != "xdg_relative (note)" {
		t.Fatalf("relative XDG_DATA_HOME: %d %+v %v", code, r.Database, findingIDs(r))
	}
}
