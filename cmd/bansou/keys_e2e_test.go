package main

import (
	"fmt"
	"strings"
	"testing"
)

// engagementThenHome fills an engagement's form in (the learner, from
// 株式会社みらい to 合同会社あした, from start to end), saves it, and goes
// back to the home screen.
func engagementThenHome(tm *terminal, learner, start, end string) {
	tm.t.Helper()
	tm.waitFor("まだエンゲージメントがありません")
	tm.send("n")
	tm.waitFor("新しいエンゲージメント")
	tm.send(learner, keyTab, "株式会社みらい", keyTab, "合同会社あした", keyTab, start, keyTab, end)
	tm.waitFor(end)
	tm.send(ctrlS)
	tm.waitFor("株式会社みらい → 合同会社あした")
	tm.send(keyEsc)
	// Home, its list read again with the new engagement in it: a key
	// pressed before that finds the list as it was (empty).
	tm.waitUntil("showed home with the engagement", func(screen string) bool {
		return strings.Contains(screen, "越境学習の伴走") && strings.Contains(screen, "株式会社みらい → 合同会社あした")
	})
}

// TestThreeKeysFromHomeToThePurposeAnswer: in a real terminal at 80×24 and
// 120×40, in Japanese, from the home screen `enter` `n` `enter` — three
// keys — open the engagement, the chooser on the purpose extraction and
// its first prompt with the caret in the answer: what is typed next is the
// learner's answer, saved. Before departure with nothing held, and in the
// middle of a stint whose purpose was never put into words (the check-in
// is overdue then, and home opens on it: the purpose is still what the
// chooser offers).
func TestThreeKeysFromHomeToThePurposeAnswer(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, c := range []struct {
			name       string
			start, end string
			why        string
		}{
			{"before departure", day(50), day(221), "目的抽出がまだです"},
			{"during the stint", day(-60), day(120), "目的抽出がまだです"},
		} {
			t.Run(fmt.Sprintf("%s %dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				env := testEnv(t.TempDir())
				tm := startTerminal(t, env, size[0], size[1])
				engagementThenHome(tm, "鈴木 一花", c.start, c.end)

				tm.send(keyEnter)       // 1: the engagement
				tm.waitFor("1 セッション 0") // its timeline, loaded
				tm.send("n")            // 2: the chooser, on the suggestion
				tm.waitFor("どのセッションを始めますか")
				tm.waitFor("★ おすすめ")
				tm.waitFor(c.why)
				tm.send(keyEnter) // 3: the purpose extraction, at its first prompt
				tm.waitFor("1. 実現したいこと")

				answer := "地域の人と新しい事業を形にしたい"
				tm.send(answer)
				tm.waitFor(answer)
				tm.waitFor("保存済み")
				if got := storedAnswer(t, env, "p:achieve"); got != answer {
					t.Fatalf("the purpose's first answer holds %q, want %q\n%s", got, answer, tm.screen.Text())
				}
				tm.send(ctrlC)
				tm.waitExit()
			})
		}
	}
}

// TestAFullWidthNumberStartsThatFlow: in a real terminal, a digit typed
// full-width (as a Japanese input method leaves it) starts the flow of that
// number in the chooser: ３ is the three-party agreement before departure.
func TestAFullWidthNumberStartsThatFlow(t *testing.T) {
	env := testEnv(t.TempDir())
	tm := startTerminal(t, env, 80, 24)
	engagementThenHome(tm, "鈴木 一花", day(50), day(221))
	tm.send(keyEnter)
	tm.waitFor("1 セッション 0")
	tm.send("n")
	tm.waitFor("3 三者合意")
	tm.send("３")
	tm.waitFor("1. 役割と業務範囲")
	tm.send(ctrlC)
	tm.waitExit()
}
