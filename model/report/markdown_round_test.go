package report

import (
	"strings"
	"testing"
	"time"

	"bansou/content"
	"bansou/model"
)

// builtinRounds is the library shipped with bansou, with its round formats
// and case cards.
func builtinRounds(t *testing.T) *model.Library {
	t.Helper()
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func roundParticipants() []model.Participant {
	return []model.Participant{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "田中　陽", Type: model.Host}, {Name: "Lee Min", Type: model.ThirdParty}}
}

// goldenRound is a finished case consultation of three companions with its
// timer run through: the clarifying questions ran over and the options
// phase was paused for a break.
func goldenRound(t *testing.T) (model.Session, model.PeerRound, *model.Library) {
	lib := builtinRounds(t)
	f, _ := lib.Rounds.Format("case-consultation")
	start := goldenAt(2026, 11, 20, 14, 0)
	setup := model.RoundSetup{Format: f, CaseID: "skills-gap", Participants: roundParticipants(),
		Facilitator: "佐藤 一郎", Presenter: "田中　陽", Scribe: "Lee Min", Purpose: "越境先への連絡の仕方を、事例から一緒に考える"}
	s, rd := model.NewRound(setup, []model.CarriedAction{{Name: "Lee Min", Action: "帰任者の話を最後まで遮らずに聞く", From: "r0"}}, model.Ja, start)
	s.ID, s.UID = 7, "r1"
	at := start
	tm := &rd.Timer
	tm.Start(at)
	for _, d := range []time.Duration{4 * time.Minute, 9*time.Minute + 30*time.Second, 13 * time.Minute} {
		at = at.Add(d)
		tm.Next(at)
	}
	at = at.Add(10 * time.Minute)
	tm.Pause(at)
	at = at.Add(7 * time.Minute) // a break, not counted
	tm.Start(at)
	at = at.Add(8 * time.Minute)
	tm.Next(at)
	at = at.Add(5 * time.Minute)
	tm.Next(at)
	at = at.Add(9*time.Minute + 45*time.Second)
	tm.Pause(at)
	answers := map[string]string{
		"c:carry:1":            "途中で口を挟みそうになったが、メモを取ることで待てた。",
		"p:phase-check-in":     "佐藤：少し疲れ気味。\n田中：今日はすっきりさせたい。\nLee：聞き役に徹したい。",
		"p:phase-case":         "越境1か月目。本人の週報に「何も貢献できていない」とあった。\n田中さんは越境先の担当者に直接連絡しようか迷った。",
		"p:key-question":       "本人の頭越しに受け入れ先へ連絡せずに、何ができたか？",
		"p:phase-clarify":      "Q: 本人は連絡を望んでいた？ → はっきりしない。\nQ: 越境先の期待は言葉になっている？ → 口頭だけ。",
		"p:phase-options":      "良かった点：すぐに動かず一度持ち帰ったこと。\n*案*：本人と一緒に「できていること」を書き出す。\n案：越境先の担当者との三者面談を本人に提案する。",
		"p:phase-takeaways":    "",
		"p:takeaways":          "先に本人に「どうしたいか」を聞く。連絡するなら本人と一緒に。",
		"p:phase-next-actions": "",
		"p:learning:1":         "すぐ動くより、本人と一緒に決めるほうが後が楽になる。",
		"p:learning:3":         "Listening first changed the question.",
		"p:next-action:1":      "来週の面談で、本人が望む支援を先に聞く",
		"p:next-action:2":      "本人と「できていること」のメモを一緒に作る",
	}
	for i, st := range s.Steps {
		s.Steps[i].Answer = answers[st.Key]
	}
	s.Steps[0].Choices = []string{string(model.OutcomeWorked)}
	s.Steps[3].Note = "PRIVATE-ROUND-1 田中さんは自分を責めている様子"
	s.Steps[5].Note = "受け入れ先の名前は伏せて共有する"
	s.Steps[5].NoteShared = true
	i := s.Index("p:next-action:3")
	s.Steps[i].Answer = "PRIVATE-ROUND-2 my own doubt"
	s.Steps[i].AnswerPrivate = true
	s.Status, s.FinishedAt, s.UpdatedAt = model.Done, at, at
	return s, rd, lib
}

func TestRoundMarkdownGolden(t *testing.T) {
	s, rd, lib := goldenRound(t)
	got := RoundMarkdown(s, rd, lib.Rounds, Options{Lang: model.Ja, Location: goldenJST})
	checkGolden(t, "round_ja.golden.md", got)
	if strings.Contains(got, "PRIVATE-ROUND") {
		t.Error("the shared summary holds a private note or answer")
	}
	withPrivate := RoundMarkdown(s, rd, lib.Rounds, Options{Lang: model.Ja, Location: goldenJST, IncludePrivate: true})
	for _, m := range []string{"PRIVATE-ROUND-1", "PRIVATE-ROUND-2"} {
		if !strings.Contains(withPrivate, m) {
			t.Errorf("the private copy lacks %s", m)
		}
	}
	en := RoundMarkdown(s, rd, lib.Rounds, Options{Lang: model.En, Location: goldenJST})
	for _, want := range []string{"## Participants and roles", "| 田中　陽 | host | presenter |", "| Clarifying questions | 10 min | 13 min |", "tried, it worked"} {
		if !strings.Contains(en, want) {
			t.Errorf("English summary lacks %q:\n%s", want, en)
		}
	}
}

// TestPrivateRoundRecordsStayOut: a next action marked private is neither
// carried into the next round nor shown in a shared summary, and neither is
// a carried action whose outcome was marked private.
func TestPrivateRoundRecordsStayOut(t *testing.T) {
	s, rd, lib := goldenRound(t)
	for _, a := range rd.NextActions(s) {
		if strings.Contains(a.Action, "PRIVATE-ROUND") {
			t.Errorf("a private next action is carried: %+v", a)
		}
	}
	s.Steps[0].AnswerPrivate = true // the carried action's outcome
	shared := RoundMarkdown(s, rd, lib.Rounds, Options{Lang: model.Ja})
	if strings.Contains(shared, "帰任者の話を最後まで遮らずに聞く") || strings.Contains(shared, "前回の次の一手") {
		t.Errorf("a private outcome shows in the shared summary:\n%s", shared)
	}
	// Markdown typed in a carried action shows as typed in the question.
	next, _ := model.NewRound(model.RoundSetup{Format: lib.Rounds.DefaultFormat(), Participants: roundParticipants()},
		[]model.CarriedAction{{Name: "佐藤*", Action: "*強調* と [リンク](x)"}}, model.Ja, time.Date(2026, 11, 13, 14, 0, 0, 0, time.UTC))
	if q := next.Steps[0].Question; !strings.Contains(q, `\*強調\* と \[リンク\](x)`) || !strings.Contains(q, `佐藤\*`) {
		t.Errorf("carry question %q", q)
	}
}

// TestRoundSummaryKeepsPlannedExtendedAndActualApart: a one-minute phase
// extended by a minute that ran 29 s over its plan shows the plan as set,
// the extension and the time it took, in the notes and in the table.
func TestRoundSummaryKeepsPlannedExtendedAndActualApart(t *testing.T) {
	lib := builtinRounds(t)
	f, _ := lib.Rounds.Format("case-consultation")
	start := goldenAt(2026, 11, 20, 14, 0)
	setup := model.RoundSetup{Format: f, Participants: roundParticipants(), Facilitator: "佐藤 一郎",
		Presenter: "田中　陽", Scribe: "Lee Min", Planned: []time.Duration{time.Minute}}
	s, rd := model.NewRound(setup, nil, model.Ja, start)
	rd.Timer.Start(start)
	rd.Timer.Extend(time.Minute)
	at := start.Add(89 * time.Second)
	rd.Timer.Pause(at)
	rd.Timer.Next(at)
	s.UpdatedAt = at
	ja := RoundMarkdown(s, rd, lib.Rounds, Options{Lang: model.Ja, Location: goldenJST})
	for _, want := range []string{"### 1. チェックイン（予定 1分・延長 +1分・実際 1分29秒）", "### 2. ケースと問いの提示（予定 10分・実際 未実施）",
		"| フェーズ | 予定 | 延長 | 実際 |", "| チェックイン | 1分 | +1分 | 1分29秒 |", "| 確かめる質問 | 10分 | — | 未実施 |", "| 合計 | 56分 | +1分 | 1分29秒 |"} {
		if !strings.Contains(ja, want) {
			t.Errorf("the summary lacks %q:\n%s", want, ja)
		}
	}
	en := RoundMarkdown(s, rd, lib.Rounds, Options{Lang: model.En, Location: goldenJST})
	for _, want := range []string{"planned 1 min, extended +1 min, actual 1 min 29 s", "| Phase | Planned | Extended | Actual |"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English summary lacks %q:\n%s", want, en)
		}
	}
}

// TestRoundSummaryOfSeveralPresentations: a feedback session with two
// presenters shows each presentation's notes, key question and takeaways
// under the presenter's name, both as presenters, and the guests' roles.
func TestRoundSummaryOfSeveralPresentations(t *testing.T) {
	lib := builtinRounds(t)
	f, ok := lib.Rounds.Format("feedback-session")
	if !ok {
		t.Fatal("no feedback session format")
	}
	start := goldenAt(2026, 11, 20, 14, 0)
	setup := model.RoundSetup{Format: f, Participants: roundParticipants(), Facilitator: "佐藤 一郎",
		Presenters: []string{"Lee Min", "田中 陽"}, Scribe: "佐藤 一郎", Purpose: "二つの取り組みにゲストから感想をもらう",
		Cast: map[string]string{"guest-1": "佐藤 一郎"}}
	s, rd := model.NewRound(setup, nil, model.Ja, start)
	answers := map[string]string{
		"p:phase-presentation@1": "週報の書式を変えた結果。",
		"p:key-question@1":       "書式を変えたことで何が見えなくなったか？",
		"p:key-question@2":       "越境先の上司をどう巻き込むか？",
		"p:takeaways@2":          "まず上司と三者で話す場を一度つくる。",
	}
	for i, st := range s.Steps {
		s.Steps[i].Answer = answers[st.Key]
	}
	got := RoundMarkdown(s, rd, lib.Rounds, Options{Lang: model.Ja, Location: goldenJST})
	for _, want := range []string{
		"- 目的: 二つの取り組みにゲストから感想をもらう",
		"| Lee Min | 第三者 | 発表者 |", "| 田中　陽 | 越境先 | 発表者 |", "| 佐藤 一郎 | 所属組織 | ファシリテーター・書記・ゲスト1（感想を返す人） |",
		"**発表者の問い（Lee Min）:**\n\n書式を変えたことで何が見えなくなったか？",
		"**発表者の問い（田中　陽）:**\n\n越境先の上司をどう巻き込むか？",
		"### 2. 発表（Lee Min）（予定 10分・実際 未実施）\n\n週報の書式を変えた結果。",
		"### 7. 発表（田中　陽）（予定 10分・実際 未実施）",
		"| ゲスト2の感想（田中　陽） | 7分 | 未実施 |",
		"**持ち帰り（田中　陽）:**\n\nまず上司と三者で話す場を一度つくる。",
		"## 学び",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary lacks %q:\n%s", want, got)
		}
	}
}

// TestRoomWordsInTheSummary: the round's summary lists what everyone wrote
// in its room under each presentation, a guest marked as one, and a word
// given without a name without one, its writer's own too (the facilitator
// exporting their own anonymous feedback does not name themself).
func TestRoomWordsInTheSummary(t *testing.T) {
	s := model.Session{FlowTitle: "ケース相談", Lang: model.Ja, Status: model.Done}
	rd := model.PeerRound{Presenter: "佐藤 アリス"}
	md := RoundMarkdown(s, rd, nil, Options{Lang: model.Ja, Contribs: []model.Contribution{
		{Kind: model.ContribQuestion, Presenter: "佐藤 アリス", Author: "鈴木 ボブ", Text: "週報には何と？", TakenUp: true},
		{Kind: model.ContribFeedback, Presenter: "佐藤 アリス", Author: "高橋 イブ", Mine: true, Anonymous: true, Text: "先回りが多い"},
		{Kind: model.ContribLearning, Author: "来賓 山田", Guest: true, Text: "待つことも支援"},
		{Kind: model.ContribLearning, Author: "鈴木 ボブ", Mine: true, Private: true, Text: "自分だけの学び"},
	}})
	for _, want := range []string{"## 参加者の書き込み", "### 佐藤 アリス", "- **質問** 鈴木 ボブ: 週報には何と？ （取り上げた質問）",
		"- **フィードバック** （名前なし）: 先回りが多い", "### 発表によらないもの", "- **学び** 来賓 山田（ゲスト）: 待つことも支援"} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in:\n%s", want, md)
		}
	}
	if strings.Contains(md, "高橋 イブ: 先回り") || strings.Contains(md, "自分だけの学び") {
		t.Errorf("the summary names the anonymous writer or shows a private word:\n%s", md)
	}
}
