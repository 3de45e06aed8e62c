package serve

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bansou/content"
	"bansou/model"
	"bansou/model/report"
)

const (
	keyF3 = "\x1bOR"
	ctrlT = "\x14"
	ctrlO = "\x0f"
	ctrlY = "\x19"

	keyBackTab = "\x1b[Z"
)

var joinCodePattern = regexp.MustCompile(`参加コード: ([A-Z0-9]{4}-[A-Z0-9]{4})`)

// facilitatorOpensARoom has Eve, a facilitator, start a round with the
// people given (Alice presents), open it from her rounds page, open its
// room with f3, and read its join code off her screen.
func facilitatorOpensARoom(t *testing.T, ts *testServer, names []string) (*terminal, string, int64, model.Account, gossh.Signer) {
	t.Helper()
	eve, eveKey := ts.person("高橋 イブ", func(a *model.Account) { a.Role = model.RoleFacilitator })
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := lib.Rounds.Format("feedback-session")
	setup := model.RoundSetup{Format: f, Facilitator: eve.Name, Presenter: names[0], Presenters: names[:2],
		Purpose: "二つの発表に感想を返し、各自の次の一手を決める", Participants: []model.Participant{{Name: eve.Name}}}
	for _, n := range names {
		setup.Participants = append(setup.Participants, model.Participant{Name: n})
	}
	sess, rd := model.NewRound(setup, nil, model.Ja, testNow)
	store := ts.store.As(eve)
	sess, _, err = store.StartRound(context.Background(), sess, rd)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	tm := ts.open(eveKey, 110, 34, "")
	tm.waitFor("エンゲージメント")
	tm.send("r")
	tm.waitFor("フィードバック会")
	tm.send(keyEnter)
	tm.waitFor("f3 参加の場")
	tm.send(keyF3)
	tm.waitFor("参加コード: ")
	m := joinCodePattern.FindStringSubmatch(tm.screen.Text())
	if m == nil {
		t.Fatalf("no join code on the facilitator's screen:\n%s", tm.screen.Text())
	}
	return tm, m[1], sess.ID, eve, eveKey
}

// write types a contribution of the kind reached with tabs presses of tab
// and sends it.
func write(tm *terminal, tabs int, text string) {
	tm.t.Helper()
	for range tabs {
		tm.send(keyTab)
	}
	tm.typeSlowly(text)
	tm.send(ctrlS)
	tm.waitUntil("listed "+text, func(s string) bool {
		return strings.Contains(s, "] ") && strings.Contains(s, ": "+strings.Split(text, "、")[0])
	})
}

// TestEveryoneAtTheTableWrites: a facilitator and four participants (three
// enrolled, one a guest who types the code at the prompt) take part in a
// round from their own terminals. Each writes a question, a learning and
// a next action in Japanese; one gives feedback without a name; one drops
// and comes back with `join` and finds their words; the facilitator's
// clock moves every screen on; the presenter takes a question up; the
// facilitator's room reads every shared word with its author, a private
// learning is its writer's alone, and the anonymous feedback has no name.
func TestEveryoneAtTheTableWrites(t *testing.T) {
	ts := startServer(t)
	names := []string{"佐藤 アリス", "鈴木 ボブ", "田中 キャロル"}
	var keys []gossh.Signer
	var accounts []model.Account
	for _, n := range names {
		a, k := ts.person(n)
		keys = append(keys, k)
		accounts = append(accounts, a)
	}
	eve, code, sessionID, eveAccount, eveKey := facilitatorOpensARoom(t, ts, append(names, "来賓 山田"))
	eve.send("a") // names may be left off questions, hypotheses and feedback
	eve.waitFor("名前なしでも書けます")

	var tms []*terminal
	for i, k := range keys {
		cmd := "join " + code
		if i == 1 {
			cmd = "join " + strings.ToLower(strings.ReplaceAll(code, "-", ""))
		}
		if i == 2 {
			// Carol connects as usual and types the code from her home
			// screen, a wrong one first.
			tm := ts.open(k, 100, 30, "")
			tm.waitFor("c 場に参加")
			tm.send("c")
			tm.waitFor("参加コードで場に入る")
			tm.send("ZZZZ-ZZZZ" + keyEnter)
			tm.waitFor("参加コードが違うか")
			for range 9 {
				tm.send("\x7f") // backspace
			}
			tm.send(code + keyEnter)
			tm.waitFor("あなた: " + names[i])
			tms = append(tms, tm)
			continue
		}
		tm := ts.open(k, 100, 30, cmd)
		tm.waitFor("あなた: " + names[i])
		tms = append(tms, tm)
	}
	guest := ts.open(newKey(t), 100, 30, "")
	guest.waitFor("/ code:")
	guest.send(code + keyEnter)
	guest.waitFor("your name")
	guest.send("来賓 山田" + keyEnter)
	guest.waitFor("あなた: 来賓 山田")
	tms = append(tms, guest)
	all := append(slices.Clone(names), "来賓 山田")

	for i, tm := range tms {
		write(tm, 0, all[i]+"の質問、本人は何と言っていましたか")
		write(tm, 3, all[i]+"の学び、待つことも支援")    // learning
		write(tm, 1, all[i]+"の一手、来週の面談で先に聞く") // next action
	}
	// Bob keeps a learning to himself; Carol gives feedback without a name.
	tms[1].send(keyBackTab) // from the next action back to a learning
	tms[1].send("\x0c")     // ctrl+l
	tms[1].waitFor("自分だけに残します")
	tms[1].typeSlowly("部下の前で話しすぎる癖")
	tms[1].send(ctrlS)
	tms[1].waitFor("部下の前で話しすぎる癖")
	tms[2].send(keyBackTab, keyBackTab) // feedback
	tms[2].send("\x01")                 // ctrl+a
	tms[2].waitFor("名前なしで送ります")
	tms[2].typeSlowly("上司の立場でも言います、先回りが多い")
	tms[2].send(ctrlS)
	tms[2].waitFor("上司の立場でも言います")

	// Every screen reads the others' words; Bob's private one is his.
	alice := tms[0]
	alice.waitFor("鈴木 ボブの一手")
	alice.waitFor("（名前なし）: 上司の立場でも言います")
	if strings.Contains(alice.screen.Text(), "部下の前で") {
		t.Fatalf("Alice reads Bob's private learning:\n%s", alice.screen.Text())
	}

	// The facilitator starts the clock and moves on: every screen follows.
	eve.send(keyEsc)
	eve.waitUntil("closed the room", func(s string) bool { return !strings.Contains(s, "参加コード: ") })
	eve.send(ctrlT, " ")
	eve.waitFor("進行中")
	eve.send(ctrlT, "+") // one more minute for the first presentation's opening
	eve.send(ctrlT, "n")
	eve.waitFor("2/13")
	for _, tm := range tms {
		tm.waitFor("2/13 発表（佐藤 アリス）")
	}

	// Carol drops while typing, and comes back with join alone: her words
	// and what she had not sent yet are there.
	tms[2].typeSlowly("書きかけの問い、まだ送っていない")
	tms[2].waitFor("書きかけの問い、まだ送っていない")
	tms[2].cut()
	carol := ts.store.As(accounts[2])
	defer carol.Close()
	eventually(t, "what Carol typed is kept for her", func() bool {
		r, err := carol.Room(context.Background(), sessionID)
		return err == nil && r.Me.Draft.Text == "書きかけの問い、まだ送っていない"
	})
	back := ts.open(keys[2], 100, 30, "join")
	back.waitFor("あなた: 田中 キャロル")
	back.waitFor("田中 キャロルの一手")
	back.waitFor("2/13 発表（佐藤 アリス）")
	back.waitFor("書きかけの問い、まだ送っていない")
	back.send(ctrlS)
	back.waitFor("田中 キャロル: 書きかけの問い")

	// The presenter takes Bob's question up.
	alice.send(ctrlO)
	alice.waitUntil("listed questions first", func(s string) bool { return strings.Contains(s, "▸ [質問]") })
	alice.waitFor("▸ [質問] 佐藤 アリス") // the presenter's list starts with the questions
	alice.send("j")
	alice.waitFor("▸ [質問] 鈴木 ボブ")
	alice.send(" ")
	alice.waitFor("✓ [質問] 鈴木 ボブ")

	// On to the second presentation: Bob presents, and what is written
	// now is about his.
	for i := 3; i <= 7; i++ {
		eve.send(ctrlT, "n")
		eve.waitFor(fmt.Sprintf("%d/13", i))
	}
	tms[1].waitFor("7/13 発表（鈴木 ボブ）")
	tms[1].waitFor("鈴木 ボブ · 発表者")
	alice.send(ctrlO)                                          // back to writing
	alice.send(keyBackTab, keyBackTab, keyBackTab, keyBackTab) // from the action back to a question
	write(alice, 0, "ボブさんへ、対象を誰に絞りましたか")

	// The room view on a second screen (a projector): the clock in large
	// digits, who presents, the question taken up; no private words and no
	// names of anonymous ones. Past the phase's time the clock counts on
	// with a +, and with the bell on it rings once.
	proj := ts.open(eveKey, 100, 30, "room "+code)
	proj.waitFor("発表: 鈴木 ボブ")
	proj.waitFor("✓ 鈴木 ボブの質問、本人は何と言っていましたか")
	if !strings.Contains(proj.screen.Text(), "█") {
		t.Errorf("no large digits on the room view:\n%s", proj.screen.Text())
	}
	proj.send("b")
	proj.waitFor("ベル")
	bells := strings.Count(proj.raw.String(), "\a") // a terminal query ends with one too
	ts.clock.advance(40 * time.Minute)
	proj.waitFor("▄█▄") // the + of +30:00
	eventually(t, "the bell rang", func() bool { return strings.Count(proj.raw.String(), "\a") == bells+1 })
	for _, hidden := range []string{"部下の前で", "上司の立場でも", "田中 キャロル: "} {
		if strings.Contains(proj.screen.Text(), hidden) {
			t.Errorf("the room view shows %q:\n%s", hidden, proj.screen.Text())
		}
	}

	// What the facilitator's store reads: every shared word with its
	// author, the anonymous one without, nothing private.
	eveStore := ts.store.As(eveAccount)
	defer eveStore.Close()
	room, err := eveStore.Room(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range room.Contribs {
		got[c.Text] = c.Author
	}
	for i, n := range all {
		for _, w := range []string{"の質問、本人は何と言っていましたか", "の学び、待つことも支援", "の一手、来週の面談で先に聞く"} {
			if a, ok := got[n+w]; !ok || a != all[i] {
				t.Errorf("%q: author %q (%v)", n+w, a, ok)
			}
		}
	}
	if a, ok := got["上司の立場でも言います、先回りが多い"]; !ok || a != "" {
		t.Errorf("the anonymous feedback reads as %q (%v)", a, ok)
	}
	if _, ok := got["部下の前で話しすぎる癖"]; ok {
		t.Error("the facilitator reads Bob's private learning")
	}
	if len(room.People) != 5 {
		t.Errorf("%d people in the room", len(room.People))
	}
	// The facilitator takes the summary away over SSH; a participant has
	// no round of theirs to export.
	out, _, status := ts.run(eveKey, "export --round latest")
	if status != 0 || !strings.Contains(out, "## 参加者の書き込み") || !strings.Contains(out, "（名前なし）: 上司の立場でも言います") ||
		strings.Contains(out, "部下の前で") {
		t.Errorf("the exported summary (status %d):\n%s", status, out)
	}
	if out, errOut, status := ts.run(keys[0], "export --round latest"); status == 0 || strings.Contains(out, "参加者の書き込み") {
		t.Errorf("a participant exported the facilitator's round: %d %q %q", status, out, errOut)
	}
	for _, c := range room.Contribs {
		if strings.HasPrefix(c.Text, "ボブさんへ") && c.Presenter != "鈴木 ボブ" || strings.Contains(c.Text, "の質問、") && c.Presenter != "佐藤 アリス" {
			t.Errorf("%q is filed under %q's presentation", c.Text, c.Presenter)
		}
	}
	// The summary holds every person's words under their presentation,
	// and each phase's planned, extended and actual time.
	sess, err := eveStore.Session(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := content.Library()
	md := report.RoundMarkdown(sess, *room.Round, lib.Rounds, report.Options{Lang: model.Ja, Contribs: room.Contribs})
	for _, want := range []string{"## 参加者の書き込み", "### 佐藤 アリス", "### 鈴木 ボブ", "- **質問** 鈴木 ボブ: 鈴木 ボブの質問、本人は何と言っていましたか （取り上げた質問）",
		"- **フィードバック** （名前なし）: 上司の立場でも言います、先回りが多い", "- **学び** 来賓 山田（ゲスト）: 来賓 山田の学び、待つことも支援",
		"- **質問** 佐藤 アリス: ボブさんへ、対象を誰に絞りましたか", "延長"} {
		if !strings.Contains(md, want) {
			t.Errorf("the summary has no %q:\n%s", want, md)
		}
	}
}

// TestThreePartiesAgreeFromTheirOwnTerminals: a companion opens the room of
// a three-party agreement; the learner and the two organisations join as
// guests, each from their own terminal, and write their expectation and
// fit for a topic unseen by the others; the companion reveals them, and
// the views arrive in the companion's agreement with the gap; the agreed
// text the companion writes appears on every screen, each party confirms
// it, and the agreement records who confirmed which words and when.
func TestThreePartiesAgreeFromTheirOwnTerminals(t *testing.T) {
	ts := startServer(t)
	ctx := context.Background()
	alice, aliceKey := ts.person("佐藤 アリス")
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	flow, _ := lib.Flow("agreement")
	store := ts.store.As(alice)
	eng, err := store.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"},
		SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ", Start: model.DateOf(testNow).AddDays(30), End: model.DateOf(testNow).AddDays(200)})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := store.StartSession(ctx, model.NewSession(flow, eng.ID, model.Ja, testNow))
	if err == nil {
		err = store.SetSessionOpen(ctx, sess.ID, true)
	}
	store.Close() // left open, as a dropped connection leaves it
	if err != nil {
		t.Fatal(err)
	}
	tm := ts.open(aliceKey, 120, 40, "")
	tm.waitFor("途中のセッションがあります")
	tm.send(keyEnter)
	tm.waitFor("f3 参加の場") // the session is loaded, on a server
	tm.send(keyF3)
	tm.waitFor("参加コード: ")
	m := joinCodePattern.FindStringSubmatch(tm.screen.Text())
	if m == nil {
		t.Fatalf("no join code:\n%s", tm.screen.Text())
	}
	code := m[1]

	parties := []struct{ name, choice, expectation, fit string }{
		{"山田 花子", "1", "企画から任せてほしい", "2"},
		{"人事 田中", "2", "まず現場を知ってほしい", "4"},
		{"受入 鈴木", "3", "補助から始めたい", "5"},
	}
	var guests []*terminal
	for _, p := range parties {
		g := ts.open(newKey(t), 100, 30, "join "+code)
		g.waitFor("your name")
		g.send(p.name + keyEnter)
		g.waitFor("1 本人")
		g.send(p.choice + keyEnter)
		g.waitFor("論点 1/")
		g.typeSlowly(p.expectation)
		g.waitFor(p.expectation)
		g.send(keyTab, p.fit)
		g.waitFor(p.fit + "/5")
		if p.choice == "3" {
			g.send(keyTab) // the words the host suggests for the agreed text
			g.typeSlowly("最初の2か月は補助")
			g.waitFor("最初の2か月は補助")
		}
		guests = append(guests, g)
	}
	learner := guests[0]
	learner.waitFor("所属組織 記入済み / 越境先 記入済み")
	if s := learner.screen.Text(); strings.Contains(s, "まず現場を知って") || strings.Contains(s, "補助から始めたい") {
		t.Fatalf("the learner reads the others' views before the reveal:\n%s", s)
	}

	// The companion reveals the views: they go into the agreement.
	tm.waitFor("本人 1、所属組織 1、越境先 1")
	tm.send("r")
	tm.waitFor("三者の期待を開き")
	learner.waitFor("所属組織（4/5）: まず現場を知ってほしい")
	learner.waitFor("越境先（5/5）: 補助から始めたい")
	tm.send(keyEsc)
	tm.waitFor("企画から任せてほしい")
	tm.waitFor("要確認")
	tm.waitFor("越境先 提案:「最初の2か月は補助」") // it is written together

	// The companion writes the agreed text; each party confirms it.
	agreed := "最初の2か月は補助、3か月目から企画の一部を担う"
	for range 6 {
		tm.send(keyTab)
	}
	tm.typeSlowly(agreed)
	tm.send(ctrlS)
	for _, g := range guests {
		g.waitFor(agreed)
		g.send(ctrlY)
		g.waitFor("この文面のとおりに確認する")
		g.send("y")
	}
	for _, p := range parties {
		tm.waitFor("✓ " + p.name)
	}

	l, err := ts.store.As(alice).Ledger(ctx, eng.ID)
	if err != nil {
		t.Fatal(err)
	}
	it := l.AgreementIn(sess.ID)["role-scope"]
	if it.Learner.Expectation != "企画から任せてほしい" || it.Sending.Fit != 4 || it.Host.Fit != 5 || it.Agreed != agreed {
		t.Fatalf("the agreement: %+v", it)
	}
	// The learner comes back with another key: refused as a second
	// learner until the companion frees the seat.
	newLearner := newKey(t)
	again := ts.open(newLearner, 100, 30, "join "+code)
	again.waitFor("your name")
	again.send("山田 花子（予備）" + keyEnter)
	again.waitFor("1 本人")
	again.send("1" + keyEnter)
	again.waitFor("すでに別の人")
	tm.send(keyF3)
	tm.waitFor("参加コード: ")
	tm.send("f")
	tm.waitFor("どの立場を空けますか")
	tm.send("1")
	tm.waitFor("山田 花子（ゲスト）、") // still in the room, with no party now
	m = joinCodePattern.FindStringSubmatch(tm.screen.Text())
	back := ts.open(newLearner, 100, 30, "join "+m[1])
	back.waitFor("your name")
	back.send("山田 花子（予備）" + keyEnter)
	back.waitFor("1 本人")
	back.send("1" + keyEnter)
	back.waitFor("あなたは 本人 として参加しています")

	md, _, status := ts.run(aliceKey, "export --agreement '山田 花子'")
	for _, p := range parties {
		if status != 0 || !strings.Contains(md, "（"+p.name+"・ゲスト、") {
			t.Errorf("the agreement document does not say %s confirmed:\n%s", p.name, md)
		}
	}
}

// BenchmarkContributionReachesTheRoom: one person in a round's room sends a
// contribution (through their store, as their screen does); the time until
// it shows on another participant's screen over SSH, with eight people in
// the room and the list growing by one each time.
func BenchmarkContributionReachesTheRoom(b *testing.B) {
	ts := startServer(b)
	eve, _ := ts.person("高橋 イブ", func(a *model.Account) { a.Role = model.RoleFacilitator })
	lib, err := content.Library()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	setup := model.RoundSetup{Format: lib.Rounds.DefaultFormat(), Facilitator: eve.Name, Participants: []model.Participant{{Name: eve.Name}}}
	sess, rd := model.NewRound(setup, nil, model.Ja, testNow)
	store := ts.store.As(eve)
	defer store.Close()
	if sess, _, err = store.StartRound(ctx, sess, rd); err != nil {
		b.Fatal(err)
	}
	code, err := store.OpenRoom(ctx, sess.ID, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	var writer *terminal
	for i := range 7 {
		_, key := ts.person(fmt.Sprintf("参加者 %d", i+1))
		tm := ts.open(key, 100, 30, "join "+code)
		tm.waitFor(fmt.Sprintf("あなた: 参加者 %d", i+1))
		if i == 0 {
			writer = tm
		}
	}
	b.ResetTimer()
	for i := range b.N {
		text := fmt.Sprintf("問い%05d、本人はどう受け止めていましたか", i)
		if _, err := store.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: text}); err != nil {
			b.Fatal(err)
		}
		writer.waitFor(fmt.Sprintf("問い%05d", i))
	}
}

// TestTheRoomsClockGoesOnWhenTheFacilitatorDrops: the facilitator's
// connection drops while the clock runs in a room: every screen keeps
// counting, and the facilitator, back, finds it running, the time away
// counted.
func TestTheRoomsClockGoesOnWhenTheFacilitatorDrops(t *testing.T) {
	ts := startServer(t)
	_, bobKey := ts.person("鈴木 ボブ")
	eve, code, _, _, eveKey := facilitatorOpensARoom(t, ts, []string{"佐藤 アリス", "鈴木 ボブ"})
	bob := ts.open(bobKey, 100, 30, "join "+code)
	bob.waitFor("あなた: 鈴木 ボブ")
	eve.send(keyEsc)
	eve.waitUntil("closed the room", func(s string) bool { return !strings.Contains(s, "参加コード: ") })
	eve.send(ctrlT, " ")
	eve.waitFor("進行中")
	bob.waitFor("▶ 進行中")

	eve.cut()
	eventually(t, "the facilitator's connection has ended", func() bool {
		open, _ := ts.store.InterruptedSessions(context.Background())
		return len(open) == 1
	})
	ts.clock.advance(2 * time.Minute)
	bob.waitFor("⏱ 03:00") // the opening's five minutes, two of them gone
	bob.waitFor("▶ 進行中")

	back := ts.open(eveKey, 110, 34, "")
	back.waitFor("途中のセッションがあります")
	back.send(keyEnter)
	back.waitFor("▶ 進行中")
	if strings.Contains(back.screen.Text(), "止めてあります") {
		t.Fatalf("the clock was stopped:\n%s", back.screen.Text())
	}
	back.send(keyF3)
	back.waitFor("参加コード: ") // a new code; those in the room stay in it
	back.waitFor("鈴木 ボブ")
}

// TestAccessibleJoinIsPlainText: a person who uses the accessible mode
// joins a round with its code and takes part as plain text, no escape
// sequences; what they send reaches another participant's screen.
func TestAccessibleJoinIsPlainText(t *testing.T) {
	ts := startServer(t)
	_, bobKey := ts.person("鈴木 ボブ")
	_, kimKey := ts.person("金 ミナ", func(a *model.Account) { a.Accessible = true })
	_, code, _, _, _ := facilitatorOpensARoom(t, ts, []string{"佐藤 アリス", "鈴木 ボブ", "金 ミナ"})
	bob := ts.open(bobKey, 100, 30, "join "+code)
	bob.waitFor("あなた: 鈴木 ボブ")
	kim := ts.open(kimKey, 80, 24, "join "+code)
	kim.waitFor("金 ミナ として入りました")
	kim.waitFor("質問>")
	kim.send("相手の話を最後まで聞けましたか" + keyEnter)
	kim.waitFor("質問を送りました。")
	bob.waitFor("金 ミナ: 相手の話を最後まで聞けましたか")
	if raw := kim.raw.String(); strings.Contains(raw, "\x1b[") {
		t.Fatalf("escape sequences in the accessible room:\n%q", raw)
	}
	kim.send("/quit" + keyEnter)
	kim.waitFor("場を出ました")
}
