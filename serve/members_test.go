package serve

import (
	"context"
	"strings"
	"sync"
	"testing"

	"bansou/model"
)

// TestMembersShareAnEngagementAndNotTheirPrivateNotes, over real SSH
// connections: Alice (the sending side) starts an engagement and a
// session, with a shared answer and a private note, and makes Bob (the
// host's companion) a member. Bob sees the engagement and Alice's session,
// named as hers, and reads her answer but not her note, not even by
// searching for it. Both then type into the engagement at once, each in a
// session of their own; Alice's next answer appears on Bob's screen with
// no key pressed; both answers are on disk. The office reads counts and
// dates, none of the words.
func TestMembersShareAnEngagementAndNotTheirPrivateNotes(t *testing.T) {
	ts := startServer(t)
	_, aliceKey := ts.person("佐藤 アリス")
	_, bobKey := ts.person("鈴木 ボブ", func(a *model.Account) { a.Type = model.Host })
	_, officeKey := ts.person("事務局 小林", func(a *model.Account) { a.Role = model.RoleOffice })
	const (
		answer = "地域の人とつながる仕事を学びたい"
		note   = "家族の介護の事情を打ち明けてくれた"
	)
	alice := ts.open(aliceKey, 110, 32, "")
	startSession(alice, "山田 花子", "NPO法人つなぐ")
	alice.typeSlowly(answer)
	alice.send(keyTab)
	alice.typeSlowly(note)
	alice.waitFor(note)
	alice.send(ctrlS)
	alice.waitFor("保存済み")

	if out, errOut, status := ts.run(bobKey, "members"); status != 0 || !strings.Contains(out, "見られる案件はまだありません") {
		t.Fatalf("Bob before he is a member: %d %q %q", status, out, errOut)
	}
	if _, errOut, status := ts.run(bobKey, "members add 山田 花子 '鈴木 ボブ'"); status != 1 || errOut == "" {
		t.Fatalf("Bob adds himself: %d %q", status, errOut)
	}
	out, errOut, status := ts.run(aliceKey, "members add '山田 花子' '鈴木 ボブ' --type host")
	if status != 0 || !strings.Contains(out, "鈴木 ボブ さんを 越境先 の伴走者としてメンバーに加えました") {
		t.Fatalf("members add: %d %q %q", status, out, errOut)
	}
	if out, _, _ := ts.run(bobKey, "members"); !strings.Contains(out, "山田 花子（株式会社みらい → NPO法人つなぐ）") ||
		!strings.Contains(out, "佐藤 アリス（所属組織）、鈴木 ボブ（越境先）") {
		t.Fatalf("members as Bob: %q", out)
	}

	bob := ts.open(bobKey, 110, 32, "")
	bob.waitFor("山田 花子")
	bob.send(keyEnter)
	bob.waitFor("（佐藤 アリス）")
	bob.waitFor("このサーバーのメンバー: 佐藤 アリス (所属組織), 鈴木 ボブ (越境先)")
	bob.send(keyEnter)
	bob.waitFor("佐藤 アリス さんの対話です")
	bob.waitFor(answer)
	if strings.Contains(bob.screen.Text(), "家族の介護") {
		t.Fatalf("Bob reads Alice's private note:\n%s", bob.screen.Text())
	}
	bob.send(keyEsc)
	bob.waitFor("（佐藤 アリス）")
	bob.send("/")
	bob.waitFor("探す言葉")
	bob.typeSlowly("介護")
	bob.waitFor("見つかりませんでした")
	// Her shared answer is found, and opens to read, as hers.
	bob.send("\x7f", "\x7f")
	bob.typeSlowly("地域の人")
	bob.waitFor("1 件")
	bob.send(keyEnter)
	bob.waitUntil("opened her session to read", func(s string) bool {
		return !strings.Contains(s, "1 件") && strings.Contains(s, answer)
	})
	if s := bob.screen.Text(); strings.Contains(s, "できません") || strings.Contains(s, "家族の介護") {
		t.Fatalf("the hit in Alice's session opened as:\n%s", s)
	}
	bob.send(keyEsc)
	bob.waitFor("1 件")
	bob.send(keyEsc)
	bob.waitFor("（佐藤 アリス）")

	// Both type at once, Bob in a session of his own: a purpose extraction
	// too (1; the chooser suggests what comes after Alice's purpose).
	bob.send("n")
	bob.waitFor("どのセッションを始めますか")
	bob.waitFor("不安可視化がまだです")
	bob.send("1")
	bob.waitFor("1. 実現したいこと")
	const bobs = "受け入れ側として最初の週の予定を一緒に決めたい"
	const alices = "なぜ今なのかを本人と確かめた"
	var wg sync.WaitGroup
	wg.Go(func() { bob.typeSlowly(bobs); bob.waitFor(bobs); bob.send(ctrlS); bob.waitFor("保存済み") })
	wg.Go(func() {
		alice.send(ctrlN)
		alice.waitFor("2. ")
		alice.typeSlowly(alices)
		alice.waitFor(alices)
		alice.send(ctrlS)
		alice.waitFor("保存済み")
	})
	wg.Wait()

	// Bob leaves his session and is back on the engagement, where Alice's
	// session counts her two answers; her third appears there without a
	// key pressed.
	bob.send(keyEsc)
	bob.waitFor("セッションを離れます")
	bob.send("l")
	aliceRow := func(answered string) func(string) bool {
		return func(s string) bool {
			for _, line := range strings.Split(s, "\n") {
				if strings.Contains(line, "（佐藤 アリス）") && strings.Contains(line, answered) {
					return true
				}
			}
			return false
		}
	}
	bob.waitUntil("counted Alice's two answers", aliceRow("回答 2/"))
	alice.send(ctrlN)
	alice.waitFor("3. ")
	alice.typeSlowly("三つ目の問いにも答えた")
	alice.send(ctrlS)
	bob.waitUntil("counted Alice's third answer with no key pressed", aliceRow("回答 3/"))

	if got := answerOf(t, ts.dbPath, "山田 花子", "p:achieve"); got != answer {
		t.Errorf("Alice's first answer on disk: %q", got)
	}
	if got := answerIn(t, ts.dbPath, "山田 花子", 1, "p:achieve"); got != bobs {
		t.Errorf("Bob's answer on disk: %q", got)
	}

	overview, _, status := ts.run(officeKey, "")
	if status != 0 || !strings.Contains(overview, "山田 花子（株式会社みらい → NPO法人つなぐ）") || !strings.Contains(overview, "対話 2 回") {
		t.Fatalf("the office's overview: %d\n%s", status, overview)
	}
	for _, words := range []string{answer, note, bobs, alices} {
		if strings.Contains(overview, words) {
			t.Errorf("the office read %q", words)
		}
	}
	if again, _, status := ts.run(officeKey, "accessible"); status != 0 || again != overview {
		t.Errorf("the office's accessible mode: %d\n%s", status, again)
	}
}

// TestAccessibleModeLeavesAnotherMembersSessionToThem: in the accessible
// mode over SSH, Bob, a member of Alice's engagement, is not offered her
// session in progress to continue (it is hers to go on with), only his
// own.
func TestAccessibleModeLeavesAnotherMembersSessionToThem(t *testing.T) {
	ts := startServer(t)
	alice, _ := ts.person("佐藤 アリス")
	bob, bobKey := ts.person("鈴木 ボブ", func(a *model.Account) { a.Type = model.Host })
	store, err := ts.backend.For(alice)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	e, err := store.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "株式会社みらい",
		HostOrg: "NPO法人つなぐ", Start: model.DateOf(testNow).AddDays(30), End: model.DateOf(testNow).AddDays(200)})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.(model.Accounts).AddMember(ctx, e.ID, bob.ID, model.Host); err != nil {
		t.Fatal(err)
	}
	f, _ := ts.srv.lib.Flow("purpose")
	if _, err := store.StartSession(ctx, model.NewSession(f, e.ID, model.Ja, testNow)); err != nil {
		t.Fatal(err)
	}
	tm := ts.open(bobKey, 80, 24, "accessible")
	tm.waitFor("何をしますか。")
	tm.waitFor("途中のセッションを続ける")
	menu := tm.screen.Text()
	n := ""
	for _, line := range strings.Split(menu, "\n") {
		if strings.Contains(line, "途中のセッションを続ける") {
			n = strings.TrimSpace(strings.SplitN(strings.TrimSpace(line), ".", 2)[0])
		}
	}
	tm.send(n, keyEnter)
	tm.waitFor("途中のセッションはありません")
}
