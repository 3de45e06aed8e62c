package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// focusMap is a skill map with the skills a balance warning points to.
func focusMap() *SkillMap {
	sk := func(id, ja string, g SkillGroup) Skill {
		s := Skill{ID: id, Group: g, Name: Text{Ja: ja, En: id}}
		for i := range s.Levels {
			s.Levels[i] = Text{Ja: ja + string(rune('1'+i)), En: id}
		}
		return s
	}
	m := &SkillMap{Skills: []Skill{
		sk("purpose-elicitation", "目的抽出", GroupBefore),
		sk("progress-checkin", "進捗確認", GroupDuring),
		sk("liaison", "連絡役", GroupDuring),
		sk("observation-listening", "観察傾聴", GroupAcross),
		sk("offering-alternatives", "代案提示", GroupAcross),
	}}
	m.Skills[4].ByType = map[CompanionType]TypeFocus{Host: {Caution: Text{Ja: "現場の速さに合わない案を押し付けない。"}}}
	return m
}

func TestASecondReviewCarriesTheAimsAndLastFocus(t *testing.T) {
	m := focusMap()
	day := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	first := StartSelfReview(m, m.IDs(), nil, Ja, day)
	first.ID = 1
	first = rate(t, first, "p:liaison", SetValue{Value: 2}, SetTarget{Level: 4}, SetAnswer{Text: "会社への報告を本人任せにした。"})
	first = rate(t, first, "p:progress-checkin", SetValue{Value: 3})
	first = rate(t, first, "p:focus", SetChoices{IDs: []string{"liaison"}}, SetAnswer{Text: "月に一度、人事に様子を伝える。"})

	second := StartSelfReview(m, m.IDs(), []Session{first}, Ja, day.AddDate(0, 2, 0))
	liaison, _ := second.Step("p:liaison")
	if liaison.Target != 4 || liaison.Value != 0 {
		t.Errorf("連絡役 starts at aim %d, level %d; want the aim 4 carried over and no level", liaison.Target, liaison.Value)
	}
	if st, _ := second.Step("p:progress-checkin"); st.Target != 0 {
		t.Errorf("進捗確認 had no aim, now %d", st.Target)
	}
	if focus, _ := second.Step("p:focus"); !slices.Equal(focus.Choices, []string{"liaison"}) || focus.Answer != "" {
		t.Errorf("focus = %v %q; want last time's 連絡役 chosen and the plan left to write", focus.Choices, focus.Answer)
	}
	if second.Steps[0].Kind != StepPractice || second.Steps[0].PromptID != "liaison" {
		t.Errorf("the practice is not asked about first: %+v", second.Steps[0])
	}
	h := HistoryOf([]Session{first})
	if r := h[0].Ratings["liaison"]; r.Gap() != 2 {
		t.Errorf("連絡役 2 with aim 4: gap %d", r.Gap())
	}
	if r := h[0].Ratings["progress-checkin"]; r.Gap() != 0 {
		t.Errorf("no aim, gap %d", r.Gap())
	}
}

func TestFocusRowsSuggestWithReasons(t *testing.T) {
	m := focusMap()
	day := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	first := StartSelfReview(m, m.IDs(), nil, Ja, day)
	first = rate(t, first, "p:liaison", SetValue{Value: 2}, SetTarget{Level: 3})
	first = rate(t, first, "p:observation-listening", SetValue{Value: 2})
	first = rate(t, first, "p:focus", SetChoices{IDs: []string{"observation-listening"}})
	hist := HistoryOf([]Session{first})

	now := StartSelfReview(m, m.IDs(), []Session{first}, Ja, day.AddDate(0, 2, 0))
	now = rate(t, now, "p:liaison", SetValue{Value: 2}, SetTarget{Level: 5})
	now = rate(t, now, "p:observation-listening", SetValue{Value: 3})
	now = rate(t, now, "p:purpose-elicitation", SetValue{Value: 4}, SetTarget{Level: 4})

	in := FocusInput{
		Map: m, Session: now, History: hist, Type: Host,
		Voices: map[string][]FeedbackNote{"progress-checkin": {{LearnerName: "佐藤", At: day.AddDate(0, 1, 0),
			Parts: map[string]string{FeedbackHelped: "話を聞いてくれた", FeedbackMissing: "会社に自分の様子がどう伝わっているのか分からない"}}}},
		Warnings: []Warning{{Kind: WarnCompanionActions, Count: 4}},
	}
	rows := FocusRows(in)
	byID := map[string]FocusRow{}
	for _, r := range rows {
		byID[r.Skill.ID] = r
	}
	if len(rows) != 5 || rows[0].Skill.ID != "purpose-elicitation" {
		t.Fatalf("rows not in the map's order: %d", len(rows))
	}
	l := byID["liaison"]
	if l.Level != 2 || l.Aim != 5 || l.Gap() != 3 || !l.HasChange || l.Change != 0 {
		t.Errorf("連絡役 = %+v", l)
	}
	o := byID["observation-listening"]
	if o.Level != 3 || o.Change != 1 || !o.Chosen {
		t.Errorf("観察傾聴 = %+v (last time's focus is chosen)", o)
	}
	if p := byID["purpose-elicitation"]; p.Gap() != 0 || p.HasChange || p.Suggested() {
		t.Errorf("目的抽出 at its aim = %+v", p)
	}
	var suggested []string
	for _, r := range rows {
		if r.Suggested() {
			suggested = append(suggested, r.Skill.ID)
		}
	}
	// The gap of 3 first, then the balance warning's two skills; the
	// learner's voice alone on 進捗確認 is the fourth and left out.
	want := []string{"liaison", "observation-listening", "offering-alternatives"}
	if got := SuggestedIDs(rows); !slices.Equal(got, want) {
		t.Errorf("suggested %v, want %v", got, want)
	}
	lines := func(r FocusRow) string {
		var out []string
		for _, rs := range r.Reasons {
			out = append(out, rs.Line(Ja))
		}
		return strings.Join(out, "\n")
	}
	if got := lines(l); !strings.Contains(got, "目標 5 まで あと 3 段階") {
		t.Errorf("連絡役 reasons:\n%s", got)
	}
	if got := lines(byID["offering-alternatives"]); !strings.Contains(got, "伴走過剰") || !strings.Contains(got, "4 件") ||
		!strings.Contains(got, "現場の速さに合わない案を押し付けない。") || !strings.Contains(got, "越境先") {
		t.Errorf("代案提示 reasons:\n%s", got)
	}
	if got := lines(byID["progress-checkin"]); !strings.Contains(got, "会社に自分の様子がどう伝わっているのか分からない") {
		t.Errorf("進捗確認 reasons:\n%s", got)
	}
	for _, r := range rows {
		for _, rs := range r.Reasons {
			if strings.Contains(rs.Line(Ja), "\n") {
				t.Errorf("a reason of %s is more than one line: %q", r.Skill.ID, rs.Line(Ja))
			}
		}
	}

	// Silence points to 進捗確認 and 連絡役.
	in.Warnings = []Warning{{Kind: WarnSilence, Days: 25}}
	in.Voices = nil
	got := SuggestedIDs(FocusRows(in))
	if !slices.Contains(got, "progress-checkin") || !slices.Contains(got, "liaison") || slices.Contains(got, "offering-alternatives") {
		t.Errorf("under-support suggests %v", got)
	}
}

func TestPracticeGetsAnOutcomeBesideItsWords(t *testing.T) {
	m := focusMap()
	day := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	first := StartSelfReview(m, m.IDs(), nil, Ja, day)
	first = rate(t, first, "p:focus", SetChoices{IDs: []string{"liaison", "observation-listening"}}, SetAnswer{Text: "月に一度、人事に様子を伝える。"})

	second := StartSelfReview(m, m.IDs(), []Session{first}, Ja, day.AddDate(0, 2, 0))
	st := second.Steps[0]
	p, ok := PracticePrompt(st)
	if !ok || st.AnswerKind != KindChoice {
		t.Fatalf("practice step %+v offers no choice", st)
	}
	var labels []string
	for _, o := range p.Options {
		labels = append(labels, o.Text.In(Ja))
	}
	if got := strings.Join(labels, "/"); got != "試していない/試したが効果なし/試して効果あり" {
		t.Errorf("outcomes offered = %s; want the rounds' three", got)
	}
	if PracticeOutcome(st) != OutcomePending {
		t.Errorf("nothing chosen yet: %s", PracticeOutcome(st))
	}
	second = rate(t, second, st.Key, SetChoices{IDs: []string{string(OutcomeWorked)}}, SetAnswer{Text: "人事から「様子が分かって安心した」と返事があった。"})
	snap := SnapshotOf(second)
	if snap.Outcomes["liaison"] != OutcomeWorked || snap.Practice["liaison"] != "人事から「様子が分かって安心した」と返事があった。" {
		t.Errorf("snapshot outcome %q words %q", snap.Outcomes["liaison"], snap.Practice["liaison"])
	}
	if _, ok := snap.Outcomes["observation-listening"]; ok {
		t.Error("a practice with no outcome chosen has one in the snapshot")
	}
	// A practice step kept from before outcomes were asked stays words only.
	old := Step{Key: "c:practice-liaison", Kind: StepPractice, AnswerKind: KindText, PromptID: "liaison", Choices: []string{"worked"}}
	if _, ok := PracticePrompt(old); ok || PracticeOutcome(old) != OutcomePending {
		t.Error("an old words-only practice step offers outcomes")
	}
}

// TestOthersRatingsAndRoundPracticeAreReasons: a mentor who saw a skill
// lower than the companion did, and a round's next action on a skill that
// has not worked yet, each suggest the skill with a line that says so; a
// mentor who saw it as high, or a round practice that worked, does not.
func TestOthersRatingsAndRoundPracticeAreReasons(t *testing.T) {
	m := focusMap()
	day := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	now := StartSelfReview(m, m.IDs(), nil, Ja, day)
	now = rate(t, now, "p:liaison", SetValue{Value: 4})
	now = rate(t, now, "p:purpose-elicitation", SetValue{Value: 3})
	now = rate(t, now, "p:progress-checkin", SetValue{Value: 3})
	ratings := []PeerRating{{Rater: "山田", Relation: RelationMentor, At: day.AddDate(0, 0, -5), Skills: []PeerSkill{
		{SkillID: "liaison", Level: 2, Evidence: "人事への報告が月末にまとまっていた"},
		{SkillID: "purpose-elicitation", Level: 3},
	}}}
	round := func(uid string, at time.Time, skill, action string, carried ...CarriedAction) RoundEntry {
		return RoundEntry{Session: Session{UID: uid, StartedAt: at, Steps: []Step{
			{Key: "c:carry:1", Kind: StepPrompt, AnswerKind: KindChoice, PromptID: CarryPromptID, Choices: []string{string(OutcomeWorked)}},
			{Key: "p:next-action:1", Kind: StepPrompt, AnswerKind: KindText, Answer: action, Skill: skill},
		}}, Round: PeerRound{Participants: []Participant{{Name: "佐藤"}}, Carried: carried}}
	}
	first := round("r1", day.AddDate(0, -2, 0), "progress-checkin", "面談の最初に近況を聞く。")
	later := round("r2", day.AddDate(0, -1, 0), "observation-listening", "週報に一言返す。",
		CarriedAction{Name: "佐藤", Action: "面談の最初に近況を聞く。", From: "r1"})
	rows := FocusRows(FocusInput{Map: m, Session: now, Ratings: ratings, Rounds: []RoundEntry{first, later}})
	byID := map[string]FocusRow{}
	for _, r := range rows {
		byID[r.Skill.ID] = r
	}
	lines := func(id string) string {
		var out []string
		for _, rs := range byID[id].Reasons {
			out = append(out, rs.Line(Ja))
		}
		return strings.Join(out, "\n")
	}
	if got := lines("liaison"); !byID["liaison"].Suggested() || got != "山田（メンター）の評価は 2（自分は 4）: 人事への報告が月末にまとまっていた" {
		t.Errorf("連絡役 rated lower by the mentor: %v %q", byID["liaison"].Suggested(), got)
	}
	if got := lines("observation-listening"); !byID["observation-listening"].Suggested() || got != "ラウンドで決めた練習（02/10）: 週報に一言返す。" {
		t.Errorf("観察傾聴 practised from a round: %q", got)
	}
	for _, id := range []string{"purpose-elicitation", "progress-checkin"} {
		if byID[id].Suggested() || len(byID[id].Reasons) > 0 {
			t.Errorf("%s suggested: %q (rated as high by the mentor / its round practice worked)", id, lines(id))
		}
	}
}
