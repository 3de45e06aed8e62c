package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bansou/model"
	"bansou/model/sqlite"
)

// exitCode is a finished command's exit status (0 without an error).
func exitCode(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	return -1
}

// TestAccessibleScriptsFailLoudly: answers piped in stop at the first line
// bansou cannot read, with status 1 and the line named on stderr, what came
// before saved; input that ends in the middle of a form is status 1 too;
// a script that quits is 0.
func TestAccessibleScriptsFailLoudly(t *testing.T) {
	env := isolated(t)
	add := strings.Join([]string{"3", "山田 花子", "本社", "町工場", day(10), day(191), "", ""}, "\n") + "\n"
	if out, stderr, err := piped(t, env, add+"q\n", "--accessible"); err != nil {
		t.Fatalf("a script that quits: %v\n%s\n%s", err, out, stderr)
	}
	out, stderr, err := piped(t, env, "1\n山田 花子\n目的抽出\n一行目\n.\n/jump 99\n二行目\n.\nq\n", "--accessible")
	if exitCode(err) != 1 || !strings.Contains(stderr, "6 行目「/jump 99」が読み取れなかったので、ここで止めます") ||
		strings.Contains(out, "> 二行目") {
		t.Fatalf("a line not understood: %v\n%s\n%s", err, out, stderr)
	}
	if got := storedAnswerIn(t, env, "p:achieve"); got != "一行目" {
		t.Errorf("the answer before the stop: %q", got)
	}
	out, stderr, err = piped(t, env, "3\n高橋 美咲\n", "--accessible")
	if exitCode(err) != 1 || !strings.Contains(out, "書きかけとして保存しました") || !strings.Contains(stderr, "入力が途中で終わりました") {
		t.Fatalf("the input ending in a form: %v\n%s\n%s", err, out, stderr)
	}
}

// storedAnswerIn is the answer at a step of the latest session of the first
// engagement.
func storedAnswerIn(t *testing.T, env map[string]string, key string) string {
	t.Helper()
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	path, err := o.dbPath()
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.OpenReadOnly(path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	engs, err := s.Engagements(ctx, false)
	if err != nil || len(engs) == 0 {
		t.Fatalf("engagements: %v %v", engs, err)
	}
	list, err := s.Sessions(ctx, engs[0].ID)
	if err != nil || len(list) == 0 {
		t.Fatalf("sessions: %v %v", list, err)
	}
	sess, err := s.Session(ctx, list[len(list)-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := sess.Step(key)
	return st.Answer
}

// TestAccessibleCtrlCExitsNonZero: ctrl+c in the accessible mode at a
// terminal says what was saved and exits with status 130.
func TestAccessibleCtrlCExitsNonZero(t *testing.T) {
	env := isolated(t)
	tm := startTerminal(t, envList(env), 80, 24, "--accessible")
	tm.waitFor("番号を入力してください。\n>")
	for _, line := range []string{"3", "山田 花子", "", "", day(10), day(191), "", "", "1", "1", "1"} {
		tm.send(line + "\r")
	}
	tm.waitFor("実現したいこと")
	tm.send(ctrlC)
	if err := tm.waitExit(); exitCode(err) != exitInterrupted {
		t.Fatalf("exit after ctrl+c: %v\n%s", err, tm.screen.Text())
	}
	screen := tm.screen.Text()
	if !strings.Contains(screen, "中断の合図（ctrl+c など）を受けたので") || !strings.Contains(screen, "あとで続けられるように保存しました") {
		t.Errorf("ctrl+c did not say what was saved:\n%s", screen)
	}
}

// TestDumbTerminalStartsTheAccessibleMode: TERM=dumb (a terminal that
// cannot move its cursor, as many screen-reader setups declare) starts the
// accessible mode, saying so, instead of drawing a screen it cannot show.
func TestDumbTerminalStartsTheAccessibleMode(t *testing.T) {
	env := isolated(t)
	list := []string{"PATH=" + os.Getenv("PATH"), "TERM=dumb"}
	for k, v := range env {
		list = append(list, k+"="+v)
	}
	tm := startTerminal(t, list, 80, 24)
	tm.waitFor("番号を入力してください。\n>")
	tm.send("q\r")
	if err := tm.waitExit(); err != nil {
		t.Fatalf("exit: %v\n%s", err, tm.screen.Text())
	}
	raw := tm.raw.String()
	if !strings.Contains(raw, "TERM=dumb の端末では画面を描けないので、読み上げ向けのテキストモード（--accessible）で始めます。") ||
		!strings.Contains(raw, "読み上げ向けのテキストモードです") {
		t.Errorf("TERM=dumb did not start the accessible mode:\n%s", raw)
	}
	if strings.Contains(raw, "\x1b") {
		t.Errorf("escape sequences on a dumb terminal: %q", raw)
	}
}

// readmeExample is the shell example in the README's accessible-mode
// section: the lines of its first sh block there.
func readmeExample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(b)[strings.Index(string(b), "## Accessible mode"):]
	m := regexp.MustCompile("(?s)```sh\n(.*?)```").FindStringSubmatch(section)
	if m == nil {
		t.Fatal("no sh example in the README's accessible-mode section")
	}
	return m[1]
}

// TestReadmeAccessibleExampleRuns runs the README's piped example as
// written, with the built bansou, on an empty database and on a used one
// whose learner has a worry and an action to bring back: each time the
// answer lands on 実現したいこと and every command exits 0.
func TestReadmeAccessibleExampleRuns(t *testing.T) {
	script := readmeExample(t)
	bin := t.TempDir()
	if err := os.Symlink(binary, filepath.Join(bin, "bansou")); err != nil {
		t.Fatal(err)
	}
	run := func(env map[string]string) string {
		t.Helper()
		cmd := exec.Command("sh", "-e", "-c", script)
		cmd.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("the README example: %v\n%s", err, out)
		}
		return string(out)
	}
	for _, used := range []bool{false, true} {
		env := isolated(t)
		if used {
			seedUsed(t, env)
		}
		out := run(env)
		if got := storedAnswerIn(t, env, "p:achieve"); got != "新しい事業を\n一から経験したい" {
			t.Errorf("used %v: the answer %q\n%s", used, got, out)
		}
		if used && !strings.Contains(out, "評価が下がらないか") {
			t.Errorf("the used database's worry was not brought back:\n%s", out)
		}
	}
}

// seedUsed makes the database of a companion who has held a check-in with
// 山田 花子: a worry and an action are open, to be brought back.
func seedUsed(t *testing.T, env map[string]string) {
	t.Helper()
	o, s := openFor(t, env)
	defer s.Close()
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "株式会社みらい",
		HostOrg: "NPO法人つなぐ", Start: today().AddDays(-30), End: today().AddDays(150)})
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := o.library()
	flow, _ := lib.Flow("checkin")
	sess, err := s.StartSession(ctx, model.NewSession(flow, e.ID, model.Ja, testNow))
	if err != nil {
		t.Fatal(err)
	}
	p := model.ProgressOf(sess, nil, false)
	p.Anxieties = []model.Anxiety{{ID: "anx-1", EngagementID: e.ID, SessionID: sess.ID, Text: "評価が下がらないか", Intensity: 3,
		CreatedAt: testNow, UpdatedAt: testNow}}
	p.Actions = []model.Action{{ID: "act-1", EngagementID: e.ID, SessionID: sess.ID, Text: "上司に週報を送る",
		Owner: model.OwnerLearner, CreatedAt: testNow, UpdatedAt: testNow}}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSessionOpen(ctx, sess.ID, false); err != nil {
		t.Fatal(err)
	}
}
