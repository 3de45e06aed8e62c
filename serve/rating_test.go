package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"bansou/content"
	"bansou/model"
)

// finishedReview saves, as a person's store would, a finished self-review
// that rates the first skill of the map (目的抽出) at a level.
func finishedReview(t *testing.T, ts *testServer, a model.Account, level int) {
	t.Helper()
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	m := lib.Skills
	id := m.Skills[0].ID
	s := model.NewSelfReview(m, []string{id}, nil, model.Ja, testNow)
	for _, ev := range []model.Event{model.Jump{Key: "p:" + id}, model.SetValue{Value: level},
		model.SetAnswer{Text: "面談の最初に本人の目的を言葉にしてもらった"}, model.Finish{}} {
		if s, err = model.Apply(s, ev, testNow); err != nil {
			t.Fatal(err)
		}
	}
	store := ts.store.As(a)
	defer store.Close()
	if _, err := store.StartSession(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}

// TestARatingFromTheRatersOwnConnection: 佐藤 asks 田中, from the skill
// page, for a rating. 田中 finds the request on his home screen (it appears
// there while he is connected, without a key), reads the
// guidance, rates the first skill with evidence; his connection drops and
// what he typed is kept; he comes back to it, writes what worked and an
// improvement with its alternative and reason, and sends it after a
// confirmation that says it becomes 佐藤's alone. 佐藤's skill page shows
// it beside her own level, with the gap. 鈴木 and the admin, connected at
// the same time, read nothing of it on their screens or in their stores,
// and 田中 cannot read it back.
func TestARatingFromTheRatersOwnConnection(t *testing.T) {
	ts := startServer(t)
	sato, satoKey := ts.person("佐藤 未来")
	tanaka, tanakaKey := ts.person("田中 一郎")
	suzuki, suzukiKey := ts.person("鈴木 花子")
	admin, adminKey := ts.person("管理 太郎", func(a *model.Account) { a.Admin = true })
	finishedReview(t, ts, sato, 2)

	// 田中 is on his home screen as she asks: the request appears there.
	b := ts.open(tanakaKey, 100, 30, "")
	b.waitFor("まだエンゲージメントがありません")
	a := ts.open(satoKey, 100, 30, "")
	a.waitFor("まだエンゲージメントがありません")
	a.send("s")
	a.waitFor("1回（最新")
	a.send("r")
	a.waitFor("スキルの評価を頼む相手を選ぶ")
	a.waitFor("田中 一郎")
	if strings.Contains(a.screen.Text(), "▸ 佐藤 未来") {
		t.Error("the list offers the companion herself")
	}
	a.send(keyEnter) // 田中 一郎, first by name
	a.waitFor("田中 一郎さんに評価を頼みました")

	// 鈴木 and the admin are connected all along.
	c := ts.open(suzukiKey, 100, 30, "")
	c.waitFor("まだエンゲージメントがありません")
	adm := ts.open(adminKey, 100, 30, "")
	adm.waitFor("まだエンゲージメントがありません")

	b.waitFor("佐藤 未来さんからスキルの評価を頼まれています")
	b.send(keyEnter)
	b.waitFor("佐藤 未来さんのスキルを評価する")
	b.waitFor("佐藤 未来さんの伴走を見てきた立場から") // the sheet's guidance, the same words
	b.waitFor("点数をつけて審査するためのものではありません")
	b.send("1", keyTab, "4", keyTab) // メンター; 目的抽出 at 4
	b.typeSlowly("面談の冒頭で本人の言葉を待ってから目的をまとめていた")
	b.waitFor("面談の冒頭で本人の言葉を待ってから目的をまとめていた")
	draftOf := func() model.PeerRating {
		store := ts.store.As(tanaka)
		defer store.Close()
		reqs, err := store.RatingRequests(context.Background())
		if err != nil || len(reqs) != 1 {
			t.Fatalf("田中's requests: %+v, %v", reqs, err)
		}
		return reqs[0].Draft
	}
	eventually(t, "the draft is kept as it is typed", func() bool {
		ps, _ := draftOf().Skill("purpose-elicitation")
		return ps.Level == 4 && strings.Contains(ps.Evidence, "目的をまとめていた")
	})
	b.typeSlowly("。毎回")
	b.waitFor("。毎回")
	b.cut() // the connection drops mid-rating
	eventually(t, "what was typed before the drop is kept", func() bool {
		ps, _ := draftOf().Skill("purpose-elicitation")
		return strings.HasSuffix(ps.Evidence, "。毎回")
	})

	b = ts.open(tanakaKey, 100, 30, "")
	b.waitFor("佐藤 未来さんからスキルの評価を頼まれています")
	b.send(keyEnter)
	b.waitFor("目的をまとめていた。毎回")
	b.send(keyTab, keyTab) // relation → level → evidence
	for range 39 {         // the other 19 skills' level and evidence
		b.send(keyTab)
	}
	b.waitFor("うまくいっていたこと")
	b.typeSlowly("週報への返事で本人が次の一手を自分で決められた")
	b.send(keyTab)
	b.typeSlowly("面談の終わりに自分の案を先に出していた")
	b.send(keyTab)
	b.typeSlowly("まず本人の案を聞いてから添える")
	b.send(keyTab)
	b.typeSlowly("本人が自分で決めた感覚を持てるように")
	b.waitFor("自分で決めた感覚を持てるように")
	b.send(ctrlS)
	b.waitFor("佐藤 未来さんに評価を送信しますか")
	b.waitFor("あなた自身も読み返したり直したりできません")
	b.send("y")
	b.waitFor("佐藤 未来さんに評価を送りました")
	b.waitUntil("left the request off the due list", func(s string) bool {
		return !strings.Contains(s, "評価を頼まれています")
	})

	// 佐藤 reads it on her skill page, beside her own level.
	a.send(keyEsc)
	a.waitFor("まだエンゲージメントがありません")
	a.send("s")
	a.waitFor("ほかの人の評価（1件）")
	a.waitFor("田中 一郎（メンター） 4 — ")
	a.waitUntil("showed the gap to her own level", func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), ""), "自己評価との差+2") // the line may wrap
	})
	store := ts.store.As(sato)
	mine, err := store.PeerRatings(context.Background())
	store.Close()
	if err != nil || len(mine) != 1 || mine[0].Rater != "田中 一郎" || mine[0].Relation != model.RelationMentor ||
		mine[0].Alternative != "まず本人の案を聞いてから添える" || !strings.HasSuffix(mine[0].Skills[0].Evidence, "。毎回") {
		t.Fatalf("佐藤's ratings: %+v, %v", mine, err)
	}

	// No one else reads it: not 鈴木, not the admin, not 田中 who wrote it.
	for name, who := range map[string]model.Account{"鈴木": suzuki, "the admin": admin, "田中": tanaka} {
		s := ts.store.As(who)
		got, err := s.PeerRatings(context.Background())
		if err != nil || len(got) != 0 {
			t.Errorf("%s reads the rating: %+v, %v", name, got, err)
		}
		reqs, err := s.RatingRequests(context.Background())
		for _, q := range reqs {
			if !q.Draft.Empty() {
				t.Errorf("%s reads a draft: %+v", name, q.Draft)
			}
			if who.ID != tanaka.ID {
				t.Errorf("%s reads a request: %+v", name, q)
			}
		}
		if err != nil {
			t.Error(err)
		}
		s.Close()
	}
	for name, tm := range map[string]*terminal{"鈴木": c, "the admin": adm} {
		tm.send("s")
		tm.waitFor("まだ振り返りはありません")
		if s := tm.screen.Text(); strings.Contains(s, "ほかの人の評価") || strings.Contains(s, "田中 一郎") {
			t.Errorf("%s's skill page shows the rating:\n%s", name, s)
		}
		tm.send(keyEsc)
		tm.waitFor("まだエンゲージメントがありません")
		if s := tm.screen.Text(); strings.Contains(s, "評価を頼まれています") {
			t.Errorf("%s's home shows the request:\n%s", name, s)
		}
	}
}

// TestADroppedRatingKeepsWhatWasTyped: the rater's client is killed while
// they type, long before the form would have kept it (the save delay is
// an hour): the draft is in the store all the same, and it is back in the
// form when they connect again.
func TestADroppedRatingKeepsWhatWasTyped(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.SaveDelay = time.Hour })
	sato, _ := ts.person("佐藤 未来")
	tanaka, tanakaKey := ts.person("田中 一郎")
	asker := ts.store.As(sato)
	if _, err := asker.AskRating(context.Background(), tanaka.ID); err != nil {
		t.Fatal(err)
	}
	asker.Close()
	rater := ts.store.As(tanaka)
	defer rater.Close()
	evidence := func() string {
		reqs, err := rater.RatingRequests(context.Background())
		if err != nil || len(reqs) != 1 {
			t.Fatalf("田中's requests: %+v, %v", reqs, err)
		}
		ps, _ := reqs[0].Draft.Skill("purpose-elicitation")
		return ps.Evidence
	}
	b := ts.open(tanakaKey, 100, 30, "")
	b.waitFor("佐藤 未来さんからスキルの評価を頼まれています")
	b.send(keyEnter)
	b.waitFor("佐藤 未来さんのスキルを評価する")
	b.send(keyTab, keyTab)
	typed := "本人の目的を本人の言葉で書き出してもらっていた"
	b.typeSlowly(typed)
	b.waitFor(typed)
	if got := evidence(); got != "" {
		t.Fatalf("kept before it should be (the test would prove nothing): %q", got)
	}
	b.cut()
	eventually(t, "the draft is kept after the drop", func() bool { return evidence() == typed })
	b = ts.open(tanakaKey, 100, 30, "")
	b.waitFor("評価を頼まれています")
	b.send(keyEnter)
	b.waitFor(typed)
}

// TestTheAccessibleModeRatesOverSSH: 田中, connected in the accessible
// mode, opens the rating 佐藤 asked of him from what is due, says who he is
// and rates the first skill; his connection drops. What he answered is in
// the draft; connecting again, he is told so and goes on at the second
// skill, goes to the end and sends it: 佐藤 has it.
func TestTheAccessibleModeRatesOverSSH(t *testing.T) {
	ts := startServer(t)
	sato, _ := ts.person("佐藤 未来")
	tanaka, tanakaKey := ts.person("田中 一郎")
	asker := ts.store.As(sato)
	defer asker.Close()
	if _, err := asker.AskRating(context.Background(), tanaka.ID); err != nil {
		t.Fatal(err)
	}
	rater := ts.store.As(tanaka)
	defer rater.Close()
	open := func() *terminal {
		tm := ts.open(tanakaKey, 100, 30, "accessible")
		tm.waitFor("何をしますか。")
		tm.send("8", keyEnter)
		tm.waitFor("確認することとバランスの注意")
		tm.send("2", keyEnter)
		tm.waitFor("1. 佐藤 未来さんからスキルの評価を頼まれています")
		tm.send("1", keyEnter)
		tm.waitFor("佐藤 未来さんのスキルを評価します。")
		return tm
	}
	evidence := "面談の最初に、本人の目的を本人の言葉で書き出してもらっていた"
	tm := open()
	tm.waitFor("あなたは佐藤 未来さんにとって誰ですか。")
	tm.send("1", keyEnter)
	tm.waitFor("保存しました: あなたの立場: メンター。")
	tm.send("4", keyEnter)
	tm.waitFor("保存しました: 段階 4")
	tm.send(evidence, keyEnter)
	tm.waitFor("保存しました: 根拠。")
	tm.cut()
	reqs, err := rater.RatingRequests(context.Background())
	if err != nil || len(reqs) != 1 {
		t.Fatalf("田中's requests: %+v, %v", reqs, err)
	}
	if ps, _ := reqs[0].Draft.Skill("purpose-elicitation"); reqs[0].Draft.Relation != model.RelationMentor ||
		ps.Level != 4 || ps.Evidence != evidence {
		t.Fatalf("the draft after the drop: %+v", reqs[0].Draft)
	}

	tm = open()
	tm.waitFor("書きかけの評価があります")
	tm.waitFor("スキル 2/20")
	tm.send("/jump 26", keyEnter)
	tm.waitFor("送信しますか。")
	tm.send("y", keyEnter)
	tm.waitFor("佐藤 未来さんに評価を送りました。")
	got, err := asker.PeerRatings(context.Background())
	if err != nil || len(got) != 1 || got[0].Skills[0].Evidence != evidence || got[0].Rater != "田中 一郎" {
		t.Fatalf("佐藤's ratings: %+v, %v", got, err)
	}
}
