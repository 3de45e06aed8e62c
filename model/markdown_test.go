package model

import (
	"strings"
	"testing"
	"time"

	"bansou/internal/hostile"
)

func sampleEngagement() Engagement {
	return Engagement{ID: 1, Learner: Learner{Name: "山田 花子"}, SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
		Start: NewDate(2026, 12, 1), End: NewDate(2027, 5, 31),
		Companions: []Companion{{Name: "佐藤 一郎", Type: Sending}, {Name: "鈴木", Type: Host}}}
}

func sampleSession(t *testing.T) Session {
	t.Helper()
	s := NewSession(testFlow(), 1, Ja, t0)
	steps := []Event{
		SetAnswer{Text: "新しい事業を\n一から経験したい。"},
		SetNote{Text: "家族の事情に触れた。PRIVATE-NOTE-7731"},
		DigDeeper{FollowupID: "why", Text: "なぜですか？"},
		SetAnswer{Text: "# 見出しではなく、*強調*でもない"},
		Jump{Key: "p:b"},
		Skip{},
		AddQuestion{Text: "ご家族は？"},
		SetAnswer{Text: "1. 賛成してくれている"},
		Finish{},
	}
	for _, e := range steps {
		var err error
		if s, err = Apply(s, e, t0.Add(30*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestSessionMarkdown(t *testing.T) {
	got := SessionMarkdown(sampleEngagement(), sampleSession(t), MarkdownOptions{Lang: Ja})
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
	if md := SessionMarkdown(e, s, MarkdownOptions{Lang: Ja}); strings.Contains(md, "PRIVATE-NOTE-7731") {
		t.Fatal("private note in a default export")
	}
	if md := EngagementMarkdown(e, []Session{s}, MarkdownOptions{Lang: En}); strings.Contains(md, "PRIVATE-NOTE-7731") {
		t.Fatal("private note in a default engagement export")
	}
	md := EngagementMarkdown(e, []Session{s}, MarkdownOptions{Lang: En, IncludePrivate: true})
	if !strings.Contains(md, "**Companion's note (private):**\n\n家族の事情に触れた。PRIVATE-NOTE-7731") {
		t.Fatalf("note missing when asked for:\n%s", md)
	}
	if !strings.Contains(md, "- Companions: 佐藤 一郎 (sending), 鈴木 (host)") {
		t.Fatalf("English labels missing:\n%s", md)
	}
}

func TestMarkdownKeepsTheLearnersWords(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s, _ = Apply(s, SetAnswer{Text: "~~取り消し~~ と &amp; と &copy; と <b>太字</b> と [リンク](http://x)"}, t0)
	// A bare & (A&B社) stays readable.
	if got := EscapeMarkdown("A&B社"); got != "A&B社" {
		t.Errorf("bare ampersand: %q", got)
	}
	e := sampleEngagement()
	e.Learner.Name = "山田\u3000花子"
	md := SessionMarkdown(e, s, MarkdownOptions{Lang: Ja})
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
	lib := NewLibrary([]*Flow{{ID: "anxiety", Phase: Before, Prompts: []Prompt{{ID: "worries", Kind: KindAnxiety,
		Options: []Option{{ID: "fitting-in", Text: Text{Ja: "職場になじめるか", En: "Fitting in"}}}}}}})
	l := Ledger{Anxieties: []Anxiety{{ID: "a", Text: "居場所", Category: "fitting-in", Intensity: 3, Term: ShortTerm,
		History: []AnxietyUpdate{{Status: AnxietyEasing, Note: "同期ができた", At: t0}}}}}
	md := EngagementMarkdown(sampleEngagement(), nil, MarkdownOptions{Lang: Ja, Ledger: l, Library: lib, IncludePrivate: true})
	for _, want := range []string{"## 不安の台帳", "- 居場所（職場になじめるか・強さ 3/5・短期） — **和らいできた**", "  - 2026-11-21 和らいできた（同期ができた）"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if md := EngagementMarkdown(sampleEngagement(), nil, MarkdownOptions{Lang: Ja, Ledger: l}); !strings.Contains(md, "居場所（fitting-in・") {
		t.Errorf("without the content the id should stand:\n%s", md)
	}
}

func TestAStepWhoseRecordsAreAllPrivateIsNotShownEmpty(t *testing.T) {
	f := &Flow{ID: "anxiety", Title: Text{Ja: "不安可視化"}, Prompts: []Prompt{
		{ID: "worries", Title: Text{Ja: "不安を書き出す"}, Text: Text{Ja: "どんな不安がありますか。"}, Kind: KindAnxiety},
		{ID: "next", Title: Text{Ja: "次に"}, Text: Text{Ja: "次は？"}}}}
	s := NewSession(f, 1, Ja, t0)
	s.ID = 7
	l := Ledger{Anxieties: []Anxiety{{ID: "a", SessionID: 7, StepKey: s.Steps[0].Key, Text: "PRIVATE-9120 体調", Private: true}}}
	shared := SessionMarkdown(sampleEngagement(), s, MarkdownOptions{Lang: Ja, Ledger: l, Audience: PartyLearner})
	if strings.Contains(shared, "PRIVATE-9120") || strings.Contains(shared, "## 1. 不安を書き出す") ||
		!strings.Contains(shared, "- 回答: 0 / 2") {
		t.Fatalf("a step holding only a private worry must read as not talked about:\n%s", shared)
	}
	all := SessionMarkdown(sampleEngagement(), s, MarkdownOptions{Lang: Ja, Ledger: l, IncludePrivate: true})
	if !strings.Contains(all, "## 1. 不安を書き出す") || !strings.Contains(all, "- PRIVATE-9120 体調（非公開）") ||
		!strings.Contains(all, "- 回答: 1 / 2") {
		t.Fatalf("with private records the worry is shown and marked:\n%s", all)
	}
}

func TestAPrivateAnswerWithASharedNoteLeavesNoMark(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	for _, ev := range []Event{SetAnswer{Text: "PRIVATE-5521 家族の介護"}, SetAnswerPrivate{Private: true},
		SetNote{Text: "本人と共有: 時期は相談して決める"}, SetNoteShared{Shared: true}} {
		s, _ = Apply(s, ev, t0)
	}
	shared := SessionMarkdown(sampleEngagement(), s, MarkdownOptions{Lang: Ja, Audience: PartyHost})
	if strings.Contains(shared, "PRIVATE-5521") || strings.Contains(shared, "（非公開）") ||
		!strings.Contains(shared, "## 1. 実現したいこと\n\n*実現したいことは？*\n\n**伴走者メモ:**\n\n本人と共有: 時期は相談して決める") {
		t.Fatalf("shared copy:\n%s", shared)
	}
	all := SessionMarkdown(sampleEngagement(), s, MarkdownOptions{Lang: Ja, IncludePrivate: true})
	if !strings.Contains(all, "## 1. 実現したいこと（非公開）") || !strings.Contains(all, "PRIVATE-5521") {
		t.Fatalf("copy with private records:\n%s", all)
	}
}

func TestMarkdownPlainUndoesTheEscaping(t *testing.T) {
	for _, s := range []string{
		"佐藤さんに *相談* する",
		`C:\temp と [リンク](x) と <b> と a|b`,
		"1. 最初に上司へ",
		"# 見出しではない",
		"~ &amp; &#126; は文字のまま",
		"= 等号",
		"_下線_ と `コード`",
	} {
		if got := MarkdownPlain(mdInline(s)); got != s {
			t.Errorf("MarkdownPlain(mdInline(%q)) = %q", s, got)
		}
	}
}

// TestStatusNotesFollowTheirScope: a note on how a worry stands or what
// came of an action is in a shared document only when it is shared and its
// worry is not private; with private records it is marked private.
func TestStatusNotesFollowTheirScope(t *testing.T) {
	var l Ledger
	l.PutAnxiety(Anxiety{ID: "w-shared", SessionID: 1, Text: "職場になじめるか"}, t0)
	l.PutAnxiety(Anxiety{ID: "w-private", SessionID: 1, Text: "体調", Private: true}, t0)
	l.PutAction(Action{ID: "act", SessionID: 1, Text: "上司と話す", Owner: OwnerLearner}, t0)
	l.SetAnxietyStatus("w-shared", 2, AnxietyEasing, "SHARED-STATUS-1 同期ができた", t0)
	l.ShareAnxietyNote("w-shared", 2, true, t0)
	l.SetAnxietyStatus("w-private", 2, AnxietyEasing, "PRIVATE-STATUS-2 通院を続けている", t0)
	l.ShareAnxietyNote("w-private", 2, true, t0) // shared, but its worry is private
	l.SetActionOutcome("act", 2, OutcomeWorked, "PRIVATE-OUTCOME-3 話せた", t0)
	if u, _ := l.Anxieties[0].UpdateIn(2); !u.NoteShared || u.Status != AnxietyEasing || u.Note != "SHARED-STATUS-1 同期ができた" {
		t.Fatalf("sharing the note changed the update: %+v", u)
	}
	shared := EngagementMarkdown(sampleEngagement(), nil, MarkdownOptions{Lang: Ja, Ledger: l})
	if !strings.Contains(shared, "SHARED-STATUS-1") {
		t.Errorf("a shared status note is missing from the shared document:\n%s", shared)
	}
	for _, p := range []string{"PRIVATE-STATUS-2", "PRIVATE-OUTCOME-3"} {
		if strings.Contains(shared, p) {
			t.Errorf("%s is in the shared document:\n%s", p, shared)
		}
	}
	all := EngagementMarkdown(sampleEngagement(), nil, MarkdownOptions{Lang: Ja, Ledger: l, IncludePrivate: true})
	if !strings.Contains(all, "（PRIVATE-OUTCOME-3 話せた）（非公開）") || strings.Contains(all, "（SHARED-STATUS-1 同期ができた）（非公開）") {
		t.Errorf("with private records, only private notes are marked private:\n%s", all)
	}
	// Sharing a note where nothing was recorded yet keeps the status as
	// it stood.
	l.ShareActionNote("act", 3, true, t0)
	if u, _ := l.Actions[0].UpdateIn(3); u.Outcome != OutcomeWorked || !u.NoteShared {
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
	s := NewSession(testFlow(), 1, Ja, t0)
	s.ID = 1
	s.FlowTitle = hostile.Text("フロー")
	for _, ev := range []Event{SetAnswer{Text: hostile.Text("回答")}, SetNote{Text: hostile.Text("メモ")},
		AddQuestion{Text: hostile.Text("独自の問い")}, SetAnswer{Text: hostile.Text("独自の回答")}} {
		var err error
		if s, err = Apply(s, ev, t0); err != nil {
			t.Fatal(err)
		}
	}
	l := Ledger{Agreement: []AgreementItem{{SessionID: 1, Topic: "role", Title: hostile.Text("議題"),
		Learner: PartyView{Expectation: hostile.Text("期待"), Fit: 4}, Agreed: hostile.Text("合意")}}}
	opt := MarkdownOptions{Lang: Ja, IncludePrivate: true, Ledger: l}
	var csvDoc strings.Builder
	if err := WriteCSV(&csvDoc, []EngagementExport{{Engagement: e, Sessions: []Session{s}, Ledger: l}}, opt); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{
		"EngagementMarkdown": EngagementMarkdown(e, []Session{s}, opt),
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
