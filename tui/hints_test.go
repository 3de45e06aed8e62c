package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"bansou/model"
)

// hintText is the hint area of a step as plain text on one line.
func hintText(r *runner, st model.Step) string {
	var b strings.Builder
	for _, l := range r.hintLines(st, 200) {
		b.WriteString(strings.TrimSpace(ansi.Strip(l)))
	}
	return b.String()
}

// TestStepsWithoutAPromptGetTheirOwnHint: the learner's feedback on the
// support is taken in without a rebuttal, open worries and actions are
// asked about as they stand; only a question of the companion's own keeps
// the hint to ask back before answering.
func TestStepsWithoutAPromptGetTheirOwnHint(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "purpose")
	const askBack = "まず問い返しましょう"

	h.press("ctrl+r")
	st := r.currentStep()
	if st.Kind != model.StepFeedback {
		t.Fatalf("current step = %+v", st)
	}
	if got := hintText(r, st); strings.Contains(got, askBack) || !strings.Contains(got, "反論") {
		t.Errorf("feedback hint = %q", got)
	}
	for _, c := range []struct {
		kind model.StepKind
		want string
	}{
		{model.StepAnxieties, "時間がたった"},
		{model.StepActions, "点検"},
		{model.StepOwn, askBack},
	} {
		got := hintText(r, model.Step{Key: "x:" + string(c.kind), Kind: c.kind})
		if !strings.Contains(got, c.want) || c.kind != model.StepOwn && strings.Contains(got, askBack) {
			t.Errorf("%s hint = %q", c.kind, got)
		}
	}
}
