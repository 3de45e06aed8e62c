package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// voiceSkills is goodSkills with cue words and the default skills of the
// feedback parts.
func voiceSkills() string {
	s := strings.Replace(goodSkills, "      en: Noticing small changes.\n",
		"      en: Noticing small changes.\n    voice: [気持ち, 話を聞, listen]\n", 1)
	s = strings.Replace(s, "      en: Putting purpose into words.\n",
		"      en: Putting purpose into words.\n    voice: [目的, purpose]\n", 1)
	return s + `voice:
  - part: too-much
    refs: L1961
    skills: [listening]
  - part: missing
    skills: [purpose, listening]
`
}

func TestLoadVoiceCuesAndDefaults(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": voiceSkills()})
	if errs != nil {
		t.Fatal(errs)
	}
	sk, _ := lib.Skills.Skill("listening")
	if !slices.Equal(sk.Voice, []string{"気持ち", "話を聞", "listen"}) {
		t.Errorf("listening voice = %q", sk.Voice)
	}
	if got := lib.Skills.VoiceDefaults[FeedbackMissing]; !slices.Equal(got, []string{"purpose", "listening"}) {
		t.Errorf("missing defaults = %q", got)
	}
}

func TestVoiceContentErrorsHaveFileAndLine(t *testing.T) {
	cases := []struct{ name, from, to, want string }{
		{"unknown part", "part: missing", "part: later", `skills/map.yaml:68: unknown feedback part "later" (use helped, too-much or missing)`},
		{"unknown skill", "skills: [purpose, listening]", "skills: [purpose, nosuch]", `skills/map.yaml:69: the learner's voice on "missing" names skill "nosuch", but the skill map has no such skill`},
		{"part twice", "part: missing", "part: too-much", `skills/map.yaml:68: feedback part "too-much" given twice (first at skills/map.yaml:65)`},
		{"empty cue", "voice: [目的, purpose]", "voice: [目的, '']", `skills/map.yaml:43: skill "purpose" voice: an empty cue word`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Replace(voiceSkills(), c.from, c.to, 1)
			if body == voiceSkills() {
				t.Fatal("the case changes nothing")
			}
			_, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": body})
			if errs == nil || !strings.Contains(errs.Error(), c.want) {
				t.Errorf("errors:\n%v\nwant %q", errs, c.want)
			}
		})
	}
}

func TestFeedbackSkillsFromTheWords(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": voiceSkills()})
	if errs != nil {
		t.Fatal(errs)
	}
	m := lib.Skills
	cases := []struct {
		name, part, words string
		choices, flow     []string
		want              []string
	}{
		{"a cue word", FeedbackMissing, "目的をもう一度一緒に考えたかった", nil, []string{"listening"}, []string{"purpose"}},
		{"english cue, any case", FeedbackHelped, "You LISTENED to me", nil, nil, []string{"listening"}},
		{"an english cue inside a word does not count", FeedbackHelped, "the glisten of it", nil, []string{"purpose"}, []string{"purpose"}},
		{"no cue: the part's defaults narrowed to the flow", FeedbackMissing, "もっと頻繁に来てほしかった", nil, []string{"purpose"}, []string{"purpose"}},
		{"no cue, no overlap: the defaults", FeedbackMissing, "もっと頻繁に来てほしかった", nil, []string{"other"}, []string{"purpose", "listening"}},
		{"no cue, no default: the flow's skills", FeedbackHelped, "ありがとうございました", nil, []string{"purpose"}, []string{"purpose"}},
		{"the companion's choice", FeedbackMissing, "目的をもう一度", []string{"listening"}, nil, []string{"listening"}},
		{"the companion chose none", FeedbackMissing, "目的をもう一度", []string{NoFeedbackSkills}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := m.FeedbackSkills(c.part, c.words, c.choices, c.flow)
			if !slices.Equal(got, c.want) {
				t.Errorf("FeedbackSkills = %q, want %q", got, c.want)
			}
		})
	}
}

func TestTagFeedback(t *testing.T) {
	now := time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)
	s := NewSession(&Flow{ID: "checkin", Prompts: []Prompt{{ID: "p1", Kind: KindText}}}, 1, Ja, now)
	s, err := Apply(s, AddFeedback{}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(s, TagFeedback{Skills: []string{"liaison"}}, now); err != nil {
		t.Fatal(err)
	}
	s = rate(t, s, "fb:"+FeedbackMissing, SetAnswer{Text: "会社に自分の様子がどう伝わっているのか分からない"}, TagFeedback{Skills: []string{"liaison", "progress-checkin", "liaison"}})
	st, _ := s.Step("fb:" + FeedbackMissing)
	if !slices.Equal(st.Choices, []string{"liaison", "progress-checkin"}) {
		t.Errorf("choices = %q", st.Choices)
	}
	s = rate(t, s, "fb:"+FeedbackMissing, TagFeedback{Skills: []string{}})
	if st, _ = s.Step("fb:" + FeedbackMissing); !slices.Equal(st.Choices, []string{NoFeedbackSkills}) {
		t.Errorf("none chosen: choices = %q", st.Choices)
	}
	s = rate(t, s, "fb:"+FeedbackMissing, TagFeedback{Auto: true})
	if st, _ = s.Step("fb:" + FeedbackMissing); st.Choices != nil {
		t.Errorf("automatic: choices = %q", st.Choices)
	}
	// Tags alone are not an answer.
	s = rate(t, s, "fb:"+FeedbackHelped, TagFeedback{Skills: []string{"liaison"}})
	if st, _ = s.Step("fb:" + FeedbackHelped); st.Answered() {
		t.Error("a feedback step with tags and no words counts as answered")
	}
	s2, err := Apply(s, Jump{Key: "p:p1"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(s2, TagFeedback{Skills: []string{"liaison"}}, now); err == nil {
		t.Error("tags were put on a step that is not the learner's feedback")
	}
}
