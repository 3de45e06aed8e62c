package report

import (
	"strings"
	"testing"
	"time"

	"bansou/internal/hostile"
	"bansou/model"
)

var t0 = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

// testFlow is a flow of three prompts, the first with two follow-ups.
func testFlow() *model.Flow {
	p := func(id, ja string, fus ...model.Followup) model.Prompt {
		return goldenPrompt(id, ja, ja+"は？", fus...)
	}
	return &model.Flow{ID: "purpose", Phase: model.Before, Mode: model.OneOnOne, Title: model.Text{Ja: "目的抽出", En: "Purpose"},
		Prompts: []model.Prompt{p("a", "実現したいこと", goldenFollowup("why", "whyについて"), goldenFollowup("change", "changeについて")),
			p("b", "なぜ今"), p("c", "持ち帰るもの")}}
}

func sampleEngagement() model.Engagement {
	return model.Engagement{ID: 1, Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
		Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31),
		Companions: []model.Companion{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "鈴木", Type: model.Host}}}
}

func sampleSession(t *testing.T) model.Session {
	t.Helper()
	s := model.NewSession(testFlow(), 1, model.Ja, t0)
	steps := []model.Event{
		model.SetAnswer{Text: "新しい事業を\n一から経験したい。"},
		model.SetNote{Text: "家族の事情に触れた。PRIVATE-NOTE-7731"},
		model.DigDeeper{FollowupID: "why", Text: "なぜですか？"},
		model.SetAnswer{Text: "# 見出しではなく、*強調*でもない"},
		model.Jump{Key: "p:b"},
		model.Skip{},
		model.AddQuestion{Text: "ご家族は？"},
		model.SetAnswer{Text: "1. 賛成してくれている"},
		model.Finish{},
	}
	for _, e := range steps {
		var err error
		if s, err = model.Apply(s, e, t0.Add(30*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestSessionMarkdown(t *testing.T) {
	got := SessionMarkdown(sampleEngagement(), sampleSession(t), Options{Lang: model.Ja})
	want := `# 目的抽出 — 山田 花子

- 所属組織: 株式会社みらい
- 越境先: NPO法人つなぐ
- 期間: 2026-12-01 – 2027-05-31
- 伴走者: 佐藤 一郎（所属組織）、鈴木（越境先）

- 状態: 完了（開始 2026-11-21 09:00、終了 2026-11-21 09:30）
- 回答: 3 / 5（スキップ 1）

## 1. 実現したいこと

*実現したいことは？*

> 新しい事業を  
> 一から経験したい。  

### 深掘り: なぜですか？

> \# 見出しではなく、\*強調\*でもない  

## 2. なぜ今

*なぜ今は？*

*（スキップ）*

## ＋ 独自の問い: ご家族は？

> 1\. 賛成してくれている  

*まだ話していない問い:* 持ち帰るもの
`
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestPrivateNotesOnlyWhenAsked(t *testing.T) {
	s := sampleSession(t)
	e := sampleEngagement()
	if md := SessionMarkdown(e, s, Options{Lang: model.Ja}); strings.Contains(md, "PRIVATE-NOTE-7731") {
		t.Fatal("private note in a default export")
	}
	if md := EngagementMarkdown(e, []model.Session{s}, Options{Lang: model.En}); strings.Contains(md, "PRIVATE-NOTE-7731") {
		t.Fatal("private note in a default engagement export")
	}
	md := EngagementMarkdown(e, []model.Session{s}, Options{Lang: model.En, IncludePrivate: true})
	if !strings.Contains(md, "**Companion's note (private):**\n\n家族の事情に触れた。PRIVATE-NOTE-7731") {
		t.Fatalf("note missing when asked for:\n%s", md)
	}
	if !strings.Contains(md, "- Companions: 佐藤 一郎 (sending), 鈴木 (host)") {
		t.Fatalf("English labels missing:\n%s", md)
	}
}

func TestMarkdownKeepsTheLearnersWords(t *testing.T) {
	s := model.NewSession(testFlow(), 1, model.Ja, t0)
	s, _ = model.Apply(s, model.SetAnswer{Text: "~~取り消し~~ と &amp; と &copy; と <b>太字</b> と [リンク](http://x)"}, t0)
	// A bare & (A&B社) stays readable.
	if got := model.EscapeMarkdown("A&B社"); got != "A&B社" {
		t.Errorf("bare ampersand: %q", got)
	}
	e := sampleEngagement()
	e.Learner.Name = "山田\u3000花子"
	md := SessionMarkdown(e, s, Options{Lang: model.Ja})
	for _, want := range []string{
		`> &#126;&#126;取り消し&#126;&#126; と &amp;amp; と &amp;copy; と \<b\>太字\</b\> と \[リンク\](http://x)`,
		"# 目的抽出 — 山田\u3000花子",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestLedgerSectionsNameCategoriesAndHistory(t *testing.T) {
	lib := model.NewLibrary([]*model.Flow{{ID: "anxiety", Phase: model.Before, Prompts: []model.Prompt{{ID: "worries", Kind: model.KindAnxiety,
		Options: []model.Option{{ID: "fitting-in", Text: model.Text{Ja: "職場になじめるか", En: "Fitting in"}}}}}}})
	l := model.Ledger{Anxieties: []model.Anxiety{{ID: "a", Text: "居場所", Category: "fitting-in", Intensity: 3, Term: model.ShortTerm,
		History: []model.AnxietyUpdate{{Status: model.AnxietyEasing, Note: "同期ができた", At: t0}}}}}
	md := EngagementMarkdown(sampleEngagement(), nil, Options{Lang: model.Ja, Ledger: l, Library: lib, IncludePrivate: true})
	for _, want := range []string{"## 不安の台帳", "- 居場所（職場になじめるか・強さ 3/5・短期） — **和らいできた**", "  - 2026-11-21 和らいできた（同期ができた）"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if md := EngagementMarkdown(sampleEngagement(), nil, Options{Lang: model.Ja, Ledger: l}); !strings.Contains(md, "居場所（fitting-in・") {
		t.Errorf("without the content the id should stand:\n%s", md)
	}
}

func TestAStepWhoseRecordsAreAllPrivateIsNotShownEmpty(t *testing.T) {
	f := &model.Flow{ID: "anxiety", Title: model.Text{Ja: "不安可視化"}, Prompts: []model.Prompt{
		{ID: "worries", Title: model.Text{Ja: "不安を書き出す"}, Text: model.Text{Ja: "どんな不安がありますか。"}, Kind: model.KindAnxiety},
		{ID: "next", Title: model.Text{Ja: "次に"}, Text: model.Text{Ja: "次は？"}}}}
	s := model.NewSession(f, 1, model.Ja, t0)
	s.ID = 7
	l := model.Ledger{Anxieties: []model.Anxiety{{ID: "a", SessionID: 7, StepKey: s.Steps[0].Key, Text: "PRIVATE-9120 体調", Private: true}}}
	shared := SessionMarkdown(sampleEngagement(), s, Options{Lang: model.Ja, Ledger: l, Audience: model.PartyLearner})
	if strings.Contains(shared, "PRIVATE-9120") || strings.Contains(shared, "## 1. 不安を書き出す") ||
		!strings.Contains(shared, "- 回答: 0 / 2") {
		t.Fatalf("a step holding only a private worry must read as not talked about:\n%s", shared)
	}
	all := SessionMarkdown(sampleEngagement(), s, Options{Lang: model.Ja, Ledger: l, IncludePrivate: true})
	if !strings.Contains(all, "## 1. 不安を書き出す") || !strings.Contains(all, "- PRIVATE-9120 体調（非公開）") ||
		!strings.Contains(all, "- 回答: 1 / 2") {
		t.Fatalf("with private records the worry is shown and marked:\n%s", all)
	}
}

func TestAPrivateAnswerWithASharedNoteLeavesNoMark(t *testing.T) {
	s := model.NewSession(testFlow(), 1, model.Ja, t0)
	for _, ev := range []model.Event{model.SetAnswer{Text: "PRIVATE-5521 家族の介護"}, model.SetAnswerPrivate{Private: true},
		model.SetNote{Text: "本人と共有: 時期は相談して決める"}, model.SetNoteShared{Shared: true}} {
		s, _ = model.Apply(s, ev, t0)
	}
	shared := SessionMarkdown(sampleEngagement(), s, Options{Lang: model.Ja, Audience: model.PartyHost})
	if strings.Contains(shared, "PRIVATE-5521") || strings.Contains(shared, "（非公開）") ||
		!strings.Contains(shared, "## 1. 実現したいこと\n\n*実現したいことは？*\n\n**伴走者メモ:**\n\n本人と共有: 時期は相談して決める") {
		t.Fatalf("shared copy:\n%s", shared)
	}
	all := SessionMarkdown(sampleEngagement(), s, Options{Lang: model.Ja, IncludePrivate: true})
	if !strings.Contains(all, "## 1. 実現したいこと（非公開）") || !strings.Contains(all, "PRIVATE-5521") {
		t.Fatalf("copy with private records:\n%s", all)
	}
}

// TestStatusNotesFollowTheirScope: a note on how a worry stands or what
// came of an action is in a shared document only when it is shared and its
// worry is not private; with private records it is marked private.
func TestStatusNotesFollowTheirScope(t *testing.T) {
	var l model.Ledger
	l.PutAnxiety(model.Anxiety{ID: "w-shared", SessionID: 1, Text: "職場になじめるか"}, t0)
	l.PutAnxiety(model.Anxiety{ID: "w-private", SessionID: 1, Text: "体調", Private: true}, t0)
	l.PutAction(model.Action{ID: "act", SessionID: 1, Text: "上司と話す", Owner: model.OwnerLearner}, t0)
	l.SetAnxietyStatus("w-shared", 2, model.AnxietyEasing, "SHARED-STATUS-1 同期ができた", t0)
	l.ShareAnxietyNote("w-shared", 2, true, t0)
	l.SetAnxietyStatus("w-private", 2, model.AnxietyEasing, "PRIVATE-STATUS-2 通院を続けている", t0)
	l.ShareAnxietyNote("w-private", 2, true, t0) // shared, but its worry is private
	l.SetActionOutcome("act", 2, model.OutcomeWorked, "PRIVATE-OUTCOME-3 話せた", t0)
	if u, _ := l.Anxieties[0].UpdateIn(2); !u.NoteShared || u.Status != model.AnxietyEasing || u.Note != "SHARED-STATUS-1 同期ができた" {
		t.Fatalf("sharing the note changed the update: %+v", u)
	}
	shared := EngagementMarkdown(sampleEngagement(), nil, Options{Lang: model.Ja, Ledger: l})
	if !strings.Contains(shared, "SHARED-STATUS-1") {
		t.Errorf("a shared status note is missing from the shared document:\n%s", shared)
	}
	for _, p := range []string{"PRIVATE-STATUS-2", "PRIVATE-OUTCOME-3"} {
		if strings.Contains(shared, p) {
			t.Errorf("%s is in the shared document:\n%s", p, shared)
		}
	}
	all := EngagementMarkdown(sampleEngagement(), nil, Options{Lang: model.Ja, Ledger: l, IncludePrivate: true})
	if !strings.Contains(all, "（PRIVATE-OUTCOME-3 話せた）（非公開）") || strings.Contains(all, "（SHARED-STATUS-1 同期ができた）（非公開）") {
		t.Errorf("with private records, only private notes are marked private:\n%s", all)
	}
	// Sharing a note where nothing was recorded yet keeps the status as
	// it stood.
	l.ShareActionNote("act", 3, true, t0)
	if u, _ := l.Actions[0].UpdateIn(3); u.Outcome != model.OutcomeWorked || !u.NoteShared {
		t.Errorf("sharing in a new session: %+v", u)
	}
}

// TestDocumentsAreSafeWhereverTheyGo: the Markdown and CSV writers make
// what they write safe themselves, so a document holds no control
// character or bidi control from the records whether it is printed,
// piped or saved, and shows the text as visible stand-ins.
func TestDocumentsAreSafeWhereverTheyGo(t *testing.T) {
	e := sampleEngagement()
	e.Learner.Name = hostile.Text("学習者")
	e.SendingOrg = hostile.Text("所属組織")
	e.Companions[0].Name = hostile.Text("伴走者")
	s := model.NewSession(testFlow(), 1, model.Ja, t0)
	s.ID = 1
	s.FlowTitle = hostile.Text("フロー")
	for _, ev := range []model.Event{model.SetAnswer{Text: hostile.Text("回答")}, model.SetNote{Text: hostile.Text("メモ")},
		model.AddQuestion{Text: hostile.Text("独自の問い")}, model.SetAnswer{Text: hostile.Text("独自の回答")}} {
		var err error
		if s, err = model.Apply(s, ev, t0); err != nil {
			t.Fatal(err)
		}
	}
	l := model.Ledger{Agreement: []model.AgreementItem{{SessionID: 1, Topic: "role", Title: hostile.Text("議題"),
		Learner: model.PartyView{Expectation: hostile.Text("期待"), Fit: 4}, Agreed: hostile.Text("合意")}}}
	opt := Options{Lang: model.Ja, IncludePrivate: true, Ledger: l}
	var csvDoc strings.Builder
	if err := WriteCSV(&csvDoc, []model.EngagementExport{{Engagement: e, Sessions: []model.Session{s}, Ledger: l}}, opt); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{
		"EngagementMarkdown": EngagementMarkdown(e, []model.Session{s}, opt),
		"SessionMarkdown":    SessionMarkdown(e, s, opt),
		"AgreementMarkdown":  AgreementMarkdown(e, l, opt),
		"WriteCSV":           csvDoc.String(),
	} {
		hostile.Check(t, name, doc)
		if !strings.Contains(doc, "学習者評価が␛") || !strings.Contains(doc, "⇄gnp.exe⇄") {
			t.Errorf("%s does not show the learner's name with stand-ins:\n%s", name, doc)
		}
	}
	if e.Learner.Name != hostile.Text("学習者") || s.Steps[0].Answer != hostile.Text("回答") {
		t.Error("writing a document changed the records")
	}
}

// TestTheLearnersConfirmationIsInTheDocument: a session whose read-back
// the learner confirmed says so, with when, in both languages; one not
// confirmed says nothing of it.
func TestTheLearnersConfirmationIsInTheDocument(t *testing.T) {
	s := sampleSession(t)
	e := sampleEngagement()
	if md := SessionMarkdown(e, s, Options{Lang: model.Ja}); strings.Contains(md, "本人が確認") {
		t.Fatalf("a session not confirmed says it was:\n%s", md)
	}
	s, _ = model.Apply(s, model.ConfirmReadBack{}, t0.Add(28*time.Minute))
	md := SessionMarkdown(e, s, Options{Lang: model.Ja})
	if !strings.Contains(md, "- 回答: 3 / 5（スキップ 1）\n- 聞き取ったこと: 本人が確認しました（2026-11-21 09:28）\n") {
		t.Fatalf("the confirmation is not in the document:\n%s", md)
	}
	md = EngagementMarkdown(e, []model.Session{s}, Options{Lang: model.En})
	if !strings.Contains(md, "- What was heard: confirmed by the learner (2026-11-21 09:28)\n") {
		t.Fatalf("the confirmation is not in the English document:\n%s", md)
	}
}
