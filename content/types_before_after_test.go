package content_test

import (
	"slices"
	"strings"
	"testing"

	"bansou/model"
)

// baPrompt returns the prompt named "flow/prompt", failing the test without
// it.
func baPrompt(t *testing.T, lib *model.Library, id string) model.Prompt {
	t.Helper()
	flow, prompt, _ := strings.Cut(id, "/")
	f, ok := lib.Flow(flow)
	if !ok {
		t.Fatalf("no flow %s", flow)
	}
	p, ok := f.Prompt(prompt)
	if !ok {
		t.Fatalf("no prompt %s", id)
	}
	return p
}

// TestAnxietyCategoriesIncludeCaregiving: caring for a family member or
// raising children is a worry of its own among the anxiety ledger's
// categories, and every category id saved entries use is still there.
func TestAnxietyCategoriesIncludeCaregiving(t *testing.T) {
	p := baPrompt(t, loadEmbedded(t), "anxiety/worries")
	if p.Kind != model.KindAnxiety {
		t.Fatalf("anxiety/worries: %+v", p)
	}
	var ids []string
	for _, o := range p.Options {
		ids = append(ids, o.ID)
		if o.ID == "caregiving" && (!strings.Contains(o.Text.Ja, "介護") || !strings.Contains(o.Text.Ja, "育児") ||
			!strings.Contains(strings.ToLower(o.Text.En), "caregiving") || !strings.Contains(strings.ToLower(o.Text.En), "childcare")) {
			t.Errorf("the caregiving category reads %+v", o.Text)
		}
	}
	for _, id := range []string{"fitting-in", "skills", "evaluation", "return", "handover", "family", "caregiving", "health", "other"} {
		if !slices.Contains(ids, id) {
			t.Errorf("the categories %v lack %q", ids, id)
		}
	}
}

// TestHypothesesAndTheWillMustGap: before departure the learner names what
// they expect to find or test at the host; after return they set what they
// want beside what is asked of them, looking back on the gap they saw before
// leaving.
func TestHypothesesAndTheWillMustGap(t *testing.T) {
	lib := loadEmbedded(t)
	h := baPrompt(t, lib, "purpose/hypotheses")
	if !strings.Contains(h.Text.Ja, "確かめ") || !strings.Contains(strings.ToLower(h.Text.En), "test") || len(h.Followups) < 2 {
		t.Errorf("purpose/hypotheses does not ask what the learner will test: %+v", h)
	}
	w := baPrompt(t, lib, "reflection/will-must")
	if w.Echoes != "purpose/gap-with-org" {
		t.Errorf("reflection/will-must echoes %q", w.Echoes)
	}
	if !strings.Contains(w.Text.Ja, "やりたいこと") || !strings.Contains(w.Text.Ja, "求められ") ||
		!strings.Contains(w.Text.En, "want") || !strings.Contains(w.Text.En, "asks of you") {
		t.Errorf("reflection/will-must does not set what the learner wants beside what is asked: %+v", w.Text)
	}
}
