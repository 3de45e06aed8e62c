package main

import (
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"bansou/model"
)

// importInto runs bansou import on a file holding doc and returns its exit
// status and what it printed.
func importInto(t *testing.T, env []string, doc model.Export) (code int, stdout, stderr string) {
	t.Helper()
	file := writeDoc(t, doc)
	var out, errb strings.Builder
	cmd := exec.Command(binary, "import", file)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// windowWithAnswer starts bansou in a terminal with a session open and an
// answer typed and saved.
func windowWithAnswer(t *testing.T) (*terminal, []string, string) {
	t.Helper()
	tm, env, dir := sessionInTerminal(t, 80, 24)
	tm.send("窓で書いた答え")
	tm.waitFor("┃ 窓で書いた答え")
	tm.waitFor("保存済み")
	return tm, env, dir
}

// answerInFile changes a step of the first session of doc as another
// computer would have, a minute after the window's answers (within the
// clock skew an import allows), and leaves the session at that step.
func answerInFile(doc *model.Export, key, text string) {
	s := &doc.Engagements[0].Sessions[0]
	later := testNow.Add(2 * time.Minute)
	*s, _ = model.Apply(*s, model.Jump{Key: key}, later)
	*s, _ = model.Apply(*s, model.SetAnswer{Text: text}, later)
}

// TestEndToEndImportLeavesTheOpenSessionToItsWindow: bansou has a session
// open in a terminal. bansou import of a file that changes that session
// refuses it by name (learner, flow, id) and says to close it there and
// import again, imports the rest of the file (a new learner) and exits
// with status 1; the window goes on saving its own text, which is on disk
// afterwards.
func TestEndToEndImportLeavesTheOpenSessionToItsWindow(t *testing.T) {
	tm, env, _ := windowWithAnswer(t)
	doc := exportFrom(t, env, "--all")
	uid := doc.Engagements[0].Sessions[0].UID
	answerInFile(&doc, "p:achieve", "ファイルから届いた答え")
	doc.Engagements = append(doc.Engagements, newLearner())
	code, stdout, stderr := importInto(t, env, doc)
	if code != 1 {
		t.Fatalf("exit status %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"engagements[0].sessions[0]（鈴木 一花・目的抽出、id " + uid + "）",
		"このセッションは別の bansou で開かれているため、何も書き込みませんでした",
		"そちらでセッションを閉じてから、もう一度取り込んでください"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "新しいエンゲージメント 1 件") {
		t.Errorf("the rest of the file was not imported:\n%s", stdout)
	}

	tm.forbidden = []string{"保存できていません", "書き換えられました", "ファイルから届いた答え"}
	tm.send("、窓で続けた")
	tm.waitFor("┃ 窓で書いた答え、窓で続けた")
	if err := tm.leaveForLater(); err != nil {
		t.Fatal(err)
	}
	if got := storedAnswer(t, env, "p:achieve"); got != "窓で書いた答え、窓で続けた" {
		t.Fatalf("stored %q", got)
	}
	cmd := exec.Command(binary, "export", "--list")
	cmd.Env = env
	if out, _ := cmd.Output(); !strings.Contains(string(out), "高橋 二郎") {
		t.Fatalf("list: %s", out)
	}
}

// TestEndToEndWindowNoticesAChangeMadeUnderIt: bansou has a session open
// in a terminal, and an import changes it all the same (at that moment the
// window's lease named a process that had ended, so the import found it
// lapsed). The window's next save is refused: it says so,
// keeps its text on screen and writes nothing over the imported answer nor
// over its own first answer. Leaving closes its copy, saying that opening
// the session again shows the newer version, which it then does.
func TestEndToEndWindowNoticesAChangeMadeUnderIt(t *testing.T) {
	tm, env, dir := windowWithAnswer(t)
	doc := exportFrom(t, env, "--all")
	answerInFile(&doc, "p:why-now", "取り込みで届いた答え")
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "data", "bansou", "bansou.db")+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var window int
	if err := db.QueryRow(`SELECT lease_pid FROM sessions WHERE id = 1`).Scan(&window); err != nil || window != tm.cmd.Process.Pid {
		t.Fatalf("the session is open by %d (%v), want the window %d", window, err, tm.cmd.Process.Pid)
	}
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE sessions SET lease_pid = ? WHERE id = 1`, ended.Process.Pid); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := importInto(t, env, doc)
	if code != 0 {
		t.Fatalf("import: %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := db.Exec(`UPDATE sessions SET lease_pid = ? WHERE id = 1`, window); err != nil {
		t.Fatal(err)
	}

	tm.send("、窓で続けた")
	tm.waitFor("このセッションは、この画面の外で")
	tm.waitFor("┃ 窓で書いた答え、窓で続けた")
	tm.waitFor("保存できていません")
	tm.send("。まだ打つ")
	tm.waitFor("┃ 窓で書いた答え、窓で続けた。まだ打つ")
	if got := storedAnswer(t, env, "p:achieve"); got != "窓で書いた答え" {
		t.Fatalf("the window's first answer is now %q", got)
	}
	if got := storedAnswer(t, env, "p:why-now"); got != "取り込みで届いた答え" {
		t.Fatalf("the imported answer is now %q", got)
	}

	tm.send(keyEsc)
	tm.waitFor("この画面の外で書き換えられています")
	tm.send("l")
	tm.waitUntil("said the copy was closed", func(string) bool {
		return strings.Contains(ansi.Strip(tm.raw.String()), "書き換えられたセッションのコピーを閉じました。開き直すと")
	})
	tm.waitFor("株式会社みらい → 合同会社あした")
	tm.waitFor("セッション 1") // the timeline, loaded again, lists the session
	tm.send(keyEnter)
	tm.waitFor("2. なぜ今、外へ")
	tm.waitFor("┃ 取り込みで届いた答え")
	tm.send(ctrlC)
	tm.waitExit()
	if got := storedAnswer(t, env, "p:why-now"); got != "取り込みで届いた答え" {
		t.Fatalf("after reopening, the imported answer is %q", got)
	}
	if os.Getenv("BANSOU_E2E_SHOW") != "" {
		t.Logf("screen:\n%s", tm.screen.Text())
	}
}
