package model

import (
	"strings"
	"testing"
	"time"
)

// A valid skills file with two skills; tests break it in one place.
const goodSkills = `skills:
  - id: listening
    group: across
    refs: L2252
    name:
      ja: 観察傾聴
      en: Observation and listening
    definition:
      ja: 小さな変化に気づく力。
      en: Noticing small changes.
    levels:
      5:
        ja: 五
        en: five
      4:
        ja: 四
        en: four
      3:
        ja: 三
        en: three
      2:
        ja: 二
        en: two
      1:
        ja: 一
        en: one
    methods:
      - title:
          ja: 観察の記録
          en: Observation log
        text:
          ja: 気づいたことを書き留める。
          en: Note what you notice.
  - id: purpose
    group: before
    name:
      ja: 目的抽出
      en: Purpose
    definition:
      ja: 目的を言葉にする力。
      en: Putting purpose into words.
    levels:
      5: {ja: い, en: a}
      4: {ja: ろ, en: b}
      3: {ja: は, en: c}
      2: {ja: に, en: d}
      1: {ja: ほ, en: e}
    methods:
      - title: {ja: 問い, en: Questions}
        text: {ja: 問いを磨く。, en: Refine questions.}
balance:
  - id: over-ahead
    name:
      ja: 先回り
      en: Ahead
    text:
      ja: 先回りする。害がある。
      en: Doing it first. It harms.
    question:
      ja: どんな場面で？
      en: When did it happen?
`

func TestLoadSkillMap(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": goodSkills})
	if errs != nil {
		t.Fatal(errs)
	}
	m := lib.Skills
	if m == nil || len(m.Skills) != 2 || len(m.Balance) != 1 {
		t.Fatalf("map = %+v", m)
	}
	// Ordered by group: before comes ahead of across whatever the file says.
	if got := strings.Join(m.IDs(), ","); got != "purpose,listening" {
		t.Errorf("order = %s", got)
	}
	s, _ := m.Skill("listening")
	if s.Level(5).Ja != "五" || s.Level(1).En != "one" || s.Level(0) != (Text{}) {
		t.Errorf("levels = %+v", s.Levels)
	}
	if s.ByType != nil {
		t.Errorf("by-type = %+v", s.ByType)
	}
	if LevelName(5, Ja) != "非常に高い" || LevelName(1, En) != "very low" || LevelName(6, Ja) != "" {
		t.Error("level names")
	}
	if _, ok := lib.Flow(SelfReviewFlowID); !ok {
		t.Error("the self-review flow is not known by id")
	}
	for _, f := range lib.Flows {
		if f.ID == SelfReviewFlowID {
			t.Error("the self-review flow is listed among the conversation flows")
		}
	}
}

func TestLoadWithoutSkillsFolder(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow})
	if errs != nil || lib.Skills != nil {
		t.Fatalf("errs = %v, skills = %v", errs, lib.Skills)
	}
}

func TestSkillMapErrorsHaveFileAndLine(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"missing level", "      3:\n        ja: 三\n        en: three\n", "", "skills/map.yaml:11: skill \"listening\" is missing level 3"},
		{"same level twice", "        ja: 四\n", "        ja: 五\n", "skills/map.yaml:12: skill \"listening\": level 5 says the same as level 4 (ja)"},
		{"unknown group", "group: across", "group: sometimes", "skills/map.yaml:3: skill \"listening\": unknown group \"sometimes\""},
		{"missing english", "      en: Noticing small changes.\n", "", "skills/map.yaml:8: skill \"listening\" definition is missing its en text"},
		{"bad yaml", "    levels:\n      5:\n        ja: 五", "    levels:\n      5:\n      ja: [", "skills/map.yaml:12: not valid YAML"},
		{"unknown key", "    refs: L2252\n", "    refs: L2252\n    colour: red\n", "skills/map.yaml:5: unknown key \"colour\" in skill"},
		{"focus without caution", "        text: {ja: 問いを磨く。, en: Refine questions.}\n", "        text: {ja: 問いを磨く。, en: Refine questions.}\n    by-type:\n      host:\n        focus: {ja: 受け入れの面接で動機を聞く, en: Ask the motive in the host interview}\n",
			"skills/map.yaml:53: skill \"purpose\" for host caution is missing (needs ja and en)"},
		{"duplicate balance item", "      en: When did it happen?\n", "      en: When did it happen?\n  - id: over-ahead\n    name: {ja: 重複, en: Again}\n    text: {ja: 重複, en: Again}\n    question: {ja: いつ, en: When}\n",
			"skills/map.yaml:62: duplicate balance id \"over-ahead\" (first defined in skills/map.yaml)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Replace(goodSkills, c.from, c.to, 1)
			if body == goodSkills {
				t.Fatal("the case changes nothing")
			}
			_, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": body})
			if !strings.Contains(errs.Error(), c.want) {
				t.Errorf("errors:\n%v\nwant %q", errs, c.want)
			}
		})
	}
}

func TestFlowNamingAnUnknownSkill(t *testing.T) {
	flow := strings.Replace(goodFlow, "phase: before\n", "phase: before\nskills: [purpose, nosuch]\n", 1)
	_, errs := load(t, map[string]string{"flows/purpose.yaml": flow, "skills/map.yaml": goodSkills})
	want := `flows/purpose.yaml:3: flow "purpose" names skill "nosuch", but the skill map has no such skill`
	if !strings.Contains(errs.Error(), want) {
		t.Errorf("errors:\n%v\nwant %q", errs, want)
	}
}

func testMap(t *testing.T) *SkillMap {
	t.Helper()
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": goodSkills})
	if errs != nil {
		t.Fatal(errs)
	}
	return lib.Skills
}

// rate applies events to the step with key.
func rate(t *testing.T, s Session, key string, evs ...Event) Session {
	t.Helper()
	var err error
	if s, err = Apply(s, Jump{Key: key}, s.StartedAt); err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if s, err = Apply(s, ev, s.StartedAt.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestSelfReviewSteps(t *testing.T) {
	m := testMap(t)
	day := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	first := NewSelfReview(m, []string{"listening"}, nil, Ja, day)
	var keys []string
	for _, st := range first.Steps {
		keys = append(keys, st.Key)
	}
	if got := strings.Join(keys, " "); got != "p:listening p:balance-over-ahead p:focus" {
		t.Fatalf("steps = %s", got)
	}
	if first.EngagementID != 0 || first.Mode != Solo || !first.IsSelfReview() || first.FlowTitle != "スキルの振り返り" {
		t.Errorf("session = %+v", first)
	}
	first = rate(t, first, "p:listening", SetValue{Value: 2}, SetTarget{Level: 4}, SetAnswer{Text: "面談で沈黙を待てなかった。"})
	first = rate(t, first, "p:focus", SetChoices{IDs: []string{"listening"}}, SetAnswer{Text: "毎回、最初の5分は聞くだけにする。"})
	if _, err := Apply(first, SetTarget{Level: 6}, day); err == nil {
		t.Error("a target of 6 was accepted")
	}

	second := NewSelfReview(m, []string{"purpose", "listening"}, &first, Ja, day.AddDate(0, 3, 0))
	st := second.Steps[0]
	if st.Kind != StepPractice || st.PromptID != "listening" || second.CurrentKey != st.Key {
		t.Fatalf("first step = %+v", st)
	}
	if !strings.Contains(st.Question, "毎回、最初の5分は聞くだけにする。") || !strings.Contains(st.Title, "観察傾聴") {
		t.Errorf("practice step does not quote the plan: %+v", st)
	}
	if second.Steps[1].PromptID != "purpose" || second.Steps[2].PromptID != "listening" {
		t.Errorf("skills not in the map's order: %+v", second.Steps[1:3])
	}
}

func TestHistoryAndChange(t *testing.T) {
	m := testMap(t)
	day := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	r1 := NewSelfReview(m, m.IDs(), nil, Ja, day)
	r1.ID = 1
	r1 = rate(t, r1, "p:listening", SetValue{Value: 2}, SetAnswer{Text: "沈黙を待てなかった"})
	r1 = rate(t, r1, "p:purpose", SetValue{Value: 3})
	r2 := NewSelfReview(m, []string{"listening"}, &r1, Ja, day.AddDate(0, 3, 0))
	r2.ID = 2
	r2 = rate(t, r2, "p:listening", SetValue{Value: 4}, SetTarget{Level: 5})
	r3 := NewSelfReview(m, []string{"purpose"}, &r2, Ja, day.AddDate(0, 6, 0))
	r3.ID = 3
	r3 = rate(t, r3, "p:purpose", SetValue{Value: 2})

	// Given out of order, the history is by date.
	h := HistoryOf([]Session{r3, r1, r2})
	if len(h) != 3 || h[0].SessionID != 1 || h[2].SessionID != 3 {
		t.Fatalf("history = %+v", h)
	}
	if r := h[1].Ratings["listening"]; r.Level != 4 || r.Target != 5 {
		t.Errorf("review 2 listening = %+v", r)
	}
	if _, rated := h[1].Ratings["purpose"]; rated {
		t.Error("review 2 did not rate purpose")
	}
	if c := h.ChangeAt(1, "listening"); c.Previous != 2 || c.Current != 4 || c.Delta() != 2 || !c.Since.Equal(day) {
		t.Errorf("listening change = %+v", c)
	}
	// Review 3 skipped listening: no change to show, and the latest
	// rating is still review 2's.
	if c := h.ChangeAt(2, "listening"); c.Current != 0 || c.Delta() != 0 {
		t.Errorf("listening change at 3 = %+v", c)
	}
	if r, at := h.Latest(2, "listening"); r.Level != 4 || at != 1 {
		t.Errorf("latest listening = %+v at %d", r, at)
	}
	// Purpose skipped review 2: the change at 3 compares with review 1.
	if c := h.ChangeAt(2, "purpose"); c.Previous != 3 || c.Current != 2 || c.Delta() != -1 {
		t.Errorf("purpose change = %+v", c)
	}
	if c := h.ChangeAt(0, "purpose"); c.Previous != 0 || c.Delta() != 0 {
		t.Errorf("first rating has a change: %+v", c)
	}
}

func TestAddFeedback(t *testing.T) {
	lib, _ := load(t, map[string]string{"flows/purpose.yaml": goodFlow})
	f, _ := lib.Flow("purpose")
	s := NewSession(f, 7, En, time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC))
	s, err := Apply(s, AddFeedback{}, s.StartedAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Steps) != 5 || s.CurrentKey != "fb:helped" {
		t.Fatalf("steps = %d, current %s", len(s.Steps), s.CurrentKey)
	}
	for _, st := range s.Steps[2:] {
		if st.Kind != StepFeedback || !st.AnswerPrivate || st.Question == "" {
			t.Errorf("feedback step = %+v", st)
		}
	}
	s = rate(t, s, "fb:too-much", SetAnswer{Text: "Too many reminders."})
	s, _ = Apply(s, Jump{Key: "p:achieve"}, s.StartedAt)
	// Adding it again moves to it and adds nothing.
	s, _ = Apply(s, AddFeedback{}, s.StartedAt)
	if len(s.Steps) != 5 || s.CurrentKey != "fb:helped" {
		t.Errorf("second add: %d steps, current %s", len(s.Steps), s.CurrentKey)
	}
	parts, ok := FeedbackOf(s)
	if !ok || parts[FeedbackTooMuch] != "Too many reminders." || len(parts) != 1 {
		t.Errorf("feedback = %v", parts)
	}
}

func TestPracticeSource(t *testing.T) {
	m := testMap(t)
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	r1 := NewSelfReview(m, m.IDs(), nil, Ja, day)
	r1 = rate(t, r1, "p:focus", SetChoices{IDs: []string{"purpose"}})
	// A later review left without a choice does not hide r1's.
	r2 := NewSelfReview(m, m.IDs(), nil, Ja, day.AddDate(0, 1, 0))
	if src := PracticeSource([]Session{r2, r1}); src == nil || !src.StartedAt.Equal(day) {
		t.Fatalf("source = %v", src)
	}
	// Once a review has asked about the practice, it is not asked again.
	r3 := NewSelfReview(m, m.IDs(), &r1, Ja, day.AddDate(0, 2, 0))
	if src := PracticeSource([]Session{r1, r2, r3}); src != nil {
		t.Errorf("asked again: %v", src.StartedAt)
	}
	if src := PracticeSource(nil); src != nil {
		t.Error("a source without reviews")
	}
}

func TestQuestionsAddedToFeedbackStayPrivate(t *testing.T) {
	lib, _ := load(t, map[string]string{"flows/purpose.yaml": goodFlow})
	f, _ := lib.Flow("purpose")
	s := NewSession(f, 7, Ja, time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC))
	s = rate(t, s, "p:achieve", AddFeedback{}, DigDeeper{Text: "具体的には？"})
	if st, _ := s.Current(); st.Kind != StepFollowup || !st.AnswerPrivate {
		t.Errorf("follow-up on feedback = %+v", st)
	}
	s = rate(t, s, "fb:missing", AddQuestion{Text: "ほかには？"})
	if st, _ := s.Current(); st.Kind != StepOwn || !st.AnswerPrivate {
		t.Errorf("own question in feedback = %+v", st)
	}
	s = rate(t, s, "p:achieve", DigDeeper{Text: "なぜ？"})
	if st, _ := s.Current(); st.AnswerPrivate {
		t.Errorf("an ordinary follow-up became private: %+v", st)
	}
}

func TestASkillsFocusForEachType(t *testing.T) {
	body := strings.Replace(goodSkills, "        text: {ja: 問いを磨く。, en: Refine questions.}\n", `        text: {ja: 問いを磨く。, en: Refine questions.}
    by-type:
      host:
        focus: {ja: 受け入れの面接で、なぜ当社なのかを聞く, en: In the host interview ask why this organisation}
        caution: {ja: 目先の人手として見ないこと, en: Do not see the learner as short-term labour}
        refs: L2359
`, 1)
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": body})
	if errs != nil {
		t.Fatal(errs)
	}
	s, _ := lib.Skills.Skill("purpose")
	host, ok := s.ByType[Host]
	if !ok || host.Focus.Ja != "受け入れの面接で、なぜ当社なのかを聞く" || host.Caution.En != "Do not see the learner as short-term labour" || host.Refs != "L2359" {
		t.Fatalf("host focus = %+v", s.ByType)
	}
	if _, ok := s.ByType[Sending]; ok {
		t.Fatal("a type not written has a focus")
	}
}
