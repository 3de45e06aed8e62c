package plain

import (
	"context"
	"slices"
	"strings"
	"testing"

	"bansou/model"
)

// TestAccessibleTagsTheLearnersVoiceWithSkills: on what the learner
// missed, /skills lists the skills with those its words speak to marked
// (会社… → 連絡役); /skills 10 1 takes 連絡役 away and adds 目的抽出,
// through the same engine, saved on the step.
func TestAccessibleTagsTheLearnersVoiceWithSkills(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.engagement("山田 花子")
	flow, _ := f.lib.Flow("checkin")
	s, err := f.store.StartSession(ctx, model.NewSession(flow, e.ID, model.Ja, testNow))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []model.Event{model.AddFeedback{}, model.Jump{Key: "fb:" + model.FeedbackMissing},
		model.SetAnswer{Text: "会社に自分の様子がどう伝わっているのか分からない"}} {
		s, _ = model.Apply(s, ev, testNow)
	}
	if err := f.store.SaveProgress(ctx, model.ProgressOf(s, nil, true)); err != nil {
		t.Fatal(err)
	}
	out := f.run(model.Ja, "2", "1", "/skills", "/skills 10 1", "/skills 99", "/later", "q")
	for _, want := range []string{"10. 連絡役（選択済み）", "1. 目的抽出\n", "関わるスキル: 目的抽出", "スキルは 1 から 20 の番号で"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	got, _ := f.store.Session(ctx, s.ID)
	if st, _ := got.Step("fb:" + model.FeedbackMissing); !slices.Equal(st.Choices, []string{"purpose-elicitation"}) {
		t.Errorf("saved %q", st.Choices)
	}
}
