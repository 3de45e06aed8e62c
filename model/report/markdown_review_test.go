package report

import (
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// reviewMap is a skill map of two skills, in the order a map is read (by
// group), and one balance item.
func reviewMap() *model.SkillMap {
	levels := func(names ...string) (out [model.Levels]model.Text) {
		for i := range out {
			out[i] = model.Text{Ja: names[2*i], En: names[2*i+1]}
		}
		return out
	}
	return &model.SkillMap{
		Skills: []model.Skill{
			{ID: "purpose", Group: model.GroupBefore, Name: model.Text{Ja: "目的抽出", En: "Purpose"},
				Definition: model.Text{Ja: "目的を言葉にする力。", En: "Putting purpose into words."},
				Levels:     levels("ほ", "e", "に", "d", "は", "c", "ろ", "b", "い", "a"),
				Methods:    []model.Method{{Title: model.Text{Ja: "問い", En: "Questions"}, Text: model.Text{Ja: "問いを磨く。", En: "Refine questions."}}}},
			{ID: "listening", Group: model.GroupAcross, Refs: "L2252", Name: model.Text{Ja: "観察傾聴", En: "Observation and listening"},
				Definition: model.Text{Ja: "小さな変化に気づく力。", En: "Noticing small changes."},
				Levels:     levels("一", "one", "二", "two", "三", "three", "四", "four", "五", "five"),
				Methods: []model.Method{{Title: model.Text{Ja: "観察の記録", En: "Observation log"},
					Text: model.Text{Ja: "気づいたことを書き留める。", En: "Note what you notice."}}}},
		},
		Balance: []model.BalanceItem{{ID: "over-ahead", Name: model.Text{Ja: "先回り", En: "Ahead"},
			Text:     model.Text{Ja: "先回りする。害がある。", En: "Doing it first. It harms."},
			Question: model.Text{Ja: "どんな場面で？", En: "When did it happen?"}}},
	}
}

// rate applies events to the step with key.
func rate(t *testing.T, s model.Session, key string, evs ...model.Event) model.Session {
	t.Helper()
	return goldenPlay(t, s, append([]model.Event{model.Jump{Key: key}}, evs...)...)
}

// TestSelfReviewMarkdownGolden writes a second review with a practice
// answer, a follow-up, an own question, a skill with evidence but no level
// yet, private evidence and notes, a balance answer and a focus with a plan.
func TestSelfReviewMarkdownGolden(t *testing.T) {
	m := reviewMap()
	day := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	first := model.NewSelfReview(m, m.IDs(), nil, model.Ja, day)
	first.ID = 1
	first = rate(t, first, "p:listening", model.SetValue{Value: 2})
	first = rate(t, first, "p:focus", model.SetChoices{IDs: []string{"listening"}}, model.SetAnswer{Text: "最初の5分は聞くだけにする。"})
	r := model.NewSelfReview(m, m.IDs(), &first, model.Ja, day.AddDate(0, 3, 0))
	r.ID = 2
	r = rate(t, r, "c:practice-listening", model.SetChoices{IDs: []string{string(model.OutcomeWorked)}}, model.SetAnswer{Text: "3回試し、2回は本人が自分から話し始めた。"})
	r = rate(t, r, "p:listening", model.SetValue{Value: 4}, model.SetTarget{Level: 5}, model.SetAnswer{Text: "週報の言い回しの変化に気づいて声をかけた。"},
		model.SetNote{Text: "自分だけのメモ：焦りがあった"})
	r = rate(t, r, "p:listening", model.DigDeeper{Text: "なぜ気づけた？"}, model.SetAnswer{Text: "前の週報と並べて読んだから。"})
	r = rate(t, r, "p:purpose", model.SetAnswer{Text: "まだ段階は決めかねている。家族の事情の話も出た。"}, model.SetAnswerPrivate{Private: true})
	r = rate(t, r, "p:balance-over-ahead", model.SetAnswer{Text: "面談の日程を本人より先に決めてしまった。"})
	r = rate(t, r, "p:focus", model.AddQuestion{Text: "次の面談で試すことは？"}, model.SetAnswer{Text: "沈黙を10秒待つ。"})
	r = rate(t, r, "p:focus", model.SetChoices{IDs: []string{"purpose"}}, model.SetAnswer{Text: "なぜを2回重ねる。"})
	r, _ = model.Apply(r, model.Finish{}, day.AddDate(0, 3, 0))

	shared := SelfReviewMarkdown(r, []model.Session{first}, m, Options{Lang: model.Ja})
	checkGolden(t, "self_review_ja.golden.md", shared)
	for _, private := range []string{"家族の事情", "自分だけのメモ", "非公開"} {
		if strings.Contains(shared, private) {
			t.Errorf("shared self-review holds %q", private)
		}
	}
	own := SelfReviewMarkdown(r, []model.Session{first}, m, Options{Lang: model.Ja, IncludePrivate: true})
	for _, want := range []string{"家族の事情", "自分だけのメモ", "（非公開）", "段階は選んでいない"} {
		if !strings.Contains(own, want) {
			t.Errorf("the companion's copy lacks %q", want)
		}
	}
}

// TestSelfReviewPracticeOutcome: how a practice went is written beside
// its words and read aloud in the spoken form; an outcome with no words
// keeps the practice in the document; a private answer hides its outcome
// from a shared copy.
func TestSelfReviewPracticeOutcome(t *testing.T) {
	m := reviewMap()
	day := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	first := model.NewSelfReview(m, m.IDs(), nil, model.Ja, day)
	first.ID = 1
	first = rate(t, first, "p:focus", model.SetChoices{IDs: []string{"listening", "purpose"}}, model.SetAnswer{Text: "最初の5分は聞くだけにする。"})
	r := model.NewSelfReview(m, m.IDs(), &first, model.Ja, day.AddDate(0, 3, 0))
	r.ID = 2
	r = rate(t, r, "c:practice-listening", model.SetChoices{IDs: []string{string(model.OutcomeNotTried)}})
	r = rate(t, r, "c:practice-purpose", model.SetChoices{IDs: []string{string(model.OutcomeNoEffect)}},
		model.SetAnswer{Text: "家族の事情で面談が減った。"}, model.SetAnswerPrivate{Private: true})

	shared := SelfReviewMarkdown(r, []model.Session{first}, m, Options{Lang: model.Ja})
	if !strings.Contains(shared, "### 練習の振り返り：観察傾聴") || !strings.Contains(shared, "- 結果: 試していない") {
		t.Errorf("the outcome alone does not keep the practice:\n%s", shared)
	}
	if strings.Contains(shared, "試したが効果なし") || strings.Contains(shared, "家族の事情") {
		t.Errorf("a private practice shows in the shared copy:\n%s", shared)
	}
	own := SelfReviewMarkdown(r, []model.Session{first}, m, Options{Lang: model.Ja, IncludePrivate: true})
	if !strings.Contains(own, "- 結果: 試したが効果なし") {
		t.Errorf("the companion's copy lacks the private outcome:\n%s", own)
	}
	spoken := Spoken(SelfReviewMarkdown(r, []model.Session{first}, m, Options{Lang: model.Ja, IncludePrivate: true, Spoken: true}), model.Ja)
	if !strings.Contains(spoken, "結果: 試していない") || !strings.Contains(spoken, "結果: 試したが効果なし") {
		t.Errorf("the spoken form does not say the outcomes:\n%s", spoken)
	}
	en := SelfReviewMarkdown(r, []model.Session{first}, m, Options{Lang: model.En})
	if !strings.Contains(en, "- Outcome: not tried") {
		t.Errorf("English outcome missing:\n%s", en)
	}
}
