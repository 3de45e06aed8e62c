package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"

	"bansou/model"
)

// storeReview saves a finished self-review made on day with the given
// levels (and a target, evidence and focus for the first skill).
func storeReview(t *testing.T, h *harness, day time.Time, levels map[string]int, focus []string, plan string) model.Session {
	t.Helper()
	m := h.app.env.lib.Skills
	var ids []string
	for _, id := range m.IDs() {
		if levels[id] > 0 {
			ids = append(ids, id)
		}
	}
	s := model.NewSelfReview(m, ids, nil, model.Ja, day)
	apply := func(evs ...model.Event) {
		for _, ev := range evs {
			var err error
			if s, err = model.Apply(s, ev, day); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, id := range ids {
		apply(model.Jump{Key: "p:" + id}, model.SetValue{Value: levels[id]}, model.SetAnswer{Text: "根拠: " + id})
	}
	if len(focus) > 0 {
		apply(model.Jump{Key: "p:focus"}, model.SetChoices{IDs: focus}, model.SetAnswer{Text: plan})
	}
	apply(model.Finish{})
	started, err := h.store.StartSession(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return started
}

// TestSelfReviewEndToEnd rates two skills of the before-departure group,
// sets an aim and evidence, chooses a skill to develop with a plan,
// finishes, and sees the ratings in the chart and in the store.
func TestSelfReviewEndToEnd(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.press("s")
	h.contains("まだ振り返りはありません")
	h.press("n", "2", "enter") // 越境前のスキル
	r := h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	if got := len(r.wk.Sess.Steps); got != 5+5+1 {
		t.Fatalf("%d steps, want 5 skills, 5 balance questions and the focus", got)
	}
	h.contains("1. 目的抽出")
	h.press("3") // 普通
	h.contains("(●) 3 普通")
	h.press("tab", "right", "right", "right", "right", "tab")
	h.contains("目標 ◂ 4 高い ▸")
	h.typeText("面談で希望は聞けたが、理由までは聞けなかった。")
	h.press("ctrl+n")
	h.contains("2. 期待調整")
	h.press("down", "down", "space") // from 5 down to 3… then choose
	h.press("1")                     // 1 overrides: the digit chooses
	h.contains("(●) 1 非常に低い")
	jumpTo(t, h, r, "p:focus")
	h.contains("伸ばすスキルを選ぶ（3つまで）")
	h.press("space") // 目的抽出, the first skill
	h.contains("目的抽出の育て方")
	h.press("down", "space", "down", "space", "down", "space")
	h.contains("選べるのは3つまでです")
	h.press("tab")
	h.typeText("毎回の面談で「なぜ」を2回重ねる。")
	h.press("esc", "f")
	h.waitUntil("back on the skill page", func() bool { _, ok := h.top().(*skillsScreen); return ok })
	h.send(refreshMsg{})
	h.contains("11/21")
	h.contains("練習中: 目的抽出、期待調整、合意形成")

	reviews, err := h.store.SoloSessions(context.Background(), model.SelfReviewFlowID)
	if err != nil || len(reviews) != 1 {
		t.Fatalf("reviews = %d, %v", len(reviews), err)
	}
	snap := model.SnapshotOf(reviews[0])
	want := model.Rating{Level: 3, Target: 4, Evidence: "面談で希望は聞けたが、理由までは聞けなかった。"}
	if got := snap.Ratings["purpose-elicitation"]; got != want {
		t.Errorf("purpose rating = %+v, want %+v", got, want)
	}
	if got := snap.Ratings["expectation-alignment"].Level; got != 1 {
		t.Errorf("expectation level = %d", got)
	}
	if strings.Join(snap.Focus, ",") != "purpose-elicitation,expectation-alignment,agreement-building" || snap.Plan != "毎回の面談で「なぜ」を2回重ねる。" {
		t.Errorf("focus = %v %q", snap.Focus, snap.Plan)
	}
	if reviews[0].Status != model.Done || reviews[0].EngagementID != 0 {
		t.Errorf("review = %+v", reviews[0])
	}

	// The next review asks first how the practice went, quoting the plan.
	h.press("n", "enter")
	r = h.runnerOnTop()
	h.waitUntil("second review loaded", func() bool { return r.loaded })
	h.contains("練習の振り返り：目的抽出")
	h.contains("毎回の面談で「なぜ」を2回重ねる。")
	// How it went, on the rounds' scale, beside the words.
	h.contains("1 試していない")
	h.contains("2 試したが効果なし")
	h.press("3")
	h.contains("(●) 3 試して効果あり")
	h.press("tab")
	h.typeText("3回試して、2回は本人の言葉が変わった。")
	if st := r.currentStep(); model.PracticeOutcome(st) != model.OutcomeWorked || st.Answer != "3回試して、2回は本人の言葉が変わった。" {
		t.Errorf("practice = %q %q", st.Choices, st.Answer)
	}
	jumpTo(t, h, r, "p:purpose-elicitation")
	h.contains("前回: 3 普通（2026-11-21）、目標 4")
	// The aim is carried over: no need to press four times again.
	if st := r.currentStep(); st.Target != 4 || st.Value != 0 {
		t.Errorf("second review starts 目的抽出 at level %d, aim %d", st.Value, st.Target)
	}
	// Last time's choice of skills to develop is chosen again, to keep or
	// drop; nothing else is.
	if focus, _ := r.wk.Sess.Step("p:focus"); strings.Join(focus.Choices, ",") != "purpose-elicitation,expectation-alignment,agreement-building" {
		t.Errorf("focus starts at %v", focus.Choices)
	}
}

// TestSkillChartGolden shows three reviews over a year, in Japanese and in
// English, at 80×24: levels by date, the aim, the change since the review
// before (a skill not rated in the middle review is compared with the
// first), and the practice line.
func TestSkillChartGolden(t *testing.T) {
	for _, lang := range []model.Lang{model.Ja, model.En} {
		t.Run(string(lang), func(t *testing.T) {
			h := newHarness(t, 80, 24, withLang(lang))
			storeReview(t, h, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC),
				map[string]int{"purpose-elicitation": 2, "expectation-alignment": 3, "anxiety-surfacing": 2, "progress-checkin": 3, "observation-listening": 4}, nil, "")
			storeReview(t, h, time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC),
				map[string]int{"purpose-elicitation": 3, "progress-checkin": 2, "observation-listening": 4}, []string{"anxiety-surfacing"}, "週に一度、心配ごとを一つ聞く。")
			storeReview(t, h, time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC),
				map[string]int{"purpose-elicitation": 4, "expectation-alignment": 3, "anxiety-surfacing": 4, "progress-checkin": 2, "observation-listening": 3}, []string{"anxiety-surfacing", "progress-checkin"}, "")
			h.press("s")
			h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
			h.golden("skill_chart_" + string(lang))
			checkWidth(t, h, "chart")
			h.press("down", "down", "down", "down")
			h.press("left")
			checkWidth(t, h, "chart moved")
		})
	}
}

// TestChartChangeColumn checks the change column against the history.
func TestChartChangeColumn(t *testing.T) {
	h := newHarness(t, 80, 24)
	storeReview(t, h, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC), map[string]int{"anxiety-surfacing": 2}, nil, "")
	storeReview(t, h, time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC), map[string]int{"purpose-elicitation": 3}, nil, "")
	storeReview(t, h, time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), map[string]int{"anxiety-surfacing": 5}, nil, "")
	h.press("s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	row := lineWith(t, h.screen(), "不安可視化")
	if !strings.HasSuffix(strings.TrimRight(row, " "), "+3 ▂·▅") {
		t.Errorf("不安可視化 row does not end with +3 and its trend: %q", row)
	}
	// On the middle review anxiety was not rated: no change shown there.
	h.press("left")
	row = lineWith(t, h.screen(), "不安可視化")
	if strings.Contains(row, "+") {
		t.Errorf("change shown for an unrated review: %q", row)
	}
	h.press("down", "down", "down", "down")
	h.contains("不安可視化 — 2026-05-20 の振り返りでは評価していません")
}

func lineWith(t *testing.T, screen, s string) string {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q:\n%s", s, screen)
	return ""
}

// TestLearnerFeedbackBesideTheRating records the learner's feedback at the
// end of a purpose session (ctrl+r) and finds it beside the companion's own
// rating of purpose elicitation in the next self-review.
func TestLearnerFeedbackBesideTheRating(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "purpose")
	// ctrl+f stays the editor's cursor-right key.
	steps := len(r.wk.Sess.Steps)
	h.typeText("abc")
	h.press("ctrl+b", "ctrl+f")
	if len(r.wk.Sess.Steps) != steps || r.currentStep().Kind != model.StepPrompt {
		t.Fatalf("ctrl+f changed the session: %d steps, on %s", len(r.wk.Sess.Steps), r.wk.Sess.CurrentKey)
	}
	h.press("ctrl+r")
	h.contains("本人の声：助けになったこと")
	if st := r.currentStep(); st.Kind != model.StepFeedback || !st.AnswerPrivate {
		t.Fatalf("current step = %+v", st)
	}
	h.press("ctrl+n")
	// Words about the purpose: beside 目的抽出, the skill they speak to.
	h.typeText("目的を問う質問が多すぎて考える時間がなかった")
	h.press("esc", "f")
	h.press("esc") // back home
	h.press("s", "n", "2", "enter")
	r = h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	h.contains("本人の声（1件）")
	h.contains("過多: 目的を問う質問が多すぎて")
	// Not beside a skill the purpose flow does not exercise.
	jumpTo(t, h, r, "p:collaboration-groundwork")
	if strings.Contains(h.screen(), "本人の声") {
		t.Errorf("feedback shown beside an unrelated skill:\n%s", h.screen())
	}
}

// TestSkillScreensFitTheTerminal walks the skill page, the scope picker, a
// skill, the focus and the review document at narrow and normal widths.
func TestSkillScreensFitTheTerminal(t *testing.T) {
	for _, lang := range []model.Lang{model.Ja, model.En} {
		for _, w := range []int{40, 60, 80} {
			where := func(s string) string { return string(lang) + " " + s }
			h := newHarness(t, w, 24, withLang(lang))
			storeReview(t, h, time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC),
				map[string]int{"purpose-elicitation": 3, "mutual-learning": 5}, []string{"mutual-learning"}, "とても長い練習の計画を書いています。毎週の面談の最後に、本人に感想を聞く。")
			h.press("s")
			h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
			checkWidth(t, h, where("chart"))
			h.press("n")
			checkWidth(t, h, where("scope picker"))
			h.press("6", "enter")
			checkWidth(t, h, where("choose skills"))
			h.press("space", "down", "space", "enter")
			r := h.runnerOnTop()
			h.waitUntil("review loaded", func() bool { return r.loaded })
			checkWidth(t, h, where("practice"))
			jumpTo(t, h, r, "p:purpose-elicitation")
			h.press("tab", "tab")
			h.typeText("とても長い根拠の文章をここに書いていきます。三者面談の場面で。")
			checkWidth(t, h, where("skill"))
			jumpTo(t, h, r, "p:focus")
			checkWidth(t, h, where("focus"))
			h.press("esc", "f", "enter")
			h.waitUntil("review document", func() bool { _, ok := h.top().(*review); return ok })
			checkWidth(t, h, where("review document"))
		}
	}
}

// TestTheSelfReviewShowsTheFocusOfTheReviewersType: a companion who is at
// the host on most of their engagements reads, beside each skill, what the
// skill asks of a host companion and its caution, not the sending side's;
// f4 shows another type's.
func TestTheSelfReviewShowsTheFocusOfTheReviewersType(t *testing.T) {
	h := newHarness(t, 120, 40)
	ctx := context.Background()
	for i, my := range []model.CompanionType{model.Host, model.Sending, model.Host} {
		e := model.Engagement{Learner: model.Learner{Name: fmt.Sprintf("学習者%d", i)}, Start: model.NewDate(2026, 12, 1),
			End: model.NewDate(2027, 5, 31), MyType: my}
		if _, err := h.store.CreateEngagement(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	h.send(refreshMsg{})
	h.press("s", "n", "2", "enter")
	r := h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	if r.wk.Sess.HolderType != model.Host {
		t.Fatalf("the review is held as %q, want host", r.wk.Sess.HolderType)
	}
	sk, _ := h.app.env.lib.Skills.Skill(r.currentStep().PromptID)
	host, sending := sk.ByType[model.Host], sk.ByType[model.Sending]
	hint := hintText(r, r.currentStep())
	if !strings.Contains(hint, "この立場では: "+head(host.Focus.Ja, 20)) || !strings.Contains(hint, "注意: "+head(host.Caution.Ja, 20)) {
		t.Errorf("hints = %q", hint)
	}
	if strings.Contains(hint, head(sending.Focus.Ja, 20)) {
		t.Errorf("a host companion reads the sending side's focus: %q", hint)
	}
	h.contains("越境先 の伴走者向けのヒント")
	h.press("f4")
	if hint := hintText(r, r.currentStep()); !strings.Contains(hint, head(sk.ByType[model.ThirdParty].Focus.Ja, 20)) {
		t.Errorf("after f4, hints = %q", hint)
	}
}

// TestTheFocusPickerSuggestsAndLeavesTheChoice: choosing what to develop,
// each skill shows its level, aim and gap; three are suggested, each with
// its reasons (a gap to the aim carried over, the silence on an
// engagement pointing to 進捗確認 and 連絡役); only last time's choice is
// chosen.
func TestTheFocusPickerSuggestsAndLeavesTheChoice(t *testing.T) {
	h := newHarness(t, 120, 40)
	ctx := context.Background()
	m := h.app.env.lib.Skills
	day := time.Date(2026, 9, 20, 9, 0, 0, 0, time.UTC)
	prev := model.NewSelfReview(m, m.IDs(), nil, model.Ja, day)
	for _, ev := range []model.Event{model.Jump{Key: "p:purpose-elicitation"}, model.SetValue{Value: 2}, model.SetTarget{Level: 4},
		model.Jump{Key: "p:focus"}, model.SetChoices{IDs: []string{"progress-checkin"}}, model.Finish{}} {
		var err error
		if prev, err = model.Apply(prev, ev, day); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.store.StartSession(ctx, prev); err != nil {
		t.Fatal(err)
	}
	e := model.Engagement{Learner: model.Learner{Name: "山田 花子"}, Start: model.NewDate(2026, 10, 1), End: model.NewDate(2027, 3, 31)}
	if _, err := h.store.CreateEngagement(ctx, e); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.press("s", "n", "enter")
	r := h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	jumpTo(t, h, r, "p:focus")
	h.contains("提案: 目的抽出、進捗確認、連絡役（選ぶのはあなたです）")
	h.contains("[x] 進捗確認")
	h.contains("進捗確認を勧める理由")
	h.contains("関わりの偏り（伴走不足）: 51 日 連絡なし")
	if st := r.currentStep(); len(st.Choices) != 1 {
		t.Errorf("chosen = %v; only last time's choice may be chosen", st.Choices)
	}
	for range 10 {
		h.press("up")
	}
	h.contains("[ ] 目的抽出")
	h.contains("段階 2  目標 4  あと 2  提案")
	h.contains("目標 4 まで あと 2 段階")
}

// TestTheChartMarksSkillsBelowTheirAim: the aim of a skill rated below it
// is marked, and the skill's line says how far there is to go.
func TestTheChartMarksSkillsBelowTheirAim(t *testing.T) {
	h := newHarness(t, 80, 24)
	m := h.app.env.lib.Skills
	day := time.Date(2026, 9, 20, 9, 0, 0, 0, time.UTC)
	s := model.NewSelfReview(m, m.IDs(), nil, model.Ja, day)
	for _, ev := range []model.Event{model.Jump{Key: "p:purpose-elicitation"}, model.SetValue{Value: 2}, model.SetTarget{Level: 4},
		model.Jump{Key: "p:expectation-alignment"}, model.SetValue{Value: 4}, model.SetTarget{Level: 4}, model.Finish{}} {
		var err error
		if s, err = model.Apply(s, ev, day); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.store.StartSession(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	h.press("s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	h.contains("目的抽出")
	h.contains("目標 4 まで あと 2 段階")
	var purpose, expectation string
	for _, line := range strings.Split(h.screen(), "\n") {
		switch {
		case strings.Contains(line, "目的抽出") && purpose == "":
			purpose = line
		case strings.Contains(line, "期待調整") && expectation == "":
			expectation = line
		}
	}
	if !strings.Contains(purpose, "4!") || strings.Contains(expectation, "!") {
		t.Errorf("below-aim marks:\n%s\n%s", purpose, expectation)
	}
}

// TestTheNextReviewFallsDueOnTheHomeScreen: a self-review finished more
// than the default cadence ago puts the next one in the home screen's due
// list, which opens the skill page; one finished recently does not.
func TestTheNextReviewFallsDueOnTheHomeScreen(t *testing.T) {
	h := newHarness(t, 100, 30)
	storeReview(t, h, clock.AddDate(0, 0, -30), map[string]int{"purpose-elicitation": 3}, nil, "")
	h.send(refreshMsg{})
	if strings.Contains(h.screen(), "スキルの振り返りの時期です") {
		t.Fatalf("due a month after the last review:\n%s", h.screen())
	}
	h2 := newHarness(t, 100, 30)
	storeReview(t, h2, clock.AddDate(0, 0, -100), map[string]int{"purpose-elicitation": 3}, nil, "")
	h2.send(refreshMsg{})
	h2.contains("あなた自身のスキルの振り返りの時期です（" + model.DateOf(clock.AddDate(0, 0, -100+model.DefaultReviewCadenceDays)).String() + " から）")
	h2.press("enter")
	h2.contains("目的抽出")
	if _, ok := h2.top().(*skillsScreen); !ok {
		t.Fatalf("enter on the due review opened %T", h2.top())
	}
}

// TestTheSkillPageShowsTheLearnersVoiceWhole: a long piece of feedback is
// read on the skill page in full, wrapped, not cut at the edge.
func TestTheSkillPageShowsTheLearnersVoiceWhole(t *testing.T) {
	h := newHarness(t, 60, 40)
	storeReview(t, h, clock.AddDate(0, 0, -10), map[string]int{"purpose-elicitation": 3}, nil, "")
	h.seed()
	h.press("enter")
	openFlow(t, h, "purpose")
	h.press("ctrl+r", "ctrl+n")
	long := "目的の資料の叩き台を先に渡されたので、自分で考える前に答えが見えてしまい、少し物足りなかった。次は白紙から一緒に考えたい。"
	h.typeText(long)
	h.press("esc", "f")
	h.press("esc") // back home
	h.press("s")
	h.contains("本人の声（1件）")
	screen := strings.NewReplacer("\n", "", " ", "", "│", "").Replace(h.screen())
	if !strings.Contains(screen, "過多:"+long) {
		t.Errorf("the feedback is not whole on the skill page:\n%s", h.screen())
	}
}

// TestTheCadenceOfReviewsIsSetOnTheSkillPage: a review finished 40 days
// ago is not due at the default cadence; on the skill page c sets 30 days
// (a number typed; 0 is refused with a message and the choice stays open),
// and the home screen's due list then has the review, due since the 30th
// day.
func TestTheCadenceOfReviewsIsSetOnTheSkillPage(t *testing.T) {
	h := newHarness(t, 80, 24)
	storeReview(t, h, clock.AddDate(0, 0, -40), map[string]int{"purpose-elicitation": 3}, nil, "")
	h.send(refreshMsg{})
	h.notContains("スキルの振り返りの時期です")
	h.press("s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	h.contains("90日ごと・次は " + model.DateOf(clock.AddDate(0, 0, 50)).String())
	h.press("c")
	h.contains("振り返りの間隔（いま 90日）")
	h.contains("▸ 90日ごと")
	h.press("0", "enter")
	h.contains("1〜366 の日数を入れてください。")
	h.contains("日数を入力: 0")
	h.press("backspace", "3", "0", "enter")
	h.waitUntil("cadence saved", func() bool { return h.top().(*skillsScreen).setting == nil })
	h.contains("30日ごと・次は " + model.DateOf(clock.AddDate(0, 0, -10)).String())
	if days, err := h.store.ReviewCadence(context.Background()); err != nil || days != 30 {
		t.Fatalf("stored cadence = %d, %v", days, err)
	}
	h.press("esc")
	h.contains("あなた自身のスキルの振り返りの時期です（" + model.DateOf(clock.AddDate(0, 0, -10)).String() + " から）")
	// A cadence offered is chosen with the cursor.
	h.press("s", "c", "down", "enter")
	h.waitUntil("cadence saved", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.setting == nil && s.cadence == 60 })
}

// TestFinishingAReviewSelectsItOnTheChart: with a review from January on
// the chart (目的抽出 chosen to develop), a new review is held and
// finished: back on the skill page, the new review's column is the one
// selected, its rating and how the practice went in the detail, and the
// trend of 目的抽出 marks both reviews.
func TestFinishingAReviewSelectsItOnTheChart(t *testing.T) {
	h := newHarness(t, 80, 24)
	storeReview(t, h, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC), map[string]int{"purpose-elicitation": 2},
		[]string{"purpose-elicitation"}, "面談で「なぜ」を重ねる。")
	h.press("s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	h.contains("目的抽出 — 2 低い (2026-01-10)")
	h.press("n", "2", "enter")
	r := h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	h.contains("練習の振り返り：目的抽出")
	h.press("3", "tab")
	h.typeText("3回試して、2回は本人の言葉が変わった。")
	jumpTo(t, h, r, "p:purpose-elicitation")
	h.press("4")
	h.press("esc", "f")
	h.waitUntil("back on the skill page", func() bool {
		s, ok := h.top().(*skillsScreen)
		return ok && len(s.hist) == 2 && s.hist[1].Status == model.Done
	})
	if s := h.top().(*skillsScreen); s.col != 1 {
		t.Errorf("column %d selected after finishing, want the newest (1)", s.col)
	}
	h.contains("目的抽出 — 4 高い (" + clock.Format("2006-01-02") + ")")
	h.contains("練習の結果: 試して効果あり — 3回試して、2回は本人の言葉が変わった。")
	if row := lineWith(t, h.screen(), "前 目的抽出"); !strings.HasSuffix(strings.TrimRight(row, " "), "▂▄") {
		t.Errorf("目的抽出's trend is not ▂▄: %q", row)
	}
	// Moving back to January still works, and shows January.
	h.press("left")
	h.contains("目的抽出 — 2 低い (2026-01-10)")
}

// TestTheLevelDescriptionWrapsAt80x24: the description of the level rated
// is read whole on the skill page at 80×24, wrapped, never cut.
func TestTheLevelDescriptionWrapsAt80x24(t *testing.T) {
	h := newHarness(t, 80, 24)
	storeReview(t, h, time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), map[string]int{"purpose-elicitation": 4}, nil, "")
	h.press("s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	sk, _ := h.app.env.lib.Skills.Skill("purpose-elicitation")
	want := strings.Join(strings.Fields(sk.Level(4).Ja), "")
	if lipgloss.Width(want) <= 78 {
		t.Fatalf("the description fits one line; the test needs a longer one: %q", want)
	}
	screen := strings.NewReplacer("\n", "", " ", "").Replace(h.screen())
	if !strings.Contains(screen, want) {
		t.Errorf("the level description is not whole at 80×24:\n%s", h.screen())
	}
	checkWidth(t, h, "wrapped description")
}
