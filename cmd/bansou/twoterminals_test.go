package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"bansou/content"
	"bansou/internal/dbtest"
	"bansou/model"
	"bansou/model/sqlite"
)

// notOnScreen are words that must never reach the screen when two bansou
// share a database in ordinary use: the driver's, a save that failed, a
// database found busy, an error.
var notOnScreen = []string{"database is locked", "locked", "SQLITE", "sqlite", "bansou.db",
	"保存できません", "保存できていません", "使用中です", "エラー"}

// TestEndToEndTwoTerminalsOneDatabase runs two bansou in two pseudo-terminals
// on one database. At the same time, one types a purpose extraction and the
// other an anxiety session of the same learner, answers over several lines
// with moves, and worries in the ledger. Neither screen ever shows a locked
// database or the driver's words, and afterwards every answer and worry is
// on disk as typed. The second then opens, from its timeline, the session
// the first still has open: it is told so instead of opening it, and the
// first goes on saving it.
func TestEndToEndTwoTerminalsOneDatabase(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)
	at := testNow.UTC().Format(time.RFC3339)
	doc := `{"format":"bansou-export","version":1,"exported_at":"` + at + `","engagements":[{"uid":"e1",
	"learner":{"uid":"l1","name":"鈴木 一花"},"sending_org":"株式会社みらい","host_org":"合同会社あした",
	"start":"` + day(50) + `","end":"` + day(221) + `","created_at":"` + at + `","updated_at":"` + at + `",
	"sessions":[],"ledger":{"anxieties":[],"actions":[],"agreement":[]}}]}`
	cmd := exec.Command(binary, "import", "-")
	cmd.Env, cmd.Stdin = env, strings.NewReader(doc)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}

	const chunks = 30
	purpose := map[string]string{}         // what the first typed, by prompt
	feelings, worries := "", []string(nil) // what the second typed
	started := make(chan struct{})         // the first's session is open
	checked := make(chan struct{})         // the second has tried to open it
	var wg sync.WaitGroup
	wg.Go(func() {
		t.Run("first", func(t *testing.T) {
			tm := openEngagement(t, env)
			tm.send("n")
			tm.waitFor("どのセッションを始めますか")
			tm.send(keyEnter)
			tm.waitFor("1. 実現したいこと")
			close(started)
			purpose = typeAnswers(tm, "一", chunks, []string{"1. 実現したいこと", "2. なぜ今、外へ", "3. 身につけたいこと"})
			tm.waitFor("保存済み")
			select {
			case <-checked:
			case <-time.After(60 * time.Second):
				t.Fatal("the second terminal never tried the session")
			}
			more := "二つ目の窓のあとで足した"
			tm.send(keyEnter, more)
			tm.waitFor("┃ " + more)
			purpose["p:gain"] += "\n" + more
			if err := tm.leaveForLater(); err != nil {
				t.Fatal(err)
			}
			tm.refuse(ansi.Strip(tm.raw.String()))
		})
	})
	wg.Go(func() {
		t.Run("second", func(t *testing.T) {
			defer close(checked)
			tm := openEngagement(t, env)
			select {
			case <-started:
			case <-time.After(60 * time.Second):
				t.Fatal("the first terminal never opened its session")
			}
			tm.send("n")
			tm.waitFor("どのセッションを始めますか")
			pickFlow(tm, "anxiety")
			tm.send(keyEnter)
			tm.waitFor("1. 今の気持ち")
			feelings = typeAnswers(tm, "二", chunks/2, []string{"1. 今の気持ち"})["p:feelings-now"]
			tm.send(ctrlN)
			tm.waitFor("2. 気がかりなこと")
			tm.waitFor("▸ ＋ 不安を書き留める")
			for i := range 4 {
				w := fmt.Sprintf("二つ目の窓の不安%d：帰任後に居場所があるか", i+1)
				tm.send(keyEnter)
				tm.waitFor("tab で項目を移動")
				tm.send(w)
				tm.waitFor(w)
				tm.send(keyEsc)
				tm.waitFor("▸ " + w) // back on the list, at the worry
				worries = append(worries, w)
				tm.send("\x1b[B") // down
				tm.waitFor("▸ ＋ 不安を書き留める")
			}
			tm.waitFor("保存済み")
			tm.send(keyEsc)
			tm.waitFor("セッションを離れます")
			tm.send("l")
			tm.waitFor("途中として保存しました")
			tm.waitFor("セッション 2") // the timeline, loaded again, lists both
			tm.refuse(ansi.Strip(tm.raw.String()))

			// Down the timeline from this session (the latest, on top)
			// is the first's, still open there.
			tm.send("\x1b[B", keyEnter) // down, open
			tm.forbidden = nil
			tm.waitFor("このセッションは別の bansou で開かれています")
			tm.waitFor("ここで引き継ぐ")
			tm.send(keyEsc)
			tm.waitFor("株式会社みらい → 合同会社あした")
			tm.send(ctrlC)
			tm.waitExit()
		})
	})
	wg.Wait()
	if t.Failed() {
		return
	}

	dbPath := filepath.Join(dir, "data", "bansou", "bansou.db")
	if res, err := dbtest.Integrity(dbPath); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	store, err := sqlite.OpenReadOnly(dbPath, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	sums, err := store.Sessions(ctx, 1)
	if err != nil || len(sums) != 2 {
		t.Fatalf("sessions: %+v %v", sums, err)
	}
	for _, sum := range sums {
		if sum.Open {
			t.Errorf("session %d is still marked open", sum.ID)
		}
		s, err := store.Session(ctx, sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := purpose
		if s.FlowID == "anxiety" {
			want = map[string]string{"p:feelings-now": feelings}
		}
		for _, st := range s.Steps {
			if st.Answer != want[st.Key] {
				t.Errorf("%s %s: on disk %q, want %q", s.FlowID, st.Key, st.Answer, want[st.Key])
			}
		}
	}
	l, err := store.Ledger(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range l.Anxieties {
		got = append(got, a.Text)
	}
	if strings.Join(got, "\n") != strings.Join(worries, "\n") {
		t.Errorf("worries on disk %q, want %q", got, worries)
	}
}

// openEngagement starts bansou, forbids the words of a failure on its
// screen and opens the only engagement's timeline.
func openEngagement(t *testing.T, env []string) *terminal {
	t.Helper()
	tm := startTerminal(t, env, 100, 30)
	tm.forbidden = notOnScreen
	tm.waitFor("株式会社みらい → 合同会社あした")
	tm.send(keyEnter)
	tm.waitFor("不安 0/0")
	tm.send("1")
	return tm
}

// pickFlow moves the flow picker on screen to the flow with id, on an
// engagement before departure (the picker lists the flows in the library's
// order, numbered).
func pickFlow(tm *terminal, id string) {
	tm.t.Helper()
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		tm.t.Fatal(err)
	}
	var titles []string
	target := -1
	for i, f := range lib.Flows {
		titles = append(titles, fmt.Sprintf("▸ %d %s", i+1, f.Title.Ja))
		if f.ID == id {
			target = i
		}
	}
	at := slices.IndexFunc(titles, func(title string) bool { return strings.Contains(tm.screen.Text(), title) })
	for at != target {
		if at < 0 || target < 0 {
			tm.t.Fatalf("flow %s (%d) not reached from %d:\n%s", id, target, at, tm.screen.Text())
		}
		if at < target {
			at++
			tm.send("\x1b[B") // down
		} else {
			at--
			tm.send("\x1b[A") // up
		}
		tm.waitFor(titles[at])
	}
}

// typeAnswers types n chunks of Japanese at the prompts titled, in turn,
// moving to the next with ctrl+n every few chunks, starting a new line now
// and then and saving at once with ctrl+s every other chunk, and returns
// what each prompt holds.
func typeAnswers(tm *terminal, who string, n int, titles []string) map[string]string {
	tm.t.Helper()
	keys := map[string]string{"1. 実現したいこと": "p:achieve", "2. なぜ今、外へ": "p:why-now",
		"3. 身につけたいこと": "p:gain", "1. 今の気持ち": "p:feelings-now"}
	out := map[string]string{}
	at := 0
	line := ""
	for i := range n {
		if i > 0 && i%10 == 0 && at < len(titles)-1 {
			at++
			tm.send(ctrlN)
			tm.waitFor(titles[at])
			line = ""
		}
		key := keys[titles[at]]
		chunk := fmt.Sprintf("%sつ目の窓で%d回目の言葉、", who, i+1)
		if line != "" && i%2 == 0 {
			tm.send(keyEnter)
			out[key] += "\n"
			line = ""
		}
		tm.send(chunk)
		out[key] += chunk
		line += chunk
		tm.waitFor("┃ " + line)
		if i%2 == 1 {
			tm.send(ctrlS) // saved at once, while the other may be saving too
		}
	}
	return out
}
