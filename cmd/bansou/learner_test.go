package main

import (
	"strings"
	"testing"
)

// keyF2 is F2 as an xterm sends it.
const keyF2 = "\x1bOQ"

// TestEndToEndLearnerView holds a purpose extraction in a pseudo-terminal
// with a private note and a private answer, turns the learner view on with
// F2 and checks that the note, the private answer and the hints are gone
// from the terminal while the shared answer stays; a stray key after F2
// keeps the view, and F2 then y brings the companion's screen back.
func TestEndToEndLearnerView(t *testing.T) {
	tm, _, _ := sessionInTerminal(t, 100, 30)
	tm.send("地域の仕事を一から経験したい", keyTab, "声が小さい。家のことが気がかりか")
	tm.waitFor("声が小さい。家のことが気がかりか")
	tm.send(ctrlN)
	tm.waitFor("2. なぜ今、外へ")
	tm.send("親の介護が始まる前に", "\x0c") // ctrl+l: private
	tm.waitFor("回答（本人の言葉で）［非公開］")
	tm.waitFor("聴く:")

	tm.send(keyF2)
	tm.waitFor("［学習者ビュー］")
	tm.forbidden = []string{"声が小さい", "親の介護", "聴く:", "伴走者メモ", "［非公開］"}
	tm.waitFor("この問いの回答は学習者ビューでは表示しません")
	tm.send("\x10") // ctrl+p: the shared answer is there
	tm.waitFor("地域の仕事を一から経験したい")
	tm.send(keyF2, "x")
	tm.waitFor("学習者ビューのままです")
	if screen := tm.screen.Text(); !strings.Contains(screen, "［学習者ビュー］") {
		t.Fatalf("a stray key left the learner view:\n%s", screen)
	}
	tm.send(keyF2)
	tm.waitFor("伴走者の画面に戻りますか")
	tm.forbidden = nil
	tm.send("y")
	tm.waitFor("声が小さい。家のことが気がかりか")
	tm.send(ctrlC)
	tm.waitExit()
}
