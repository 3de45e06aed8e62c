package content_test

import (
	"slices"
	"testing"

	"bansou/model"
)

// checkinSkills are the skills the check-in flow exercises.
func checkinSkills(t *testing.T, lib *model.Library) []string {
	t.Helper()
	f, ok := lib.Flow("checkin")
	if !ok || len(f.Skills) != 6 || slices.Contains(f.Skills, "liaison") {
		t.Fatalf("the check-in flow's skills changed: %q", f.Skills)
	}
	return f.Skills
}

// TestLearnersVoiceReachesTheSkillItSpeaksTo: what a learner missed in a
// check-in, said in words about the sending company, reaches 連絡役 and
// none of the six skills a check-in exercises; a note on a skill carries
// only the parts that reach it.
func TestLearnersVoiceReachesTheSkillItSpeaksTo(t *testing.T) {
	lib := loadEmbedded(t)
	note := model.FeedbackNote{SessionID: 3, FlowID: "checkin", LearnerName: "山田 花子", Parts: map[string]string{
		model.FeedbackHelped:  "ありがとうございました",
		model.FeedbackMissing: "会社に自分の様子がどう伝わっているのか分からない",
	}}
	if got := lib.FeedbackSkills(note, model.FeedbackMissing); !slices.Equal(got, []string{"liaison"}) {
		t.Errorf("the missing part reaches %q, want only liaison", got)
	}
	got := lib.FeedbackFor([]model.FeedbackNote{note}, "liaison")
	if len(got) != 1 || got[0].Parts[model.FeedbackMissing] == "" || got[0].Parts[model.FeedbackHelped] != "" {
		t.Errorf("on liaison: %+v, want the missing part alone", got)
	}
	for _, id := range checkinSkills(t, lib) {
		for _, n := range lib.FeedbackFor([]model.FeedbackNote{note}, id) {
			if n.Parts[model.FeedbackMissing] != "" {
				t.Errorf("the missing part is shown on %s", id)
			}
		}
	}
}

// TestTooMuchWithoutCueWordsReachesTheOverSupportSkills: words naming no
// skill go where the guideline points over-support (代案提示, 観察傾聴),
// and under-support to those of the flow (進捗確認; 連絡役 is not a
// check-in skill).
func TestTooMuchWithoutCueWordsReachesTheOverSupportSkills(t *testing.T) {
	lib := loadEmbedded(t)
	checkinSkills(t, lib)
	note := model.FeedbackNote{FlowID: "checkin", Parts: map[string]string{
		model.FeedbackTooMuch: "資料の叩き台を先に渡されて、自分で考える前に決まってしまった",
		model.FeedbackMissing: "もう少し早く声をかけてほしかった",
	}}
	if got := lib.FeedbackSkills(note, model.FeedbackTooMuch); !slices.Equal(got, []string{"offering-alternatives", "observation-listening"}) {
		t.Errorf("too much reaches %q", got)
	}
	if got := lib.FeedbackSkills(note, model.FeedbackMissing); !slices.Equal(got, []string{"progress-checkin"}) {
		t.Errorf("missing reaches %q", got)
	}
	// Outside any flow, the defaults as they are.
	note.FlowID = ""
	if got := lib.FeedbackSkills(note, model.FeedbackMissing); !slices.Equal(got, []string{"progress-checkin", "liaison"}) {
		t.Errorf("missing outside a flow reaches %q", got)
	}
}

// TestEverySkillHasVoiceCues: each skill names the learner's words that
// point at it, in Japanese and in English.
func TestEverySkillHasVoiceCues(t *testing.T) {
	lib := loadEmbedded(t)
	for _, s := range lib.Skills.Skills {
		var ja, en bool
		for _, c := range s.Voice {
			if c[0] < 0x80 {
				en = true
			} else {
				ja = true
			}
		}
		if !ja || !en {
			t.Errorf("%s: voice cues %q, want Japanese and English", s.ID, s.Voice)
		}
	}
}
