package report

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// update rewrites the golden files under testdata/ with what the code writes
// now: go test ./model/report -run Golden -update. Read the result before keeping it.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenJST is the fixed zone the golden engagement is written in.
var goldenJST = time.FixedZone("JST", 9*3600)

// goldenAt is a fixed time in JST.
func goldenAt(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, goldenJST)
}

// The markers below stand in everything that is kept to the companion. The
// audience document must contain none of them; the document with private
// records must contain every one.
var goldenPrivateMarkers = []string{
	"PRIVATE-GOLDEN-1", // a private answer
	"PRIVATE-GOLDEN-2", // a private note
	"PRIVATE-GOLDEN-3", // a private worry
	"PRIVATE-GOLDEN-4", // the support plan of the private worry
	"PRIVATE-GOLDEN-5", // a status note on a shared worry
	"PRIVATE-GOLDEN-6", // an outcome note on an action
}

// goldenPrompt is a text prompt with its title, question and follow-ups.
func goldenPrompt(id, title, text string, fus ...model.Followup) model.Prompt {
	return model.Prompt{ID: id, Kind: model.KindText, Title: model.Text{Ja: title, En: id}, Text: model.Text{Ja: text, En: id + "?"}, Followups: fus}
}

func goldenFollowup(id, text string) model.Followup {
	return model.Followup{ID: id, Text: model.Text{Ja: text, En: id + "?"}}
}

func goldenScale(id, title, text string, labels ...string) model.Prompt {
	p := model.Prompt{ID: id, Kind: model.KindScale, Title: model.Text{Ja: title, En: id}, Text: model.Text{Ja: text, En: id + "?"}}
	for _, l := range labels {
		p.Scale = append(p.Scale, model.Text{Ja: l, En: l})
	}
	return p
}

// goldenFlows are five flows in the shape of the built-in content, written
// here so that a change of wording in content/ does not move the golden
// files.
func goldenFlows() (purpose, anxiety, agreement, checkin, reflection *model.Flow) {
	purpose = &model.Flow{ID: "purpose", Phase: model.Before, Mode: model.OneOnOne, Order: 10, Title: model.Text{Ja: "目的抽出", En: "Purpose extraction"},
		Prompts: []model.Prompt{
			goldenPrompt("achieve", "実現したいこと", "この越境で、あなた自身が実現したいことは何でしょう。大きなことでも小さなことでも構いません。",
				goldenFollowup("what-changes", "それが実現できたら、あなたにとって何が変わりますか。"),
				goldenFollowup("origin", "そう思うようになったきっかけはありますか。")),
			goldenPrompt("why-now", "なぜ今、外へ", "なぜ「今」、そして「社外に出る」という形なのでしょう。自分の言葉で聞かせてください。"),
			goldenPrompt("gain", "身につけたいこと", "越境を通じて身につけたい知識、スキル、ものの見方は何ですか。"),
			goldenPrompt("company-expects", "会社からの期待", "会社（上司や人事）は、あなたに何を期待して送り出すと思いますか。それを直接確かめたことはありますか。"),
			goldenPrompt("bring-back", "持ち帰りたいもの", "越境先から所属組織に持ち帰りたいものは何ですか。"),
		}}
	anxiety = &model.Flow{ID: "anxiety", Phase: model.Before, Mode: model.OneOnOne, Order: 20, Title: model.Text{Ja: "不安可視化", En: "Surfacing anxieties"},
		Prompts: []model.Prompt{
			goldenPrompt("feelings-now", "今の気持ち", "越境に出ることが決まって、今どんな気持ちでいますか。楽しみなことからでも、気がかりなことからでも構いません。"),
			{ID: "worries", Kind: model.KindAnxiety, Title: model.Text{Ja: "気がかりなこと", En: "Your worries"},
				Text: model.Text{Ja: "気になっていることを、一つずつあなたの言葉で挙げてみましょう。", En: "Your worries?"},
				Options: []model.Option{
					{ID: "fitting-in", Text: model.Text{Ja: "越境先になじめるか", En: "Fitting in at the host"}},
					{ID: "return", Text: model.Text{Ja: "帰任後の居場所とキャリア", En: "My place and career after return"}},
					{ID: "family", Text: model.Text{Ja: "家族や私生活", En: "Family and private life"}},
				}},
			goldenScale("intensity", "不安の大きさ", "いま感じている不安を全体としてとらえると、どのくらいの大きさですか。",
				"ほとんどない", "少しある", "ほどほどにある", "かなり大きい", "とても大きい"),
			goldenPrompt("who-to-call", "困ったときの連絡先", "向こうで困ったとき、まず誰に連絡しますか。"),
		}}
	agreement = &model.Flow{ID: "agreement", Phase: model.Before, Mode: model.ThreeParty, Use: model.UseAgreement, Order: 30, Title: model.Text{Ja: "三者合意", En: "Three-party agreement"},
		Prompts: []model.Prompt{
			{ID: "role-scope", Kind: model.KindAgreement, Title: model.Text{Ja: "役割と業務範囲", En: "Role and scope of work"},
				Text: model.Text{Ja: "越境先で本人が担う仕事は何で、どこまでを任せる想定ですか。三者それぞれが思い描いている姿を聞かせてください。", En: "Role?"}},
			{ID: "period", Kind: model.KindAgreement, Title: model.Text{Ja: "期間と働き方", En: "Period and working pattern"},
				Text: model.Text{Ja: "越境の期間と、勤務日数や場所、所属組織の仕事との兼ね合いなど、働き方はどうしましょうか。", En: "Period?"}},
		}}
	checkin = &model.Flow{ID: "checkin", Phase: model.During, Mode: model.OneOnOne, Use: model.UseCheckin, Order: 10, Title: model.Text{Ja: "定期チェックイン", En: "Regular check-in"},
		Prompts: []model.Prompt{
			goldenPrompt("progress", "進んだこと", "前回から今日までに取り組んだこと、前に進んだことを聞かせてください。",
				goldenFollowup("felt-progress", "その中で、自分でも手ごたえを感じたのはどれですか。")),
			goldenPrompt("workload", "仕事の量と難しさ", "今の仕事の量と難しさはどうですか。"),
			goldenScale("energy", "気力と体調", "今の気力や体調を5段階で表すと、どのあたりですか。",
				"とても低い", "低い", "ふつう", "高い", "とても高い"),
			{ID: "next-steps", Kind: model.KindAction, Title: model.Text{Ja: "次までにやること", En: "Next steps"},
				Text: model.Text{Ja: "今日の話から、次に話すときまでにやってみることを決めましょう。誰が、いつまでに行うかも書いておきます。", En: "Next?"}},
		}}
	reflection = &model.Flow{ID: "reflection", Phase: model.After, Mode: model.OneOnOne, Order: 10, Title: model.Text{Ja: "振り返り", En: "Reflection"},
		Prompts: []model.Prompt{
			goldenPrompt("learned-noticed", "学んだこと、気づいたこと", "越境先で学んだこと、気づいたことを、思いつくままに挙げてみてください。"),
			goldenPrompt("hardest", "一番苦しかった時", "越境中、一番苦しかったのはどんな時でしたか。そこをどう抜けましたか。"),
			goldenScale("words-for-it", "言葉にできている度合い", "越境で得たものを、今どのくらい自分の言葉で人に説明できそうですか。5段階で選んでください。",
				"ほとんど言葉にならない", "少しなら言える", "半分ほど言える", "おおむね言える", "自信を持って語れる"),
			goldenPrompt("tell-whom", "誰に何を伝えるか", "越境で得たことを、誰に、何から伝えたいですか。"),
		}}
	return
}

// goldenLedger is the engagement's ledger as it stands after the last
// session: three worries (one private), two actions and one agreed topic.
func goldenLedger() model.Ledger {
	return model.Ledger{
		Anxieties: []model.Anxiety{
			{ID: "anx-fit", EngagementID: 1, SessionID: 12, StepKey: "p:worries",
				Text: "越境先のメンバーに受け入れてもらえるか", Category: "fitting-in", Intensity: 4, Term: model.ShortTerm,
				Plan: "最初の2週間は、鈴木さんと毎日10分話す時間をとる", CreatedAt: goldenAt(2026, 3, 12, 10, 20),
				History: []model.AnxietyUpdate{
					{ID: "u1", AnxietyID: "anx-fit", SessionID: 14, Status: model.AnxietyEasing, Note: "歓迎会で話せる人ができた", At: goldenAt(2026, 5, 1, 19, 5)},
					{ID: "u2", AnxietyID: "anx-fit", SessionID: 15, Status: model.AnxietyResolved, At: goldenAt(2026, 10, 20, 10, 5)},
				}},
			{ID: "anx-family", EngagementID: 1, SessionID: 12, StepKey: "p:worries",
				Text: "PRIVATE-GOLDEN-3 母の介護のことを、会社にはまだ話せていない", Category: "family", Intensity: 5, Term: model.LongTerm,
				Plan: "PRIVATE-GOLDEN-4 伴走者だけが把握し、本人が話せる時期を待つ", Private: true, CreatedAt: goldenAt(2026, 3, 12, 10, 25),
				History: []model.AnxietyUpdate{
					{ID: "u3", AnxietyID: "anx-family", SessionID: 14, Status: model.AnxietyEasing, Note: "きょうだいと分担を話し合えた", At: goldenAt(2026, 5, 1, 19, 6)},
				}},
			{ID: "anx-return", EngagementID: 1, SessionID: 12, StepKey: "p:worries",
				Text: "帰任後、元の部署に自分の居場所があるか", Category: "return", Intensity: 3, Term: model.LongTerm,
				CreatedAt: goldenAt(2026, 3, 12, 10, 30),
				History: []model.AnxietyUpdate{
					{ID: "u4", AnxietyID: "anx-return", SessionID: 15, Status: model.AnxietyEasing, Note: "PRIVATE-GOLDEN-5 上司から帰任後の役割について打診があった", At: goldenAt(2026, 10, 20, 10, 6)},
				}},
		},
		Actions: []model.Action{
			{ID: "act-handover", EngagementID: 1, SessionID: 14, StepKey: "p:next-steps",
				Text: "本業の引き継ぎ対応を週1回にまとめられないか、佐藤さんに相談する", Owner: model.OwnerLearner, Due: model.NewDate(2026, 5, 15),
				CreatedAt: goldenAt(2026, 5, 1, 19, 40),
				History: []model.ActionUpdate{
					{ID: "o1", ActionID: "act-handover", SessionID: 15, Outcome: model.OutcomeWorked, Note: "PRIVATE-GOLDEN-6 佐藤さんがすぐに調整してくれた", At: goldenAt(2026, 10, 20, 10, 8)},
				}},
			{ID: "act-team", EngagementID: 1, SessionID: 14, StepKey: "p:next-steps",
				Text: "企画チームに加わる時期を、鈴木さんと確認する", Owner: model.OwnerCompanion, Due: model.NewDate(2026, 5, 31),
				CreatedAt: goldenAt(2026, 5, 1, 19, 45),
				History: []model.ActionUpdate{
					{ID: "o2", ActionID: "act-team", SessionID: 15, Outcome: model.OutcomeNotTried, Note: "鈴木さんの異動で確認の機会を逃した", At: goldenAt(2026, 10, 20, 10, 9)},
				}},
		},
		Agreement: []model.AgreementItem{{
			SessionID: 13, SessionStarted: goldenAt(2026, 3, 19, 14, 0), Topic: "role-scope", Title: "役割と業務範囲",
			Learner:   model.PartyView{Expectation: "地域の事業者を訪ね、見守りサービスの企画を一から担いたい", Fit: 4},
			Sending:   model.PartyView{Expectation: "企画の進め方を学び、帰任後の新規事業に活かしてほしい", Fit: 4},
			Host:      model.PartyView{Expectation: "まずは既存事業の運営を手伝い、慣れたら企画にも加わってほしい", Fit: 2},
			Agreed:    "最初の1か月は既存事業の運営に入る。\n2か月目から見守りサービスの企画チームに加わる。",
			UpdatedAt: goldenAt(2026, 3, 19, 15, 30),
		}},
	}
}

// goldenLedgerAsOf is the ledger as it stood at t: what was recorded before then.
// A session that carries worries and actions forward sees only these.
func goldenLedgerAsOf(l model.Ledger, t time.Time) model.Ledger {
	var out model.Ledger
	for _, a := range l.Anxieties {
		if !a.CreatedAt.Before(t) {
			continue
		}
		var h []model.AnxietyUpdate
		for _, u := range a.History {
			if u.At.Before(t) {
				h = append(h, u)
			}
		}
		a.History = h
		out.Anxieties = append(out.Anxieties, a)
	}
	for _, a := range l.Actions {
		if !a.CreatedAt.Before(t) {
			continue
		}
		var h []model.ActionUpdate
		for _, u := range a.History {
			if u.At.Before(t) {
				h = append(h, u)
			}
		}
		a.History = h
		out.Actions = append(out.Actions, a)
	}
	return out
}

// goldenPlay applies events to s, a minute apart from the session's start.
func goldenPlay(t *testing.T, s model.Session, events ...model.Event) model.Session {
	t.Helper()
	now := s.StartedAt
	for i, e := range events {
		now = now.Add(time.Minute)
		var err error
		if s, err = model.Apply(s, e, now); err != nil {
			t.Fatalf("event %d (%T): %v", i, e, err)
		}
	}
	return s
}

func goldenFinish(t *testing.T, s model.Session, when time.Time) model.Session {
	t.Helper()
	s, err := model.Apply(s, model.Finish{}, when)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// goldenEngagement is one whole engagement: 山田 花子 goes from a trading
// company to an NPO for six months, with five sessions before, during and
// after.
func goldenEngagement(t *testing.T) (model.Engagement, []model.Session, model.Ledger, *model.Library) {
	t.Helper()
	purpose, anxiety, agreement, checkin, reflection := goldenFlows()
	lib := model.NewLibrary([]*model.Flow{purpose, anxiety, agreement, checkin, reflection})
	ledger := goldenLedger()
	e := model.Engagement{ID: 1, Learner: model.Learner{ID: 1, Name: "山田 花子"},
		SendingOrg: "株式会社みらい商事", HostOrg: "NPO法人つなぐ",
		Start: model.NewDate(2026, 4, 1), End: model.NewDate(2026, 9, 30),
		Companions: []model.Companion{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "鈴木 美咲", Type: model.Host}, {Name: "高橋 由美", Type: model.ThirdParty}}}

	// 1. Before departure: purpose, with a follow-up, a private answer, a
	// shared note, a skipped prompt, an own question and a prompt not
	// asked.
	s1 := model.NewSession(purpose, 1, model.Ja, goldenAt(2026, 3, 5, 10, 0))
	s1.ID = 11
	s1 = goldenPlay(t, s1,
		model.SetAnswer{Text: "地域の課題に、事業として向き合う経験を積みたい。\n社内では新規事業の立ち上げに関わる機会がほとんどないので。"},
		model.DigDeeper{FollowupID: "what-changes", Text: "それが実現できたら、あなたにとって何が変わりますか。"},
		model.SetAnswer{Text: "「言われたことをこなす」働き方から、自分で問いを立てる働き方に変わると思う。"},
		model.Jump{Key: "p:why-now"},
		model.SetAnswer{Text: "PRIVATE-GOLDEN-1 正直に言うと、今の上司との関係がつらく、少し距離を置きたい気持ちもある。"},
		model.SetAnswerPrivate{Private: true},
		model.Next{},
		model.SetAnswer{Text: "限られた予算と人数で物事を前に進める力。\n・関係者を巻き込む力\n・数字で説明する力"},
		model.SetNote{Text: "本人の強みは調整力。越境先でも活きそうだと伝えた。"},
		model.SetNoteShared{Shared: true},
		model.Next{},
		model.Skip{}, // 会社からの期待: not yet asked of the manager
		model.AddQuestion{Text: "ご家族は今回の越境をどう受け止めていますか。"},
		model.SetAnswer{Text: "夫は応援してくれている。子どもの送り迎えは分担を見直す予定。"},
	)
	s1 = goldenFinish(t, s1, goldenAt(2026, 3, 5, 11, 0))

	// 2. Before departure: worries, recorded in the ledger, with a private
	// note and a scale.
	s2 := model.NewSession(anxiety, 1, model.Ja, goldenAt(2026, 3, 12, 10, 0))
	s2.ID = 12
	s2 = goldenPlay(t, s2,
		model.SetAnswer{Text: "楽しみ半分、不安半分です。決まった日はよく眠れませんでした。"},
		model.SetNote{Text: "PRIVATE-GOLDEN-2 夜は家の用事で時間が取れないと話していた。面談の時間に配慮する。"},
		model.Next{}, // 気がかりなこと: the worries are in the ledger
		model.Next{},
		model.SetValue{Value: 4},
		model.SetAnswer{Text: "一つひとつは小さいけれど、重なると大きく感じる。"},
	)
	s2 = goldenFinish(t, s2, goldenAt(2026, 3, 12, 11, 0))

	// 3. Before departure, the three of them: the role, with a gap in fit.
	s3 := model.NewSession(agreement, 1, model.Ja, goldenAt(2026, 3, 19, 14, 0))
	s3.ID = 13
	s3 = goldenFinish(t, s3, goldenAt(2026, 3, 19, 15, 30))

	// 4. During the stint: a check-in that brings the worries back.
	s4 := model.NewSession(checkin, 1, model.Ja, goldenAt(2026, 5, 1, 19, 0))
	s4.ID = 14
	s4 = model.CarryForward(s4, goldenLedgerAsOf(ledger, s4.StartedAt))
	s4 = goldenPlay(t, s4,
		model.Jump{Key: "p:progress"},
		model.SetAnswer{Text: "見守りサービスの利用者さん5人に話を聞けた。\n思っていたより「困りごと」がはっきりしていて驚いた。"},
		model.DigDeeper{FollowupID: "felt-progress", Text: "その中で、自分でも手ごたえを感じたのはどれですか。"},
		model.SetAnswer{Text: "訪問の約束を、自分で取りつけられたこと。"},
		model.Jump{Key: "p:energy"},
		model.SetValue{Value: 2},
		model.SetAnswer{Text: "平日は本業の引き継ぎ対応が夜まで残っていて、疲れ気味。"},
	)
	s4 = goldenFinish(t, s4, goldenAt(2026, 5, 1, 20, 0))

	// 5. After return: reflection, still in progress, that brings the
	// worries and actions back.
	s5 := model.NewSession(reflection, 1, model.Ja, goldenAt(2026, 10, 20, 10, 0))
	s5.ID = 15
	s5 = model.CarryForward(s5, goldenLedgerAsOf(ledger, s5.StartedAt))
	s5 = goldenPlay(t, s5,
		model.Jump{Key: "p:learned-noticed"},
		model.SetAnswer{Text: "・現場の声を聞いてから企画を考える順番の大切さ\n・「正解」を待たずに小さく試すこと\n\n3か月目からは、週2回の訪問を自分で組み立てた。"},
		model.Next{},
		model.SetAnswer{Text: "6月、企画が白紙に戻ったとき。\nチームの人に「わからない」と正直に言えたことで抜けられた。"},
		model.Next{},
		model.SetValue{Value: 3},
	)
	return e, []model.Session{s1, s2, s3, s4, s5}, ledger, lib
}

func TestEngagementMarkdownGoldenJa(t *testing.T) {
	e, sessions, ledger, lib := goldenEngagement(t)
	opt := Options{Lang: model.Ja, Location: goldenJST, Audience: model.PartyLearner, Ledger: ledger, Library: lib}
	shared := EngagementMarkdown(e, sessions, opt)
	opt.IncludePrivate = true
	private := EngagementMarkdown(e, sessions, opt)

	// Independent of the golden files, so that blessing a wrong file cannot
	// make the test pass.
	for _, m := range goldenPrivateMarkers {
		if strings.Contains(shared, m) {
			t.Errorf("the learner's copy contains private text %s", m)
		}
		if !strings.Contains(private, m) {
			t.Errorf("the copy with private records lacks %s", m)
		}
	}
	for _, want := range []string{"# 山田 花子\n", "*この文書の読み手: 本人。伴走者の非公開の記録は含みません。*",
		"**伴走者メモ:**\n\n本人の強みは調整力。", "### 三者合意\n", "## 不安の台帳\n"} {
		if !strings.Contains(shared, want) {
			t.Errorf("the learner's copy lacks %q", want)
		}
	}
	for _, want := range []string{"*この文書の読み手: 本人。伴走者の非公開の記録も含みます。*",
		"**伴走者メモ（非公開）:**\n\nPRIVATE-GOLDEN-2"} {
		if !strings.Contains(private, want) {
			t.Errorf("the copy with private records lacks %q", want)
		}
	}

	checkGolden(t, "engagement_ja.golden.md", shared)
	checkGolden(t, "engagement_ja_private.golden.md", private)
}

// checkGolden compares got with testdata/name, or rewrites the file with
// -update. On a difference it reports the first line that differs.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./model/report -run %s -update to create it)", err, t.Name())
	}
	want := string(data)
	if got == want {
		return
	}
	n, g, w := firstDiff(got, want)
	t.Errorf("%s:%d differs (run go test ./model/report -run %s -update to accept, then read the file)\n got: %s\nwant: %s",
		path, n, t.Name(), g, w)
}

// firstDiff returns the 1-based number of the first line where got and want
// differ, and both lines quoted (or a note that the text has ended).
func firstDiff(got, want string) (int, string, string) {
	g, w := strings.SplitAfter(got, "\n"), strings.SplitAfter(want, "\n")
	line := func(ls []string, i int) string {
		if i >= len(ls) {
			return "(end of text)"
		}
		return fmt.Sprintf("%q", ls[i])
	}
	for i := 0; i < max(len(g), len(w)); i++ {
		if i >= len(g) || i >= len(w) || g[i] != w[i] {
			return i + 1, line(g, i), line(w, i)
		}
	}
	return 0, "", ""
}
