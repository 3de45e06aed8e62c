package tui

import (
	"slices"
	"strings"
	"testing"

	"bansou/model"
)

// TestTheCompanionTagsTheLearnersVoiceWithSkills: under what the learner
// missed, the skills its words speak to are named (会社… → 連絡役); ctrl+q
// opens the list of the skills with those checked, where the companion
// adds 目的抽出 by its number and takes 連絡役 away with space; the choice
// is shown under the answer and saved on the step.
func TestTheCompanionTagsTheLearnersVoiceWithSkills(t *testing.T) {
	h := newHarness(t, 100, 40)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "checkin")
	h.press("ctrl+r", "ctrl+n", "ctrl+n")
	if st := r.currentStep(); st.Key != "fb:"+model.FeedbackMissing {
		t.Fatalf("on %s", st.Key)
	}
	h.typeText("会社に自分の様子がどう伝わっているのか分からない")
	h.contains("関わるスキル: 連絡役")
	h.press("ctrl+q")
	h.contains("[x] 10. 連絡役")
	h.contains("[ ]  1. 目的抽出")
	h.press("1")
	h.contains("[x]  1. 目的抽出")
	for range 9 {
		h.press("down")
	}
	h.press("space")
	h.contains("[ ] 10. 連絡役")
	h.press("enter")
	h.contains("関わるスキル: 目的抽出")
	h.notContains("[ ] 10.")
	h.settle()
	st, _ := h.storedSession(r.id).Step("fb:" + model.FeedbackMissing)
	if !slices.Equal(st.Choices, []string{"purpose-elicitation"}) || !strings.Contains(st.Answer, "会社に") {
		t.Errorf("saved step: %q %q", st.Answer, st.Choices)
	}
	// Taking the last one away is a choice of none, kept as such.
	h.press("ctrl+q", "1", "esc")
	h.contains("関わるスキル: なし")
	h.settle()
	if st, _ = h.storedSession(r.id).Step("fb:" + model.FeedbackMissing); !slices.Equal(st.Choices, []string{model.NoFeedbackSkills}) {
		t.Errorf("none chosen, saved %q", st.Choices)
	}
	// The key is only for the learner's voice.
	h.press("ctrl+g", "home", "enter", "ctrl+q")
	h.notContains("関わるスキル")
}
