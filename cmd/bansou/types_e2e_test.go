package main

import (
	"strings"
	"testing"

	"bansou/content"
	"bansou/model"
)

// TestAHostCompanionIsAskedAsTheHost: in a real terminal, a companion
// creates an engagement saying they are at the host; in the stint's first
// weeks the joining conversation is offered, and its first-week plan is
// asked and hinted in the host's version, which says whose it is.
func TestAHostCompanionIsAskedAsTheHost(t *testing.T) {
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := lib.Flow("arrival")
	p, _ := f.Prompt("first-week-plan")
	host := p.For(model.Host)
	if host.Text == p.Text {
		t.Fatal("the first-week plan has no host version to see")
	}
	tm := startTerminal(t, testEnv(t.TempDir()), 120, 40)
	tm.waitFor("まだエンゲージメントがありません")
	tm.send("n")
	tm.waitFor("新しいエンゲージメント")
	tm.send("山田 花子", keyTab, "株式会社みらい", keyTab, "NPO法人つなぐ", keyTab, day(-5), keyTab, day(180),
		keyTab, keyTab, keyTab)
	tm.waitFor("問いとヒントがこの立場に合わせて変わります")
	tm.send("\x1b[C")
	tm.waitFor("[越境先]")
	tm.send(ctrlS)
	tm.waitFor("株式会社みらい → NPO法人つなぐ")
	tm.send("n")
	tm.waitFor("どのセッションを始めますか")
	tm.send(keyEnter)
	tm.waitFor(f.Prompts[0].Title.Ja)
	tm.send(ctrlN)
	tm.waitFor(p.Title.Ja)
	tm.waitFor("越境先 の伴走者向けのヒント")
	tm.waitFor(string([]rune(host.Text.Ja)[:12]))
	tm.waitFor(string([]rune(host.Avoid.Ja)[:12]))
	if strings.Contains(tm.screen.Text(), string([]rune(p.Text.Ja)[:12])) {
		t.Errorf("the sending side's question is on screen:\n%s", tm.screen.Text())
	}
	tm.send(ctrlC)
	tm.waitExit()
}
