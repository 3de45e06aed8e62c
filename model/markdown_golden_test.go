package model

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// update rewrites the golden files under testdata/ with what the code writes
// now: go test ./model -run Golden -update. Read the result before keeping it.
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
func goldenPrompt(id, title, text string, fus ...Followup) Prompt {
	return Prompt{ID: id, Kind: KindText, Title: Text{Ja: title, En: id}, Text: Text{Ja: text, En: id + "?"}, Followups: fus}
}

func goldenFollowup(id, text string) Followup {
	return Followup{ID: id, Text: Text{Ja: text, En: id + "?"}}
}

func goldenScale(id, title, text string, labels ...string) Prompt {
	p := Prompt{ID: id, Kind: KindScale, Title: Text{Ja: title, En: id}, Text: Text{Ja: text, En: id + "?"}}
	for _, l := range labels {
		p.Scale = append(p.Scale, Text{Ja: l, En: l})
	}
	return p
}

// goldenFlows are five flows in the shape of the built-in content, written
// here so that a change of wording in content/ does not move the golden
// files.
func goldenFlows() (purpose, anxiety, agreement, checkin, reflection *Flow) {
	purpose = &Flow{ID: "purpose", Phase: Before, Mode: OneOnOne, Order: 10, Title: Text{Ja: "目的抽出", En: "Purpose extraction"},
		Prompts: []Prompt{
			goldenPrompt("achieve", "実現したいこと", "この越境で、あなた自身が実現したいことは何でしょう。大きなことでも小さなことでも構いません。",
				goldenFollowup("what-changes", "それが実現できたら、あなたにとって何が変わりますか。"),
				goldenFollowup("origin", "そう思うようになったきっかけはありますか。")),
			goldenPrompt("why-now", "なぜ今、外へ", "なぜ「今」、そして「社外に出る」という形なのでしょう。自分の言葉で聞かせてください。"),
			goldenPrompt("gain", "身につけたいこと", "越境を通じて身につけたい知識、スキル、ものの見方は何ですか。"),
			goldenPrompt("company-expects", "会社からの期待", "会社（上司や人事）は、あなたに何を期待して送り出すと思いますか。それを直接確かめたことはありますか。"),
			goldenPrompt("bring-back", "持ち帰りたいもの", "越境先から所属組織に持ち帰りたいものは何ですか。"),
		}}
	anxiety = &Flow{ID: "anxiety", Phase: Before, Mode: OneOnOne, Order: 20, Title: Text{Ja: "不安可視化", En: "Surfacing anxieties"},
		Prompts: []Prompt{
			goldenPrompt("feelings-now", "今の気持ち", "越境に出ることが決まって、今どんな気持ちでいますか。楽しみなことからでも、気がかりなことからでも構いません。"),
			{ID: "worries", Kind: KindAnxiety, Title: Text{Ja: "気がかりなこと", En: "Your worries"},
				Text: Text{Ja: "気になっていることを、一つずつあなたの言葉で挙げてみましょう。", En: "Your worries?"},
				Options: []Option{
					{ID: "fitting-in", Text: Text{Ja: "越境先になじめるか", En: "Fitting in at the host"}},
					{ID: "return", Text: Text{Ja: "帰任後の居場所とキャリア", En: "My place and career after return"}},
					{ID: "family", Text: Text{Ja: "家族や私生活", En: "Family and private life"}},
				}},
			goldenScale("intensity", "不安の大きさ", "いま感じている不安を全体としてとらえると、どのくらいの大きさですか。",
				"ほとんどない", "少しある", "ほどほどにある", "かなり大きい", "とても大きい"),
			goldenPrompt("who-to-call", "困ったときの連絡先", "向こうで困ったとき、まず誰に連絡しますか。"),
		}}
	agreement = &Flow{ID: "agreement", Phase: Before, Mode: ThreeParty, Use: UseAgreement, Order: 30, Title: Text{Ja: "三者合意", En: "Three-party agreement"},
		Prompts: []Prompt{
			{ID: "role-scope", Kind: KindAgreement, Title: Text{Ja: "役割と業務範囲", En: "Role and scope of work"},
				Text: Text{Ja: "越境先で本人が担う仕事は何で、どこまでを任せる想定ですか。三者それぞれが思い描いている姿を聞かせてください。", En: "Role?"}},
			{ID: "period", Kind: KindAgreement, Title: Text{Ja: "期間と働き方", En: "Period and working pattern"},
				Text: Text{Ja: "越境の期間と、勤務日数や場所、所属組織の仕事との兼ね合いなど、働き方はどうしましょうか。", En: "Period?"}},
		}}
	checkin = &Flow{ID: "checkin", Phase: During, Mode: OneOnOne, Use: UseCheckin, Order: 10, Title: Text{Ja: "定期チェックイン", En: "Regular check-in"},
		Prompts: []Prompt{
			goldenPrompt("progress", "進んだこと", "前回から今日までに取り組んだこと、前に進んだことを聞かせてください。",
				goldenFollowup("felt-progress", "その中で、自分でも手ごたえを感じたのはどれですか。")),
			goldenPrompt("workload", "仕事の量と難しさ", "今の仕事の量と難しさはどうですか。"),
			goldenScale("energy", "気力と体調", "今の気力や体調を5段階で表すと、どのあたりですか。",
				"とても低い", "低い", "ふつう", "高い", "とても高い"),
			{ID: "next-steps", Kind: KindAction, Title: Text{Ja: "次までにやること", En: "Next steps"},
				Text: Text{Ja: "今日の話から、次に話すときまでにやってみることを決めましょう。誰が、いつまでに行うかも書いておきます。", En: "Next?"}},
		}}
	reflection = &Flow{ID: "reflection", Phase: After, Mode: OneOnOne, Order: 10, Title: Text{Ja: "振り返り", En: "Reflection"},
		Prompts: []Prompt{
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
func goldenLedger() Ledger {
	return Ledger{
		Anxieties: []Anxiety{
			{ID: "anx-fit", EngagementID: 1, SessionID: 12, StepKey: "p:worries",
				Text: "越境先のメンバーに受け入れてもらえるか", Category: "fitting-in", Intensity: 4, Term: ShortTerm,
				Plan: "最初の2週間は、鈴木さんと毎日10分話す時間をとる", CreatedAt: goldenAt(2026, 3, 12, 10, 20),
				History: []AnxietyUpdate{
					{ID: "u1", AnxietyID: "anx-fit", SessionID: 14, Status: AnxietyEasing, Note: "歓迎会で話せる人ができた", At: goldenAt(2026, 5, 1, 19, 5)},
					{ID: "u2", AnxietyID: "anx-fit", SessionID: 15, Status: AnxietyResolved, At: goldenAt(2026, 10, 20, 10, 5)},
				}},
			{ID: "anx-family", EngagementID: 1, SessionID: 12, StepKey: "p:worries",
				Text: "PRIVATE-GOLDEN-3 母の介護のことを、会社にはまだ話せていない", Category: "family", Intensity: 5, Term: LongTerm,
				Plan: "PRIVATE-GOLDEN-4 伴走者だけが把握し、本人が話せる時期を待つ", Private: true, CreatedAt: goldenAt(2026, 3, 12, 10, 25),
				History: []AnxietyUpdate{
					{ID: "u3", AnxietyID: "anx-family", SessionID: 14, Status: AnxietyEasing, Note: "きょうだいと分担を話し合えた", At: goldenAt(2026, 5, 1, 19, 6)},
				}},
			{ID: "anx-return", EngagementID: 1, SessionID: 12, StepKey: "p:worries",
				Text: "帰任後、元の部署に自分の居場所があるか", Category: "return", Intensity: 3, Term: LongTerm,
				CreatedAt: goldenAt(2026, 3, 12, 10, 30),
				History: []AnxietyUpdate{
					{ID: "u4", AnxietyID: "anx-return", SessionID: 15, Status: AnxietyEasing, Note: "PRIVATE-GOLDEN-5 上司から帰任後の役割について打診があった", At: goldenAt(2026, 10, 20, 10, 6)},
				}},
		},
		Actions: []Action{
			{ID: "act-handover", EngagementID: 1, SessionID: 14, StepKey: "p:next-steps",
				Text: "本業の引き継ぎ対応を週1回にまとめられないか、佐藤さんに相談する", Owner: OwnerLearner, Due: NewDate(2026, 5, 15),
				CreatedAt: goldenAt(2026, 5, 1, 19, 40),
				History: []ActionUpdate{
					{ID: "o1", ActionID: "act-handover", SessionID: 15, Outcome: OutcomeWorked, Note: "PRIVATE-GOLDEN-6 佐藤さんがすぐに調整してくれた", At: goldenAt(2026, 10, 20, 10, 8)},
				}},
			{ID: "act-team", EngagementID: 1, SessionID: 14, StepKey: "p:next-steps",
				Text: "企画チームに加わる時期を、鈴木さんと確認する", Owner: OwnerCompanion, Due: NewDate(2026, 5, 31),
				CreatedAt: goldenAt(2026, 5, 1, 19, 45),
				History: []ActionUpdate{
					{ID: "o2", ActionID: "act-team", SessionID: 15, Outcome: OutcomeNotTried, Note: "鈴木さんの異動で確認の機会を逃した", At: goldenAt(2026, 10, 20, 10, 9)},
				}},
		},
		Agreement: []AgreementItem{{
			SessionID: 13, SessionStarted: goldenAt(2026, 3, 19, 14, 0), Topic: "role-scope", Title: "役割と業務範囲",
			Learner:   PartyView{Expectation: "地域の事業者を訪ね、見守りサービスの企画を一から担いたい", Fit: 4},
			Sending:   PartyView{Expectation: "企画の進め方を学び、帰任後の新規事業に活かしてほしい", Fit: 4},
			Host:      PartyView{Expectation: "まずは既存事業の運営を手伝い、慣れたら企画にも加わってほしい", Fit: 2},
			Agreed:    "最初の1か月は既存事業の運営に入る。\n2か月目から見守りサービスの企画チームに加わる。",
			UpdatedAt: goldenAt(2026, 3, 19, 15, 30),
		}},
	}
}

// goldenLedgerAsOf is the ledger as it stood at t: what was recorded before then.
// A session that carries worries and actions forward sees only these.
func goldenLedgerAsOf(l Ledger, t time.Time) Ledger {
	var out Ledger
	for _, a := range l.Anxieties {
		if !a.CreatedAt.Before(t) {
			continue
		}
		var h []AnxietyUpdate
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
		var h []ActionUpdate
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
func goldenPlay(t *testing.T, s Session, events ...Event) Session {
	t.Helper()
	now := s.StartedAt
	for i, e := range events {
		now = now.Add(time.Minute)
		var err error
		if s, err = Apply(s, e, now); err != nil {
			t.Fatalf("event %d (%T): %v", i, e, err)
		}
	}
	return s
}

func goldenFinish(t *testing.T, s Session, when time.Time) Session {
	t.Helper()
	s, err := Apply(s, Finish{}, when)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// goldenEngagement is one whole engagement: 山田 花子 goes from a trading
// company to an NPO for six months, with five sessions before, during and
// after.
func goldenEngagement(t *testing.T) (Engagement, []Session, Ledger, *Library) {
	t.Helper()
	purpose, anxiety, agreement, checkin, reflection := goldenFlows()
	lib := NewLibrary([]*Flow{purpose, anxiety, agreement, checkin, reflection})
	ledger := goldenLedger()
	e := Engagement{ID: 1, Learner: Learner{ID: 1, Name: "山田 花子"},
		SendingOrg: "株式会社みらい商事", HostOrg: "NPO法人つなぐ",
		Start: NewDate(2026, 4, 1), End: NewDate(2026, 9, 30),
		Companions: []Companion{{Name: "佐藤 一郎", Type: Sending}, {Name: "鈴木 美咲", Type: Host}, {Name: "高橋 由美", Type: ThirdParty}}}

	// 1. Before departure: purpose, with a follow-up, a private answer, a
	// shared note, a skipped prompt, an own question and a prompt not
	// asked.
	s1 := NewSession(purpose, 1, Ja, goldenAt(2026, 3, 5, 10, 0))
	s1.ID = 11
	s1 = goldenPlay(t, s1,
		SetAnswer{Text: "地域の課題に、事業として向き合う経験を積みたい。\n社内では新規事業の立ち上げに関わる機会がほとんどないので。"},
		DigDeeper{FollowupID: "what-changes", Text: "それが実現できたら、あなたにとって何が変わりますか。"},
		SetAnswer{Text: "「言われたことをこなす」働き方から、自分で問いを立てる働き方に変わると思う。"},
		Jump{Key: "p:why-now"},
		SetAnswer{Text: "PRIVATE-GOLDEN-1 正直に言うと、今の上司との関係がつらく、少し距離を置きたい気持ちもある。"},
		SetAnswerPrivate{Private: true},
		Next{},
		SetAnswer{Text: "限られた予算と人数で物事を前に進める力。\n・関係者を巻き込む力\n・数字で説明する力"},
		SetNote{Text: "本人の強みは調整力。越境先でも活きそうだと伝えた。"},
		SetNoteShared{Shared: true},
		Next{},
		Skip{}, // 会社からの期待: not yet asked of the manager
		AddQuestion{Text: "ご家族は今回の越境をどう受け止めていますか。"},
		SetAnswer{Text: "夫は応援してくれている。子どもの送り迎えは分担を見直す予定。"},
	)
	s1 = goldenFinish(t, s1, goldenAt(2026, 3, 5, 11, 0))

	// 2. Before departure: worries, recorded in the ledger, with a private
	// note and a scale.
	s2 := NewSession(anxiety, 1, Ja, goldenAt(2026, 3, 12, 10, 0))
	s2.ID = 12
	s2 = goldenPlay(t, s2,
		SetAnswer{Text: "楽しみ半分、不安半分です。決まった日はよく眠れませんでした。"},
		SetNote{Text: "PRIVATE-GOLDEN-2 夜は家の用事で時間が取れないと話していた。面談の時間に配慮する。"},
		Next{}, // 気がかりなこと: the worries are in the ledger
		Next{},
		SetValue{Value: 4},
		SetAnswer{Text: "一つひとつは小さいけれど、重なると大きく感じる。"},
	)
	s2 = goldenFinish(t, s2, goldenAt(2026, 3, 12, 11, 0))

	// 3. Before departure, the three of them: the role, with a gap in fit.
	s3 := NewSession(agreement, 1, Ja, goldenAt(2026, 3, 19, 14, 0))
	s3.ID = 13
	s3 = goldenFinish(t, s3, goldenAt(2026, 3, 19, 15, 30))

	// 4. During the stint: a check-in that brings the worries back.
	s4 := NewSession(checkin, 1, Ja, goldenAt(2026, 5, 1, 19, 0))
	s4.ID = 14
	s4 = CarryForward(s4, goldenLedgerAsOf(ledger, s4.StartedAt))
	s4 = goldenPlay(t, s4,
		Jump{Key: "p:progress"},
		SetAnswer{Text: "見守りサービスの利用者さん5人に話を聞けた。\n思っていたより「困りごと」がはっきりしていて驚いた。"},
		DigDeeper{FollowupID: "felt-progress", Text: "その中で、自分でも手ごたえを感じたのはどれですか。"},
		SetAnswer{Text: "訪問の約束を、自分で取りつけられたこと。"},
		Jump{Key: "p:energy"},
		SetValue{Value: 2},
		SetAnswer{Text: "平日は本業の引き継ぎ対応が夜まで残っていて、疲れ気味。"},
	)
	s4 = goldenFinish(t, s4, goldenAt(2026, 5, 1, 20, 0))

	// 5. After return: reflection, still in progress, that brings the
	// worries and actions back.
	s5 := NewSession(reflection, 1, Ja, goldenAt(2026, 10, 20, 10, 0))
	s5.ID = 15
	s5 = CarryForward(s5, goldenLedgerAsOf(ledger, s5.StartedAt))
	s5 = goldenPlay(t, s5,
		Jump{Key: "p:learned-noticed"},
		SetAnswer{Text: "・現場の声を聞いてから企画を考える順番の大切さ\n・「正解」を待たずに小さく試すこと\n\n3か月目からは、週2回の訪問を自分で組み立てた。"},
		Next{},
		SetAnswer{Text: "6月、企画が白紙に戻ったとき。\nチームの人に「わからない」と正直に言えたことで抜けられた。"},
		Next{},
		SetValue{Value: 3},
	)
	return e, []Session{s1, s2, s3, s4, s5}, ledger, lib
}

func TestEngagementMarkdownGoldenJa(t *testing.T) {
	e, sessions, ledger, lib := goldenEngagement(t)
	opt := MarkdownOptions{Lang: Ja, Location: goldenJST, Audience: PartyLearner, Ledger: ledger, Library: lib}
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
		t.Fatalf("%v (run go test ./model -run %s -update to create it)", err, t.Name())
	}
	want := string(data)
	if got == want {
		return
	}
	n, g, w := firstDiff(got, want)
	t.Errorf("%s:%d differs (run go test ./model -run %s -update to accept, then read the file)\n got: %s\nwant: %s",
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
