package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"bansou/model"
	"bansou/model/sqlite"
)

// piped runs the built binary with answers piped on stdin (no terminal at
// all) and returns its output.
func piped(t *testing.T, env map[string]string, input string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdin = strings.NewReader(input)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return out.String(), errb.String(), err
}

func TestAccessibleModeWithPipedJapaneseAnswers(t *testing.T) {
	env := isolated(t)
	input := strings.Join([]string{
		"3", "山田 花子", "本社", "町工場", day(10), day(191), "", "",
		"1", "1", "1",
		"/note", "声が明るくなった", ".",
		"新しい事業の立ち上げを", "現場で一から経験したい", ".",
		"/finish", "q",
	}, "\n") + "\n"
	out, stderr, err := piped(t, env, input, "--accessible")
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, out, stderr)
	}
	for _, want := range []string{
		"読み上げ向けのテキストモード", // the language follows LANG=ja_JP.UTF-8
		"1 問目（全 14 問）: 実現したいこと",
		"> 新しい事業の立ち上げを", // piped answers are echoed as a transcript
		"セッション「目的抽出、山田 花子 さん」を終了済みにしました（全 14 問中 1 問に回答）。",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequences (alternate screen, colour, redraws) in accessible output")
	}
	// Saved as the full interface saves it: the export shows the answer,
	// the note and the finished status.
	cmd := exec.Command(binary, "export", "--engagement", "1", "--format", "json", "--include-private")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	doc, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var ex struct {
		Engagements []struct {
			Sessions []struct {
				Status string `json:"status"`
				Steps  []struct {
					Answer string `json:"answer"`
					Note   string `json:"note"`
				} `json:"steps"`
			} `json:"sessions"`
		} `json:"engagements"`
	}
	if err := json.Unmarshal(doc, &ex); err != nil {
		t.Fatal(err)
	}
	s := ex.Engagements[0].Sessions[0]
	if s.Status != "done" || s.Steps[0].Answer != "新しい事業の立ち上げを\n現場で一から経験したい" || s.Steps[0].Note != "声が明るくなった" {
		t.Fatalf("exported %+v", s)
	}
}

func TestAccessibleModeFromTheEnvironment(t *testing.T) {
	env := isolated(t)
	env["BANSOU_ACCESSIBLE"] = "1"
	env["LANG"] = "en_US.UTF-8"
	out, _, err := piped(t, env, "q\n")
	if err != nil || !strings.Contains(out, "plain text mode") || !strings.Contains(out, "Goodbye") {
		t.Fatalf("%v\n%s", err, out)
	}
	// Without it, no terminal is still refused, pointing at --accessible.
	delete(env, "BANSOU_ACCESSIBLE")
	_, stderr, err := piped(t, env, "q\n")
	if err == nil || !strings.Contains(stderr, "--accessible") {
		t.Fatalf("%v %q", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(env["XDG_DATA_HOME"], "bansou", "bansou.db")); err != nil {
		t.Fatalf("the accessible run did not use the default database: %v", err)
	}
}

func TestAccessibleModeInATerminalDrawsNothing(t *testing.T) {
	env := append(os.Environ(), "XDG_DATA_HOME="+t.TempDir(), "LANG=ja_JP.UTF-8", "TERM=xterm-256color")
	tm := startTerminal(t, env, 80, 24, "--accessible")
	// Each line is typed once the prompt (">") is out: the terminal echoes
	// what is typed at once, wherever bansou's output has got to.
	tm.waitFor("番号を入力してください。\n>")
	tm.send("3\r")
	tm.waitFor("学習者の名前（必須）\n>")
	tm.send("山田 花子\r")
	tm.waitFor("> 山田 花子") // echoed by the terminal, not twice by bansou
	if strings.Count(tm.screen.Text(), "山田 花子") != 1 {
		t.Errorf("the name shows more than once:\n%s", tm.screen.Text())
	}
	// Sequential text: what came before stays on the screen, as it would in
	// a screen reader's history (a full-screen redraw would have cleared it).
	if !strings.Contains(tm.screen.Text(), "読み上げ向けのテキストモード") {
		t.Errorf("earlier lines were cleared:\n%s", tm.screen.Text())
	}
	tm.send("\x04") // end of input in the middle of the form: the name is kept as a draft, and the status says it ended early
	if err := tm.waitExit(); exitCode(err) != 1 {
		t.Fatalf("exit: %v", err)
	}
}

func TestAccessibleModeSavesAndClosesOnASignal(t *testing.T) {
	env := isolated(t)
	var list []string
	for k, v := range env {
		list = append(list, k+"="+v)
	}
	tm := startTerminal(t, append(list, "TERM=xterm-256color"), 80, 24, "--accessible")
	tm.waitFor("番号を入力してください。")
	for _, line := range []string{"3", "山田 花子", "", "", day(10), day(191), "", "", "1", "1"} {
		tm.send(line + "\r")
	}
	tm.waitFor("どのセッションを始めますか")
	tm.send("2\r")
	tm.waitFor("1 問目（全")
	tm.send("合図の前の一行\r")
	// The terminal echoes the line, maybe before bansou reads it, and
	// nothing shows when it has: wait until it is saved, as every line is.
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	path, err := o.dbPath()
	if err != nil {
		t.Fatal(err)
	}
	lastSession := func() (model.SessionSummary, model.Session) {
		t.Helper()
		s, err := sqlite.OpenReadOnly(path, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		list, err := s.Sessions(context.Background(), 1)
		if err != nil || len(list) == 0 {
			t.Fatalf("sessions: %v %v", list, err)
		}
		sess, err := s.Session(context.Background(), list[len(list)-1].ID)
		if err != nil {
			t.Fatal(err)
		}
		return list[len(list)-1], sess
	}
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, sess := lastSession(); sess.Steps[0].Answer != "" || time.Now().After(deadline) {
			break
		}
	}
	if err := tm.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := tm.waitExit(); exitCode(err) != exitInterrupted {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, tm.screen.Text())
	}
	last, sess := lastSession()
	if last.FlowID != "anxiety" || last.Open || last.Status != "in_progress" {
		t.Fatalf("the session after the signal: %+v", last)
	}
	if got := sess.Steps[0].Answer; got != "合図の前の一行" {
		t.Errorf("answer %q", got)
	}
}
