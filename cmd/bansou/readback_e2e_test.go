package main

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// More keys as a terminal sends them.
const (
	ctrlL = "\x0c"
	ctrlO = "\x0f"
)

// TestReadBackInATerminal holds a worry-surfacing conversation in a real
// terminal at 80×24 and 120×40, in Japanese: a shared answer, a private
// note, a private worry and a private answer are written first. The
// footer shows leaving and the scope key all along; the leave dialog
// offers the read-back, which shows the shared answer and, from the
// moment it opens to the end, nothing private and nothing of the
// companion's; the learner's confirmation is recorded on the session and
// said in its document.
func TestReadBackInATerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			env := testEnv(t.TempDir())
			tm := startTerminal(t, env, size[0], size[1])
			addEngagement(tm, "山田 花子", "NPO法人つなぐ")
			tm.send("n")
			tm.waitFor("どのセッションを始めますか")
			pickFlow(tm, "anxiety")
			tm.send(keyEnter)
			tm.waitFor("1. 今の気持ち")
			footer := func(where string) {
				t.Helper()
				tm.waitUntil(where+": the footer shows leave and scope", func(s string) bool {
					f := lastLine(strings.TrimRight(s, "\n"))
					return strings.Contains(f, "esc 終える") && strings.Contains(f, "ctrl+l 共有/非公開")
				})
			}
			footer("the answer")

			tm.send("SHARED-ANSWER 楽しみだが少し緊張している")
			tm.waitFor("SHARED-ANSWER 楽しみだが少し緊張している")
			tm.send(keyTab, "PRIVATE-NOTE 声が小さい")
			tm.waitFor("PRIVATE-NOTE 声が小さい")
			footer("the note")
			tm.send(ctrlN)
			tm.waitFor("2. 気がかりなこと")
			tm.send(keyEnter, "PRIVATE-WORRY 親の介護が心配")
			tm.waitFor("PRIVATE-WORRY 親の介護が心配")
			tm.send(keyEsc)
			tm.waitFor("PRIVATE-WORRY 親の介護が心配（")
			tm.send(ctrlO)
			tm.waitFor("追加する問い")
			tm.send("家族のことで話しておきたいことは？", keyEnter)
			tm.waitFor("＋ 独自の問い")
			tm.send("PRIVATE-ANSWER 介護で休むかもしれない")
			tm.waitFor("PRIVATE-ANSWER 介護で休むかもしれない")
			footer("an own question")
			tm.send(ctrlL)
			tm.waitFor("この回答を非公開にしました")
			tm.waitFor("保存済み")

			tm.send(keyEsc)
			tm.waitFor("聞き取ったことを本人と確かめる")
			tm.send("r")
			tm.waitFor("［学習者ビュー］ 聞き取ったこと")
			// From here to the end, nothing private and nothing of the
			// companion's is on screen.
			tm.forbidden = []string{"PRIVATE-", "伴走者メモ", "聴く:", "避ける:", "［非公開］"}
			tm.waitFor("SHARED-ANSWER 楽しみだが少し緊張している")
			tm.waitFor("本人の確認はまだです")
			tm.waitUntil("the footer keeps confirming and going back", func(s string) bool {
				f := lastLine(strings.TrimRight(s, "\n"))
				return strings.Contains(f, "c 本人が確認した") && strings.Contains(f, "esc 戻る")
			})
			tm.send("c")
			tm.waitFor("本人が確認しました（")
			tm.send(keyEsc)
			tm.waitFor("セッションを離れます")
			tm.send("f")
			tm.waitFor("学習者ビューでは隠して")
			tm.send(ctrlC)
			tm.waitExit()
			tm.forbidden = nil

			doc := exportFrom(t, env, "--engagement", "1")
			confirmed := doc.Engagements[0].Sessions[0].LearnerConfirmed
			if confirmed.Before(testNow) || confirmed.Sub(testNow) > time.Minute {
				t.Fatalf("the learner's confirmation stored: %v (bansou's clock started at %v)", confirmed, testNow)
			}
			md := exec.Command(binary, "export", "--engagement", "1")
			md.Env = env
			out, err := md.Output()
			if err != nil {
				t.Fatal(err)
			}
			loc, _ := time.LoadLocation(testTZ)
			if want := "聞き取ったこと: 本人が確認しました（" + confirmed.In(loc).Format("2006-01-02 15:04") + "）"; !strings.Contains(string(out), want) {
				t.Fatalf("the document does not say %q:\n%s", want, out)
			}
		})
	}
}
