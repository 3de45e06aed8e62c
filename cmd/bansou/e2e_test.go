package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"bansou/internal/fixture"
	"bansou/internal/hostile"
	"bansou/internal/vt"
	"bansou/model"
	"bansou/model/sqlite"
)

// binary is the bansou executable built once for the end-to-end tests,
// with a clock the tests set (the tag testclock); crashBinary is the same
// with a key that makes it panic; releaseBinary is bansou as it is
// released, with neither.
var binary, crashBinary, releaseBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "bansou-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "bansou")
	crashBinary = filepath.Join(dir, "bansou-crashtest")
	releaseBinary = filepath.Join(dir, "bansou-release")
	for _, b := range [][]string{{"-tags", "testclock", "-o", binary}, {"-tags", "crashtest,testclock", "-o", crashBinary},
		{"-o", releaseBinary}} {
		build := exec.Command("go", append(append([]string{"build"}, b...), ".")...)
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			panic("building bansou: " + err.Error())
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// terminal is bansou running in a real pseudo-terminal, read through a
// terminal emulator.
type terminal struct {
	t      testing.TB
	cmd    *exec.Cmd
	pty    *os.File
	screen *vt.Screen
	raw    *rawOutput
	exited chan error
	dead   chan struct{} // closed once bansou has exited
	// drained is closed once everything bansou wrote has been read from
	// the terminal (its exit is seen before its last output may be).
	drained chan struct{}
	// forbidden are texts the screen must never show while the test
	// waits on it.
	forbidden []string
	// wrote has a value after bansou wrote something, for waiting without
	// polling.
	wrote chan struct{}
}

// rawOutput keeps every byte bansou wrote, escape sequences included.
type rawOutput struct {
	mu  sync.Mutex
	buf []byte
}

func (r *rawOutput) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf = append(r.buf, p...)
	return len(p), nil
}

// notify signals a channel (without blocking) after every write.
type notify chan struct{}

func (n notify) Write(p []byte) (int, error) {
	select {
	case n <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (r *rawOutput) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return string(r.buf)
}

func startTerminal(t testing.TB, env []string, w, h int, args ...string) *terminal {
	t.Helper()
	return startBinary(t, binary, env, w, h, args...)
}

func startBinary(t testing.TB, bin string, env []string, w, h int, args ...string) *terminal {
	t.Helper()
	return startTapped(t, bin, nil, env, w, h, args...)
}

// startTapped is startBinary with a tap, made with the terminal (to answer
// through), given every piece of the output as it is read, before the
// screen takes it.
func startTapped(t testing.TB, bin string, tap func(pty *os.File) io.Writer, env []string, w, h int, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		t.Fatal(err)
	}
	tm := &terminal{t: t, cmd: cmd, pty: f, screen: vt.New(w, h), raw: &rawOutput{}, exited: make(chan error, 1),
		dead: make(chan struct{}), drained: make(chan struct{}), wrote: make(chan struct{}, 1)}
	out := []io.Writer{tm.screen, tm.raw, notify(tm.wrote)}
	if tap != nil {
		out = append([]io.Writer{tap(f)}, out...)
	}
	go func() {
		io.Copy(io.MultiWriter(out...), f)
		close(tm.drained)
	}()
	go func() {
		tm.exited <- cmd.Wait()
		close(tm.dead)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		f.Close()
	})
	return tm
}

// waitFor waits until the screen shows text.
func (tm *terminal) waitFor(text string) {
	tm.t.Helper()
	tm.waitUntil(fmt.Sprintf("showed %q", text), func(screen string) bool { return strings.Contains(screen, text) })
}

// waitUntil waits until the screen satisfies cond.
func (tm *terminal) waitUntil(what string, cond func(screen string) bool) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		screen := tm.screen.Text()
		tm.refuse(screen)
		if cond(screen) {
			return
		}
		select { // the next write, or the clock for conditions that are not the screen
		case <-tm.wrote:
		case <-time.After(50 * time.Millisecond):
		}
	}
	tm.t.Fatalf("the screen never %s; it shows:\n%s", what, tm.screen.Text())
}

// refuse fails the test if the screen shows a forbidden text.
func (tm *terminal) refuse(screen string) {
	tm.t.Helper()
	for _, f := range tm.forbidden {
		if strings.Contains(screen, f) {
			tm.t.Fatalf("the screen shows %q:\n%s", f, screen)
		}
	}
}

// waitForOutput waits until bansou has written seq, escape sequences
// included, and returns how much it had written then.
func (tm *terminal) waitForOutput(what, seq string) int {
	tm.t.Helper()
	n := 0
	tm.waitUntil(fmt.Sprintf("wrote %s (%q)", what, seq), func(string) bool {
		out := tm.raw.String()
		n = len(out)
		return strings.Contains(out, seq)
	})
	return n
}

func (tm *terminal) send(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if _, err := tm.pty.Write([]byte(k)); err != nil {
			tm.t.Fatal(err)
		}
	}
}

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyTab   = "\t"
	keyEsc   = "\x1b"
	ctrlC    = "\x03"
	ctrlN    = "\x0e"
	ctrlS    = "\x13"
	ctrlT    = "\x14"
	keyLeft  = "\x1b[D"
)

func (tm *terminal) waitExit() error {
	tm.t.Helper()
	select {
	case err := <-tm.exited:
		// What bansou wrote last may still be on its way through the
		// terminal: read it all before anything looks at the output.
		select {
		case <-tm.drained:
		case <-time.After(5 * time.Second):
		}
		return err
	case <-time.After(15 * time.Second):
		tm.t.Fatalf("bansou did not exit; screen:\n%s", tm.screen.Text())
	}
	return nil
}

// leaveForLater waits until what was typed is saved, leaves the session
// keeping it for later, quits and returns how bansou exited.
func (tm *terminal) leaveForLater() error {
	tm.t.Helper()
	tm.waitFor("保存済み")
	tm.send(keyEsc)
	tm.waitFor("セッションを離れます")
	tm.send("l")
	tm.waitFor("途中として保存しました")
	tm.send(ctrlC)
	return tm.waitExit()
}

// envList is env (from isolated) as os/exec wants it, in a terminal.
func envList(env map[string]string) []string {
	list := []string{"PATH=" + os.Getenv("PATH"), "TERM=xterm-256color"}
	for k, v := range env {
		list = append(list, k+"="+v)
	}
	return list
}

func testEnv(dir string) []string {
	return append([]string{
		"HOME=" + dir,
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"LANG=ja_JP.UTF-8",
		"TERM=xterm-256color",
		"PATH=" + os.Getenv("PATH"),
	}, clockEnv()...)
}

// TestEndToEndKillResumeExport creates an engagement, types a Japanese
// answer, kills bansou with SIGKILL in the middle of it, starts again,
// resumes at the same prompt with the same text, finishes, and finds the
// answer in the JSON export.
func TestEndToEndKillResumeExport(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)

	tm := startTerminal(t, env, 80, 24)
	tm.waitFor("まだエンゲージメントがありません")
	tm.send("n")
	tm.waitFor("新しいエンゲージメント")
	tm.send("山田 花子", keyTab, "株式会社みらい", keyTab, "NPO法人つなぐ", keyTab, day(10), keyTab, day(191),
		keyTab, keyTab, keyTab, keyTab, "佐藤 一郎")
	tm.waitFor("佐藤 一郎")
	tm.send(ctrlS)
	tm.waitFor("株式会社みらい → NPO法人つなぐ")
	tm.send("n")
	tm.waitFor("どのセッションを始めますか")
	tm.send(keyEnter)
	tm.waitFor("1. 実現したいこと")
	tm.send(ctrlN)
	tm.waitFor("2. なぜ今、外へ")

	first := "今しかないと思いました。新しい事業を"
	tm.send(first)
	tm.waitFor(first)
	tm.waitFor("保存済み")
	// Kill in the middle of the answer, without any chance to clean up.
	if err := tm.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	tm.waitExit()

	tm2 := startTerminal(t, env, 80, 24)
	tm2.waitFor("途中のセッションがあります")
	tm2.waitFor("なぜ今、外へ")
	tm2.send(keyEnter)
	tm2.waitFor("2. なぜ今、外へ")
	tm2.waitFor(first)
	rest := "現場で学びたい。"
	tm2.send(rest)
	tm2.waitFor(first + rest)
	if os.Getenv("BANSOU_E2E_SHOW") != "" {
		t.Logf("screen:\n%s", tm2.screen.Text())
	}
	tm2.send(keyEsc)
	tm2.waitFor("セッションを離れます")
	tm2.send("f")
	tm2.waitFor("完了")
	tm2.send(ctrlC)
	tm2.waitExit()

	// The database and its folder are private.
	dbPath := filepath.Join(dir, "data", "bansou", "bansou.db")
	if info, err := os.Stat(dbPath); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("database mode: %v %v", info.Mode(), err)
	}
	if info, err := os.Stat(filepath.Dir(dbPath)); err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("data folder mode: %v %v", info.Mode(), err)
	}

	doc := exportFrom(t, env, "--engagement", "1")
	if doc.Format != model.ExportFormat || len(doc.Engagements) != 1 || len(doc.Engagements[0].Sessions) != 1 {
		t.Fatalf("export = %+v", doc)
	}
	s := doc.Engagements[0].Sessions[0]
	st, ok := s.Step("p:why-now")
	if !ok || st.Answer != first+rest || s.Status != model.Done {
		t.Fatalf("exported session: status %s, step %+v", s.Status, st)
	}
	if doc.Engagements[0].Learner.Name != "山田 花子" {
		t.Fatalf("learner = %q", doc.Engagements[0].Learner.Name)
	}
}

// sessionInTerminal starts bansou in a w×h pseudo-terminal on a data
// directory of its own and opens a purpose extraction there (startSession).
func sessionInTerminal(t *testing.T, w, h int) (tm *terminal, env []string, dir string) {
	t.Helper()
	dir = t.TempDir()
	env = testEnv(dir)
	tm = startTerminal(t, env, w, h)
	startSession(tm)
	return tm, env, dir
}

// addEngagement fills a first engagement's form in (the learner, from
// 株式会社みらい to host, for a stint 50 to 221 days from today), saves it
// and waits for its timeline.
func addEngagement(tm *terminal, learner, host string) {
	tm.t.Helper()
	tm.waitFor("まだエンゲージメントがありません")
	tm.send("n")
	tm.waitFor("新しいエンゲージメント")
	tm.send(learner, keyTab, "株式会社みらい", keyTab, host, keyTab, day(50), keyTab, day(221))
	tm.waitFor(day(221))
	tm.send(ctrlS)
	tm.waitFor("株式会社みらい → " + host)
}

// startSession creates an engagement and opens a purpose extraction session.
func startSession(tm *terminal) {
	tm.t.Helper()
	addEngagement(tm, "鈴木 一花", "合同会社あした")
	tm.send("n")
	tm.waitFor("どのセッションを始めますか")
	tm.send(keyEnter)
	tm.waitFor("1. 実現したいこと")
}

func storedAnswer(t *testing.T, env []string, key string) string {
	t.Helper()
	st, _ := exportFrom(t, env, "--engagement", "1").Engagements[0].Sessions[0].Step(key)
	return st.Answer
}

// exportFrom runs bansou's JSON export (of what args choose).
func exportFrom(t *testing.T, env []string, args ...string) model.Export {
	t.Helper()
	cmd := exec.Command(binary, append(append([]string{"export"}, args...), "--format", "json")...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var doc model.Export
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestPanicRestoresTerminalAndKeepsAnswers makes bansou panic in the middle
// of a session: the terminal is given back with a clear message, the exit
// status is 1, and the saved answer is there on the next start.
func TestPanicRestoresTerminalAndKeepsAnswers(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)
	tm := startBinary(t, crashBinary, env, 80, 24)
	startSession(tm)
	answer := "パニックが起きても消えない答え"
	tm.send(answer)
	tm.waitFor(answer)
	tm.waitFor("保存済み")
	tm.send("\x1d") // ctrl+]
	err := tm.waitExit()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit = %v", err)
	}
	tm.waitFor("stopped by an internal error")
	if strings.Contains(tm.screen.Text(), "1. 実現したいこと") {
		t.Fatalf("the alternate screen was not left:\n%s", tm.screen.Text())
	}
	if got := storedAnswer(t, env, "p:achieve"); got != answer {
		t.Fatalf("stored answer %q", got)
	}
	tm2 := startTerminal(t, env, 80, 24)
	tm2.waitFor("途中のセッションがあります")
	tm2.send(keyEnter)
	tm2.waitFor(answer)
}

// TestEndToEndJapaneseLocaleKeepsColumns types an answer full of East Asian
// ambiguous-width characters under LANG=ja_JP.UTF-8 (testEnv), with which
// go-runewidth would count them as two cells, into a terminal that shows
// them as one: every line fits and the step list on the right stays in one
// column.
func TestEndToEndJapaneseLocaleKeepsColumns(t *testing.T) {
	dir := t.TempDir()
	tm := startTerminal(t, testEnv(dir), 80, 24)
	startSession(tm)
	answer := "① 新しい事業→現場で一から経験したい※ カフェ（café）の店長とも話す…"
	tm.send(answer)
	tm.waitFor("とも話す…")
	tm.waitFor("保存済み")
	promptListInOneColumn(t, tm.screen.Text(), 80, 10)
}

// voiced is text full of half-width katakana with voicing marks (ﾀﾞ, ﾊﾟ),
// which a terminal draws in two cells each where a grapheme-cluster count
// (Lip Gloss) says one: long enough that a row on the home screen has to
// be cut.
func voiced(f fixture.Field) string {
	return "ﾀﾞｲｶﾞｸﾉﾊﾟｿｺﾝﾃﾞﾃﾞｰﾀｦｱﾂﾒﾙ" + f.Name
}

// TestEndToEndVoicedHalfWidthKanaKeepColumns draws the home list and a
// session whose learner, organisations and answer are written in
// half-width katakana with voicing marks, in a pseudo-terminal read by an
// emulator that counts cells as xterm and tmux do (one code point at a
// time): the home row is cut with "…" at the screen's edge, not beyond it,
// and the list of prompts on the right stays in one column on every row,
// the rows holding the voiced kana included.
func TestEndToEndVoicedHalfWidthKanaKeepColumns(t *testing.T) {
	env := isolated(t)
	fillDatabase(t, env, voiced)
	list := envList(env)
	const w, h = 100, 30
	tm := startTerminal(t, list, w, h)
	tm.waitFor("learner")
	var row string
	for _, l := range strings.Split(tm.screen.Text(), "\n") {
		if strings.Contains(l, "learner") {
			row = l
		}
	}
	// "▸ " and the row cut to w-4 cells, its last one "…".
	if !strings.HasSuffix(row, "…") || vt.Width(row) != w-2 {
		t.Errorf("the home row is %d cells, not %d ending in …: %q", vt.Width(row), w-2, row)
	}

	tm.send(keyEnter)
	tm.waitFor("伴走者:")
	tm.send("n")
	tm.waitFor("どのセッションを始めますか")
	tm.send("1")
	// The session opens on the worries from before, in the voiced kana.
	tm.waitFor("これまでの不安は、いまどうですか")
	promptListInOneColumn(t, tm.screen.Text(), w, 14)
	tm.send(ctrlN, ctrlN)
	// The first prompt of the chooser's first flow on the test's day (the
	// fixture's stint has fixed dates; the chooser lists the phase's flows
	// first): purpose extraction before it, a reflection after.
	tm.waitUntil("the first prompt", func(screen string) bool {
		return strings.Contains(screen, "\n1. 実現したいこと") || strings.Contains(screen, "\n1. 学んだこと")
	})
	tm.send("ﾀﾞｲｶﾞｸﾃﾞﾊﾟｿｺﾝｦﾂｶｯﾃﾃﾞｰﾀｦｱﾂﾒﾀｲ", keyEnter, "ﾍﾞﾝｷｮｳﾉﾀﾞｲｶﾞｸﾉﾊﾟﾝﾌﾚｯﾄ")
	tm.waitFor("ﾌﾚｯﾄ")
	tm.waitFor("保存済み")
	promptListInOneColumn(t, tm.screen.Text(), w, 14)
	tm.send(ctrlC)
	tm.waitExit()
}

// promptListInOneColumn checks that no line of a session's screen is wider
// than width and that the list of prompts on the right, its title and at
// least min marks, starts at the same column on every row.
func promptListInOneColumn(t *testing.T, screen string, width, min int) {
	t.Helper()
	listCol, rows := -1, 0
	for i, l := range strings.Split(screen, "\n") {
		if w := vt.Width(l); w > width {
			t.Errorf("line %d is %d cells wide: %q", i, w, l)
		}
		at := strings.Index(l, "問い（回答")
		if at < 0 {
			at = max(strings.LastIndex(l, "● "), strings.LastIndex(l, "○ "))
		}
		if at <= 0 {
			continue
		}
		rows++
		if col := vt.Width(l[:at]); listCol < 0 {
			listCol = col
		} else if col != listCol {
			t.Errorf("line %d has the list of prompts at column %d, not %d", i, col, listCol)
		}
	}
	if rows < min || t.Failed() {
		t.Fatalf("the list of prompts (%d rows) is not one column:\n%s", rows, screen)
	}
}

// TestClosedTerminalSavesLastKeystrokes sends SIGHUP, as closing a terminal
// window does, right after typing: the text not yet autosaved is written
// before bansou exits.
func TestClosedTerminalSavesLastKeystrokes(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			tm, env, _ := sessionInTerminal(t, 80, 24)
			answer := "閉じる直前に打った言葉"
			tm.send(answer)
			tm.waitFor(answer)
			if err := tm.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			tm.waitExit()
			if got := storedAnswer(t, env, "p:achieve"); got != answer {
				t.Fatalf("stored answer %q", got)
			}
		})
	}
}

// TestEndToEndThreePartyAgreement records a three-party agreement in Japanese
// in a pseudo-terminal and prints it with export --agreement.
func TestEndToEndThreePartyAgreement(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)
	tm := startTerminal(t, env, 100, 32)
	addEngagement(tm, "佐藤 未来", "NPO法人つなぐ")
	tm.send("n")
	tm.waitFor("どのセッションを始めますか")
	tm.send("\x1b[B", "\x1b[B") // down, down: the three-party agreement
	tm.waitFor("▸ 3 三者合意")
	tm.send(keyEnter)
	tm.waitFor("1. 役割と業務範囲")
	tm.waitFor("本人の期待")

	tm.send("地域の課題を事業にする経験を積みたい", keyTab, "4", keyTab)
	tm.waitFor("地域の課題を事業にする経験を積みたい")
	tm.send("新規事業の進め方を持ち帰ってほしい", keyTab, "2", keyTab)
	tm.waitFor("要確認: 納得度の差が 2 あります")
	tm.send("週3日は現場の運営を任せたい", keyTab, "3", keyTab)
	tm.send("週3日は運営、残りで新規事業の企画に参加する")
	tm.waitFor("週3日は運営、残りで新規事業の企画に参加する")
	tm.waitFor("保存済み")
	tm.send(keyEsc)
	tm.waitFor("セッションを離れます")
	tm.send("f")
	tm.waitFor("セッションを完了にしました")
	tm.send("4")
	tm.waitFor("本人 4 │ 所属組織 2 │ 越境先 3")
	tm.send(ctrlC)
	tm.waitExit()

	cmd := exec.Command(binary, "export", "--engagement", "1", "--agreement")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("export --agreement: %v", err)
	}
	doc := string(out)
	for _, want := range []string{
		"# 三者合意書 — 佐藤 未来",
		"- 当事者: 佐藤 未来（本人）、株式会社みらい（所属組織）、NPO法人つなぐ（越境先）",
		"## 役割と業務範囲",
		"| 本人 | 地域の課題を事業にする経験を積みたい | 4/5 |",
		"| 所属組織 | 新規事業の進め方を持ち帰ってほしい | 2/5 |",
		"| 越境先 | 週3日は現場の運営を任せたい | 3/5 |",
		"週3日は運営、残りで新規事業の企画に参加する",
		"要確認: 納得度の差が 2 あります",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("agreement document lacks %q:\n%s", want, doc)
		}
	}
}

// TestEndToEndSearchPrivacyAndComparison types an answer, finds it with /
// in a pseudo-terminal, opens the session at that prompt from the result,
// makes the answer private with ctrl+l, opens the comparison, and checks
// that an export for the learner leaves the private answer out.
func TestEndToEndSearchPrivacyAndComparison(t *testing.T) {
	tm, env, _ := sessionInTerminal(t, 100, 30)
	tm.send(ctrlN)
	tm.waitFor("2. なぜ今、外へ")
	tm.send("母の介護があり、今しか行けないと思った")
	tm.waitFor("保存済み")
	tm.send(keyEsc)
	tm.waitFor("セッションを離れます")
	tm.send("l")
	tm.waitFor("株式会社みらい → 合同会社あした")

	tm.send("/")
	tm.waitFor("探す言葉")
	tm.send("介護")
	tm.waitFor("1 件")
	tm.waitFor("鈴木 一花")
	tm.waitFor("なぜ今、外へ")
	tm.send(keyEnter)
	tm.waitFor("2. なぜ今、外へ")
	tm.waitFor("回答（本人の言葉で）［共有］")
	tm.send("\x0c") // ctrl+l
	tm.waitFor("回答（本人の言葉で）［非公開］")
	tm.waitFor("保存済み")
	tm.send(keyEsc)
	tm.waitFor("セッションを離れます")
	tm.send("l")
	tm.waitFor("（回答・非公開）") // back on the search, refreshed
	tm.send(keyEsc)
	tm.waitFor("株式会社みらい → 合同会社あした")
	tm.send("c")
	tm.waitFor("比較 — 鈴木 一花")
	tm.waitFor("不安：出発時と今")
	tm.send(ctrlC)
	tm.waitExit()

	cmd := exec.Command(binary, "export", "--engagement", "1", "--audience", "learner")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	if strings.Contains(string(out), "介護") || !strings.Contains(string(out), "この文書の読み手: 本人") {
		t.Fatalf("learner's export:\n%s", out)
	}
}

// inTerminal runs bansou with args in a pseudo-terminal and returns all it
// wrote, with the terminal's CR LF line ends made LF.
func inTerminal(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	c := exec.Command(binary, args...)
	c.Env = []string{"TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
	for k, v := range env {
		c.Env = append(c.Env, k+"="+v)
	}
	f, err := pty.Start(c)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(f) // ends with EIO when the process exits
	c.Wait()
	f.Close()
	return strings.ReplaceAll(string(out), "\r\n", "\n")
}

// TestExportsToATerminalAreHarmless prints every export, and every command
// that prints what companions type, straight to a pseudo-terminal, with
// control sequences in every record: they arrive as visible stand-ins (or
// JSON escapes), never as bytes the terminal acts on.
func TestExportsToATerminalAreHarmless(t *testing.T) {
	env := isolated(t)
	recs := fillDatabase(t, env, hostileText)
	for _, args := range append(everyExport(recs), []string{"rounds"}, []string{"search", "評価"}) {
		out := inTerminal(t, env, args...)
		checkShown(t, strings.Join(args, " "), out)
	}
}

// TestInterfaceInATerminalWritesNoPayload runs the interface and the
// accessible mode in a pseudo-terminal over records holding control
// sequences everywhere, goes through the home screen, an engagement's tabs,
// a session's review, search and a session, and finds none of the
// payloads in all that bansou wrote (the interface moves the cursor and
// queries the terminal itself, so only the payloads count there; the
// accessible mode writes no sequence at all).
func TestInterfaceInATerminalWritesNoPayload(t *testing.T) {
	env := isolated(t)
	fillDatabase(t, env, hostileText)
	list := envList(env)
	tm := startTerminal(t, list, 100, 30)
	tm.waitFor("learner評価が␛[2J気に␛[Hなる。")
	tm.send(keyEnter)
	tm.waitFor("sending-org評価が␛[2J")
	for _, tab := range []string{"2", "3", "4", "1"} {
		tm.send(tab)
	}
	tm.waitFor("セッション 5")
	tm.send("r")
	tm.waitFor("続きを書く") // the review's keys
	tm.send(keyEsc)
	tm.waitFor("セッション開始")
	tm.send("/")
	tm.waitFor("1文字から探せて")
	tm.send("評価")
	tm.waitFor("その問いを開く") // the results' keys
	tm.send(keyEnter)
	tm.waitFor("esc 終える") // the session's keys
	tm.send(keyEsc)
	tm.waitFor("セッションを離れます")
	tm.send("l")
	tm.waitFor("その問いを開く")
	tm.send(ctrlC)
	tm.waitExit()
	hostile.CheckRaw(t, "the interface", tm.raw.String())

	acc := startTerminal(t, list, 100, 30, "--accessible")
	acc.waitFor("番号を入力してください。")
	for _, line := range []string{"2", "3", "/list", "/jump 1", "/later", "q"} {
		acc.send(line + "\r")
	}
	acc.waitExit()
	out := strings.ReplaceAll(acc.raw.String(), "\r\n", "\n")
	hostile.Check(t, "the accessible mode", out)
	if !strings.Contains(out, "private-worry評価が␛[2J") {
		t.Errorf("the accessible mode did not show the worries:\n%s", out)
	}
}

// TestEndToEndColoursFollowTheTerminal: bansou asks the terminal for its
// background colour (OSC 11) and starts in the dark palette; a light answer
// turns the title to the light one. With --theme dark it does not ask.
func TestEndToEndColoursFollowTheTerminal(t *testing.T) {
	const (
		query      = "\x1b]11;?"
		darkTitle  = "38;2;95;215;215" // #5FD7D7
		lightTitle = "38;2;0;120;122"  // #00787A
	)
	env := append(testEnv(t.TempDir()), "COLORTERM=truecolor")

	tm := startTerminal(t, env, 80, 24)
	tm.waitFor("まだエンゲージメントがありません")
	tm.waitForOutput("the background query", query)
	tm.waitForOutput("the dark title", darkTitle)
	if strings.Contains(tm.raw.String(), lightTitle) {
		t.Fatal("the light palette before the terminal answered")
	}
	tm.send("\x1b]11;rgb:ffff/ffff/ffff\x1b\\") // a white background
	tm.waitForOutput("the light title", lightTitle)
	tm.send("?") // the help screen, drawn anew
	tm.waitFor("esc または ? で閉じる")
	out := tm.raw.String()
	if after := out[strings.Index(out, lightTitle):]; strings.Contains(after, darkTitle) {
		t.Fatalf("the dark palette after a light answer: %q", after)
	}
	tm.send(keyEsc)
	tm.waitFor("まだエンゲージメントがありません")
	tm.send(ctrlC)
	tm.waitExit()

	fixed := startTerminal(t, env, 80, 24, "--theme", "dark")
	fixed.waitFor("まだエンゲージメントがありません")
	fixed.waitForOutput("the dark title", darkTitle)
	fixed.send(ctrlC)
	fixed.waitExit()
	if strings.Contains(fixed.raw.String(), query) {
		t.Fatal("--theme dark still asks the terminal for its background")
	}
}

// resize sets the size of the pseudo-terminal (which tells bansou with
// SIGWINCH) and of the emulator reading it.
func (tm *terminal) resize(w, h int) {
	tm.t.Helper()
	if err := pty.Setsize(tm.pty, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}); err != nil {
		tm.t.Fatal(err)
	}
	tm.screen.Resize(max(w, 1), max(h, 1))
}

// TestEndToEndResizeStorm resizes the terminal hundreds of times in the
// middle of a session, to random and extreme sizes (0×0, 1×1, 20×6,
// 300×100), typing Japanese at sizes where the answer is shown. bansou
// keeps running, ends up drawing the session for the last size, and saves
// every character typed.
func TestEndToEndResizeStorm(t *testing.T) {
	tm, env, _ := sessionInTerminal(t, 80, 24)
	rng := rand.New(rand.NewPCG(11, 13))
	special := [][2]int{{0, 0}, {1, 1}, {20, 6}, {300, 100}, {39, 12}, {40, 12}}
	chunks := []string{"嵐の", "中でも", "書いた", "言葉は", "残る"}
	typed := ""
	// The footer ends at the right edge of the last row only in a frame
	// drawn for the terminal's size (a wider one is cut, a taller one
	// scrolled, and an old one left by a smaller size was cleared).
	sessionDrawn := func(screen string) bool {
		lines := strings.Split(screen, "\n")
		return strings.HasSuffix(lines[len(lines)-1], "f1 ヘルプ") && strings.Contains(screen, "1. 実現したいこと") &&
			strings.Contains(screen, "┃ "+typed)
	}
	for n := 0; n < 300; n++ {
		w, h := rng.IntN(200), rng.IntN(60)
		if n%5 == 0 {
			s := special[rng.IntN(len(special))]
			w, h = s[0], s[1]
		}
		tm.resize(w, h)
		if w == 20 && h == 6 {
			tm.waitFor("20×6") // bansou is keeping up: it drew this size
		}
		if n%60 == 59 {
			// Type only once bansou shows the session at a size where the
			// answer fits on one line: keys at a too-small size are ignored.
			tm.resize(120, 30)
			tm.waitUntil("drew the session at 120×30", sessionDrawn)
			chunk := chunks[n/60%len(chunks)]
			tm.send(chunk)
			typed += chunk
			tm.waitFor(typed)
		}
	}
	tm.resize(100, 30)
	tm.waitUntil("drew the session at 100×30", sessionDrawn)
	if screen := tm.screen.Text(); strings.Contains(screen, "小さすぎ") || !strings.Contains(screen, "14 目的を一言で") {
		t.Fatalf("the last frame is not the whole session:\n%s", screen)
	}
	tm.waitFor("保存済み")
	tm.send(ctrlC)
	tm.waitExit()
	if got := storedAnswer(t, env, "p:achieve"); got != typed {
		t.Fatalf("stored answer %q, typed %q", got, typed)
	}
}

// TestEndToEndResumeInTheNoteAtTheCaret: bansou is killed while the
// companion writes the note with the caret moved back into it; started
// again and resumed, the keys are in the note with the caret where it was,
// so the words typed next go in there, not at the end of the answer.
func TestEndToEndResumeInTheNoteAtTheCaret(t *testing.T) {
	tm, env, dir := sessionInTerminal(t, 80, 24)
	tm.send("新しい事業を経験したい", keyTab, "声が小さくなった")
	tm.waitFor("声が小さくなった")
	tm.send(keyLeft, keyLeft, keyLeft)
	// Saved a moment after the caret stopped moving, then killed.
	want := model.Place{Area: model.AreaNote, Caret: 5, Of: 8}
	tm.waitUntil("the caret's place saved", func(string) bool {
		ro, err := sqlite.OpenReadOnly(filepath.Join(dir, "data", "bansou", "bansou.db"), sqlite.Options{})
		if err != nil {
			return false
		}
		defer ro.Close()
		s, err := ro.Session(context.Background(), 1)
		return err == nil && s.Place == want
	})
	if err := tm.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	tm.waitExit()

	tm2 := startTerminal(t, env, 80, 24)
	tm2.waitFor("途中のセッションがあります")
	tm2.send(keyEnter)
	tm2.waitFor("1. 実現したいこと")
	tm2.send("とても")
	tm2.waitFor("声が小さくとてもなった")
	tm2.waitFor("保存済み")
	tm2.send(ctrlC)
	tm2.waitExit()
	st := exportFrom(t, env, "--engagement", "1").Engagements[0].Sessions[0].Steps[0]
	if st.Note != "声が小さくとてもなった" || st.Answer != "新しい事業を経験したい" {
		t.Fatalf("after resuming: answer %q, note %q", st.Answer, st.Note)
	}
}
