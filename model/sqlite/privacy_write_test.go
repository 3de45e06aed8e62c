package sqlite

import (
	"context"
	"slices"
	"testing"
	"time"

	"bansou/model"
)

// TestAPrivateChoiceOrPointIsReadByItsHolderOnly: the options Alice chose
// and the point she gave, in answers she keeps private, are her words as
// much as a written answer: Bob, a fellow member, reads the steps without
// them.
func TestAPrivateChoiceOrPointIsReadByItsHolderOnly(t *testing.T) {
	base, c := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice := base.As(p.alice)
	defer alice.Close()
	eng, err := alice.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	if err := alice.AddMember(ctx, eng.ID, p.bob.ID, model.Host); err != nil {
		t.Fatal(err)
	}
	sess := model.NewSession(flow(), eng.ID, model.Ja, clock)
	sess.Steps = append(sess.Steps,
		model.Step{Key: "p:worry", Kind: model.StepPrompt, AnswerKind: model.KindMulti, PromptID: "worry", Title: "気がかり",
			Choices: []string{"家族の介護", "体調"}, AnswerPrivate: true},
		model.Step{Key: "p:mood", Kind: model.StepPrompt, AnswerKind: model.KindScale, PromptID: "mood", Title: "調子",
			Value: 1, Target: 2, AnswerPrivate: true},
		model.Step{Key: "p:open", Kind: model.StepPrompt, AnswerKind: model.KindChoice, PromptID: "open", Title: "共有してよいこと",
			Choices: []string{"仕事の進め方"}, Value: 4})
	if sess, err = alice.StartSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	c.set(clock.Add(time.Hour))

	bob := base.As(p.bob)
	defer bob.Close()
	got, err := bob.Session(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"p:worry", "p:mood"} {
		st, _ := got.Step(key)
		if len(st.Choices) != 0 || st.Value != 0 || st.Target != 0 {
			t.Errorf("Bob reads Alice's private %s: choices %q, point %d, target %d", key, st.Choices, st.Value, st.Target)
		}
	}
	if st, _ := got.Step("p:open"); !slices.Equal(st.Choices, []string{"仕事の進め方"}) || st.Value != 4 {
		t.Errorf("Bob does not read Alice's shared choice: %q %d", st.Choices, st.Value)
	}
	mine, err := alice.Session(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := mine.Step("p:worry"); !slices.Equal(st.Choices, []string{"家族の介護", "体調"}) {
		t.Errorf("Alice does not read her own choices: %q", st.Choices)
	}
	if st, _ := mine.Step("p:mood"); st.Value != 1 || st.Target != 2 {
		t.Errorf("Alice does not read her own point: %d %d", st.Value, st.Target)
	}
}
