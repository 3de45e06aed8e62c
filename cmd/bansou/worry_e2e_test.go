package main

import (
	"fmt"
	"testing"

	"bansou/model"
)

// TestEndToEndAWorryInSixKeys: in a real terminal, at 80×24 and at
// 120×40, a companion on the list of worries of an anxiety session types
// the learner's words, tab, the category's number (full-width, as a
// Japanese input method types it), tab, the intensity and esc: six keys
// (the words count as one), and the worry is on the list and in the
// store with its category and intensity, private. Then words and enter
// add another in one line, with nothing guessed.
func TestEndToEndAWorryInSixKeys(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			env := testEnv(t.TempDir())
			tm := startTerminal(t, env, size[0], size[1])
			addEngagement(tm, "山田 花子", "NPO法人つなぐ")
			tm.send("n")
			tm.waitFor("どのセッションを始めますか")
			tm.waitFor("2 不安可視化")
			tm.send("2") // its number in the chooser starts it
			tm.waitFor("今の気持ち")
			tm.send(ctrlN)
			tm.waitFor("不安を書き留める")

			// The anxiety prompt is reached: from here, six keys.
			keys := []string{"家族と離れるのが不安", keyTab, "６", keyTab, "4", keyEsc}
			tm.send(keys[0])
			tm.waitFor("▸ ＋ 家族と離れるのが不安")
			tm.send(keys[1])
			tm.waitFor("越境先になじめるか")
			tm.send(keys[2:]...)
			tm.waitFor("家族と離れるのが不安（家族や私生活・強さ4・非公開）")
			if len(keys) > 6 {
				t.Fatalf("%d keys", len(keys))
			}

			tm.send("言葉が通じるか", keyEnter)
			tm.waitFor("言葉が通じるか（非公開）")
			tm.waitFor("保存済み")
			tm.send(ctrlC)
			tm.waitExit()

			doc := exportFrom(t, env, "--engagement", "1")
			worries := map[string]model.Anxiety{}
			for _, a := range doc.Engagements[0].Ledger.Anxieties {
				worries[a.Text] = a
			}
			if a := worries["家族と離れるのが不安"]; a.Category != "family" || a.Intensity != 4 || !a.Private {
				t.Errorf("the worry in six keys: %+v", a)
			}
			if a, ok := worries["言葉が通じるか"]; !ok || a.Category != "" || a.Intensity != 0 || !a.Private {
				t.Errorf("the worry in one line: %+v", a)
			}
		})
	}
}
