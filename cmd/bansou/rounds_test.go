package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/internal/cellwidth"
	"bansou/model"
	"bansou/model/sqlite"
)

// seedRounds saves two case consultations: the first finished, with a
// private note and next actions; the second started a week later.
func seedRounds(t *testing.T, env map[string]string) {
	t.Helper()
	o, s := openFor(t, env)
	defer s.Close()
	lib, _ := o.library()
	f, _ := lib.Rounds.Format("case-consultation")
	ctx := context.Background()
	setup := model.RoundSetup{Format: f, Participants: []model.Participant{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "田中　陽", Type: model.Host}},
		Facilitator: "佐藤 一郎", Presenter: "田中　陽", Scribe: "佐藤 一郎"}
	day := time.Date(2026, 11, 13, 14, 0, 0, 0, time.UTC)
	sess, rd := model.NewRound(setup, nil, model.Ja, day)
	rd.Timer.Start(day)
	rd.Timer.Next(day.Add(6 * time.Minute))
	rd.Timer.Pause(day.Add(9 * time.Minute))
	for i, st := range sess.Steps {
		switch st.Key {
		case "p:key-question":
			sess.Steps[i].Answer = "本人の頭越しに連絡せずに何ができたか"
			sess.Steps[i].Note = "NOTE-PRIVATE-ROUND 田中さんは疲れている"
		case "p:next-action:1":
			sess.Steps[i].Answer = "面談の最初に本人の望む支援を聞く"
		}
	}
	sess.Status, sess.FinishedAt = model.Done, day.Add(time.Hour)
	first, rd, err := s.StartRound(ctx, sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	second, rd2 := model.NewRound(setup, rd.NextActions(first), model.Ja, day.AddDate(0, 0, 7))
	if _, _, err := s.StartRound(ctx, second, rd2); err != nil {
		t.Fatal(err)
	}
}

func TestRoundsCommandAndExport(t *testing.T) {
	env := isolated(t)
	emptyDatabase(t, env)
	if code, out, _ := runCLI(t, env, "rounds"); code != 0 || !strings.Contains(out, "no peer rounds yet") {
		t.Errorf("empty list: %d %q", code, out)
	}
	if code, _, stderr := runCLI(t, env, "export", "--round", "latest"); code != 1 || !strings.Contains(stderr, "no peer rounds yet") {
		t.Errorf("export with no rounds: %d %q", code, stderr)
	}
	seedRounds(t, env)
	code, out, stderr := runCLI(t, env, "rounds")
	if code != 0 || strings.Count(out, "case-consultation") != 2 || !strings.Contains(out, "田中　陽") || !strings.Contains(out, "in_progress") {
		t.Fatalf("list: %d %q %q", code, out, stderr)
	}
	code, out, _ = runCLI(t, env, "rounds", "--format", "json")
	var listing struct {
		Rounds []roundListing `json:"rounds"`
	}
	if err := json.Unmarshal([]byte(out), &listing); code != 0 || err != nil || len(listing.Rounds) != 2 || listing.Rounds[0].NextActions != 1 {
		t.Fatalf("json: %d %v %+v", code, err, listing)
	}
	firstID := listing.Rounds[0].ID

	// The first round's summary for its participants: no private note.
	code, out, stderr = runCLI(t, env, "export", "--round", fmt.Sprint(firstID))
	if code != 0 || !strings.Contains(out, "## 参加者と役割") || !strings.Contains(out, "本人の頭越しに連絡せずに何ができたか") ||
		!strings.Contains(out, "| ケースと問いの提示 | 10分 | 3分 |") {
		t.Fatalf("summary: %d %q\n%s", code, stderr, out)
	}
	if strings.Contains(out, "NOTE-PRIVATE-ROUND") {
		t.Error("the shared summary holds the private note")
	}
	path := filepath.Join(t.TempDir(), "round.md")
	if code, _, stderr = runCLI(t, env, "export", "--round", fmt.Sprint(firstID), "--include-private", "-o", path); code != 0 {
		t.Fatalf("private copy: %d %q", code, stderr)
	}
	data, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if !strings.Contains(string(data), "NOTE-PRIVATE-ROUND") || info.Mode().Perm() != 0o600 {
		t.Errorf("private copy: mode %v\n%s", info.Mode().Perm(), data)
	}
	// The latest round asks how the first round's next action went.
	_, out, _ = runCLI(t, env, "export", "--round", "latest")
	if !strings.Contains(out, "## 前回の次の一手") || !strings.Contains(out, "面談の最初に本人の望む支援を聞く — 未記録") {
		t.Errorf("latest round:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", "--round", "99"}, 1, "no round with id 99 (see bansou rounds)"},
		{[]string{"export", "--round", "x"}, 2, "--round takes latest or a round's id"},
		{[]string{"export", "--round", "latest", "--format", "json"}, 2, "leave out --format"},
		{[]string{"export", "--round", "latest", "--self-review", "latest"}, 2, "leave out --self-review"},
		{[]string{"rounds", "--format", "csv"}, 2, "unknown --format"},
	} {
		if code, _, stderr := runCLI(t, env, c.args...); code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: %d %q", c.args, code, stderr)
		}
	}
}

// shortRound is a round format of two one-minute phases, to watch the
// clock run in a real terminal.
const shortRound = `id: short
default: true
title: {ja: 短い相談, en: Short consultation}
summary: {ja: 二つの短いフェーズ。, en: Two short phases.}
phases:
  - id: case
    minutes: 1
    records: [key-question]
    title: {ja: ケース, en: Case}
    question: {ja: どんな場面でしたか。, en: "What was the scene?"}
    capture: {ja: 場面, en: The scene}
  - id: close
    minutes: 1
    records: [next-actions]
    title: {ja: まとめ, en: Wrap-up}
    question: {ja: 次に何を試しますか。, en: "What will you try next?"}
    capture: {ja: 次の一手, en: Next actions}
`

// TestEndToEndRound runs a round of two short phases in a pseudo-terminal:
// sets it up, watches the clock count down, takes notes in each phase,
// records the key question and a next action, finishes, and reads the
// summary with planned and actual time from the command line.
func TestEndToEndRound(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)
	contentDir := filepath.Join(dir, "content")
	copyCmd := exec.Command(binary, "content", "copy", contentDir)
	copyCmd.Env = env
	if out, err := copyCmd.CombinedOutput(); err != nil {
		t.Fatalf("content copy: %v\n%s", err, out)
	}
	formats, _ := filepath.Glob(filepath.Join(contentDir, "rounds", "*.yaml"))
	for _, f := range formats {
		if filepath.Base(f) != "ground-rules.yaml" {
			os.Remove(f)
		}
	}
	if err := os.WriteFile(filepath.Join(contentDir, "rounds", "short.yaml"), []byte(shortRound), 0o600); err != nil {
		t.Fatal(err)
	}

	tm := startTerminal(t, env, 80, 20, "--content", contentDir)
	tm.waitFor("まだエンゲージメントがありません")
	tm.send("r")
	tm.waitFor("まだラウンドはありません")
	tm.send("n")
	tm.waitFor("新しいピアラウンドの準備")
	tm.send("佐藤 一郎", keyEnter, "田中　陽")
	tm.waitFor("田中　陽（順番の提案）")
	tm.send(ctrlS)
	tm.waitFor("1/2 ケース")
	tm.waitFor("⏱ 01:00")
	tm.waitFor("約束")
	tm.send(ctrlT, " ")
	tm.waitFor("進行中")
	tm.waitFor("⏱ 00:58") // the clock runs on its own
	tm.waitFor("記録: 場面")  // the notes have the keys again
	tm.send("越境1か月目の週報の場面")
	tm.waitFor("越境1か月目の週報の場面")
	tm.send(ctrlN, "頭越しに連絡せずに何ができたか")
	tm.waitFor("頭越しに連絡せずに何ができたか")
	tm.send(ctrlT, "n")
	tm.waitFor("2/2 まとめ")
	tm.waitFor("記録: 次の一手")
	tm.send("本人と一緒に書き出す案が出た")
	tm.waitFor("本人と一緒に書き出す案が出た")
	tm.send(ctrlN, "次の面談で沈黙を待つ")
	tm.waitFor("次の面談で沈黙を待つ")
	tm.waitFor("保存済み")
	tm.send(keyEsc)
	tm.waitFor("完了にする")
	tm.send("f")
	tm.waitFor("発表: 田中　陽")
	tm.send(ctrlC)
	tm.waitExit()

	cmd := exec.Command(binary, "--content", contentDir, "export", "--round", "latest")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	md := string(out)
	for _, want := range []string{"# ピアラウンド：短い相談", "| 田中　陽 | 所属組織 | 発表者 |",
		"**発表者の問い:**", "頭越しに連絡せずに何ができたか", "### 1. ケース（予定 1分・実際 ",
		"越境1か月目の週報の場面", "本人と一緒に書き出す案が出た", "- **佐藤 一郎**: 次の面談で沈黙を待つ", "| 合計 | 2分 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
}

// TestRoundsSurviveExportAndImport: a full JSON export carries the rounds
// with their participants and timers; importing it into an empty database
// brings back the same summaries, and importing it twice adds nothing.
func TestRoundsSurviveExportAndImport(t *testing.T) {
	env := isolated(t)
	seedRounds(t, env)
	file := filepath.Join(t.TempDir(), "all.json")
	if code, _, stderr := runCLI(t, env, "export", "--all", "--format", "json", "-o", file); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	other := isolated(t)
	for i, want := range []string{"新しいセッション 2 件", "新しいセッション 0 件、新しい台帳の記録 0 件。更新 0 件、変更なし 2 件"} {
		if code, out, stderr := runCLI(t, other, "import", file); code != 0 || !strings.Contains(out, want) {
			t.Fatalf("import %d: code %d out %q err %q", i+1, code, out, stderr)
		}
	}
	for _, which := range []string{"latest", "1"} {
		_, a, _ := runCLI(t, env, "export", "--round", which, "--include-private")
		_, b, _ := runCLI(t, other, "export", "--round", which, "--include-private")
		if a != b || !strings.Contains(b, "| 田中　陽 | 越境先 | 発表者 |") {
			t.Errorf("imported round %s differs:\n%s\n---\n%s", which, a, b)
		}
	}
}

// isolatedStore opens the store of an isolated environment, with the
// content bansou ships; the test closes the store before running bansou.
func isolatedStore(t *testing.T) (map[string]string, *sqlite.Store, *model.Library) {
	t.Helper()
	env := isolated(t)
	o, s := openFor(t, env)
	lib, err := o.library()
	if err != nil {
		t.Fatal(err)
	}
	return env, s, lib
}

// TestRoundsListLinesUpJapaneseNames: in `bansou rounds`, every column of
// every row starts at the same cell as its heading, whatever the width of
// the Japanese names before it.
func TestRoundsListLinesUpJapaneseNames(t *testing.T) {
	env, s, lib := isolatedStore(t)
	f, _ := lib.Rounds.Format("case-consultation")
	ctx := context.Background()
	presenters := []string{"田中　陽", "李", "Alexandra Lee", "長谷川 由美子"}
	for i, presenter := range presenters {
		people := []model.Participant{{Name: "佐藤 一郎"}, {Name: presenter}}
		sess, rd := model.NewRound(model.RoundSetup{Format: f, Participants: people, Facilitator: "佐藤 一郎", Presenter: presenter},
			nil, model.Ja, testNow.AddDate(0, 0, -7*(len(presenters)-i)))
		if i == 1 {
			sess.Status = model.Done
		}
		if _, _, err := s.StartRound(ctx, sess, rd); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	code, out, stderr := runCLI(t, env, "rounds")
	if code != 0 {
		t.Fatalf("%d %q", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 1+len(presenters) {
		t.Fatalf("lines:\n%s", out)
	}
	// The cell a column starts at: the width of what comes before it.
	at := func(line, value string) int {
		i := strings.Index(line, value)
		if i < 0 {
			t.Fatalf("%q not in %q", value, line)
		}
		return cellwidth.Width(line[:i])
	}
	head := lines[0]
	for i, line := range lines[1:] {
		status := "in_progress"
		if i == 1 {
			status = "done"
		}
		for _, c := range []struct{ heading, value string }{
			{"FORMAT", "case-consultation"}, {"STATUS", status}, {"PRESENTER", presenters[i]},
			{"PARTICIPANTS", "佐藤 一郎, " + presenters[i]},
		} {
			if want, got := at(head, c.heading), at(line, c.value); got != want {
				t.Errorf("%s starts at cell %d, its heading at %d:\n%s", c.value, got, want, out)
			}
		}
	}
}

// TestDocumentsSpeakTheirSessionsLanguage: a round or a self-review held in
// Japanese is exported with Japanese labels from an English shell, and one
// held in English with English labels from a Japanese shell; --lang still
// chooses.
func TestDocumentsSpeakTheirSessionsLanguage(t *testing.T) {
	env, s, lib := isolatedStore(t)
	f, _ := lib.Rounds.Format("case-consultation")
	ctx := context.Background()
	people := []model.Participant{{Name: "佐藤 一郎"}, {Name: "田中　陽"}}
	var ids []int64
	for i, lang := range []model.Lang{model.Ja, model.En} {
		at := testNow.AddDate(0, 0, i-7)
		sess, rd := model.NewRound(model.RoundSetup{Format: f, Participants: people, Presenter: "田中　陽"}, nil, lang, at)
		sess, _, err := s.StartRound(ctx, sess, rd)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sess.ID)
		review := model.NewSelfReview(lib.Skills, lib.Skills.IDs(), nil, lang, at)
		review, err = s.StartSession(ctx, review)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, review.ID)
	}
	s.Close()
	for _, c := range []struct {
		shell string
		args  []string
		want  string
	}{
		{"en_US.UTF-8", []string{"--round", fmt.Sprint(ids[0])}, "## 参加者と役割"},
		{"ja_JP.UTF-8", []string{"--round", fmt.Sprint(ids[2])}, "## Participants and roles"},
		{"ja_JP.UTF-8", []string{"--round", fmt.Sprint(ids[0]), "--lang", "en"}, "## Participants and roles"},
		{"en_US.UTF-8", []string{"--self-review", fmt.Sprint(ids[1])}, "## スキルの段階"},
		{"ja_JP.UTF-8", []string{"--self-review", fmt.Sprint(ids[3])}, "## Skill levels"},
	} {
		env["LANG"] = c.shell
		args := append([]string{"export"}, c.args...)
		code, out, stderr := runCLI(t, env, args...)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("LANG=%s %v: %d %q, want %q in\n%s", c.shell, c.args, code, stderr, c.want, out)
		}
	}
}
