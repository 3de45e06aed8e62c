package tui

import (
	"context"
	"slices"
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

// TestEachKindOfCompanionReadsHintsThatFitThem: a companion who said on the
// engagement that they are at the host is asked the host's version of a
// check-in prompt and reads the host's hints; a third party reads theirs;
// the sending side reads the prompt as written. f4 shows another type's
// version on request, saying whose it is, and comes back to their own.
func TestEachKindOfCompanionReadsHintsThatFitThem(t *testing.T) {
	lib := newHarness(t, 60, 20).app.env.lib
	f, _ := lib.Flow("checkin")
	p, _ := f.Prompt("host-manager")
	for _, c := range []struct {
		me   model.CompanionType
		name string
	}{{model.Host, "越境先"}, {model.ThirdParty, "第三者"}, {model.Sending, "所属組織"}} {
		t.Run(string(c.me), func(t *testing.T) {
			h := newHarness(t, 120, 40)
			e := h.seed()
			e.MyType = c.me
			if _, err := h.store.UpdateEngagement(context.Background(), e); err != nil {
				t.Fatal(err)
			}
			h.send(refreshMsg{})
			h.press("enter")
			r := openFlow(t, h, "checkin")
			jumpTo(t, h, r, "p:host-manager")
			st := r.currentStep()
			mine := p.For(c.me)
			if st.Question != mine.Text.Ja {
				t.Errorf("asked %q, want the %s version %q", st.Question, c.me, mine.Text.Ja)
			}
			hint := hintText(r, st)
			if !strings.Contains(hint, head(mine.Avoid.Ja, 30)) || !strings.Contains(hint, c.name+" の伴走者向けのヒント") {
				t.Errorf("hints = %q", hint)
			}
			for _, other := range model.CompanionTypes {
				if o := p.For(other).Avoid.Ja; o != mine.Avoid.Ja && strings.Contains(hint, head(o, 30)) {
					t.Errorf("a %s companion reads the %s hint: %q", c.me, other, hint)
				}
			}
			h.contains(c.name + " の伴走者向けのヒント")

			// Another side's, on request, then back to their own.
			h.press("f4")
			next := model.CompanionTypes[(slices.Index(model.CompanionTypes, c.me)+1)%3]
			hint = hintText(r, st)
			if !strings.Contains(hint, head(p.For(next).Avoid.Ja, 30)) || !strings.Contains(hint, "を表示中。あなたは "+c.name) {
				t.Errorf("after f4, hints = %q", hint)
			}
			if q := p.For(next).Text.Ja; q != st.Question && !strings.Contains(hint, "この立場なら: "+head(q, 20)) {
				t.Errorf("after f4, the other side's question is not shown: %q", hint)
			}
			h.press("f4", "f4")
			if hint = hintText(r, st); !strings.Contains(hint, head(mine.Avoid.Ja, 30)) {
				t.Errorf("after going round, hints = %q", hint)
			}
		})
	}
}

// head is the first n characters of s.
func head(s string, n int) string { return string([]rune(s)[:min(n, len([]rune(s)))]) }
