package sqlite

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"bansou/model"
)

// TestTheSkillsOfTheLearnersVoiceAreTheCompanionsOwn: the skills Alice
// tagged a part of the learner's feedback with are saved with it and read
// back by her, beside the words; Bob, a fellow member, reads the session
// without them, as he reads it without the private words; tags alone do
// not make a step answered.
func TestTheSkillsOfTheLearnersVoiceAreTheCompanionsOwn(t *testing.T) {
	_, alice, bob, e := aliceAndBob(t)
	ctx := context.Background()
	sess, err := alice.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []model.Event{model.AddFeedback{}, model.Jump{Key: "fb:" + model.FeedbackMissing},
		model.SetAnswer{Text: "会社に自分の様子がどう伝わっているのか分からない"},
		model.TagFeedback{Skills: []string{"liaison", "progress-checkin"}},
		model.Jump{Key: "fb:" + model.FeedbackTooMuch}, model.TagFeedback{Skills: nil}} {
		if sess, err = model.Apply(sess, ev, clock); err != nil {
			t.Fatal(err)
		}
	}
	if err := alice.SaveProgress(ctx, model.ProgressOf(sess, nil, true)); err != nil {
		t.Fatal(err)
	}
	notes, err := alice.Feedback(ctx)
	if err != nil || len(notes) != 1 {
		t.Fatalf("Alice's feedback: %+v, %v", notes, err)
	}
	if got := notes[0].Tags[model.FeedbackMissing]; !slices.Equal(got, []string{"liaison", "progress-checkin"}) {
		t.Errorf("Alice reads the tags %q", got)
	}
	mine, _ := alice.Session(ctx, sess.ID)
	if st, _ := mine.Step("fb:" + model.FeedbackTooMuch); !slices.Equal(st.Choices, []string{model.NoFeedbackSkills}) {
		t.Errorf("the choice of no skill reads back as %q", st.Choices)
	}
	got, err := bob.Session(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{model.FeedbackMissing, model.FeedbackTooMuch} {
		if st, _ := got.Step("fb:" + part); st.Answer != "" || len(st.Choices) != 0 {
			t.Errorf("Bob reads Alice's private %s: %q %q", part, st.Answer, st.Choices)
		}
	}
	list, err := alice.Sessions(ctx, e.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("sessions: %+v, %v", list, err)
	}
	if list[0].Answered != 1 {
		t.Errorf("%d steps answered, want 1 (tags are not an answer)", list[0].Answered)
	}
}

// TestTheSkillsOfTheLearnersVoiceSurviveExportAndImport: a part tagged
// with the companion's skills, and one tagged with none, come back from an
// export the same.
func TestTheSkillsOfTheLearnersVoiceSurviveExportAndImport(t *testing.T) {
	src, _ := openTemp(t)
	ctx := context.Background()
	e, err := src.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	sess, err := src.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []model.Event{model.AddFeedback{}, model.SetAnswer{Text: "話を最後まで聞いてもらえた"},
		model.TagFeedback{Skills: []string{}}, model.Jump{Key: "fb:" + model.FeedbackMissing},
		model.SetAnswer{Text: "会社に自分の様子がどう伝わっているのか分からない"},
		model.TagFeedback{Skills: []string{"liaison", "internal-pr"}}} {
		if sess, err = model.Apply(sess, ev, clock); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.SaveProgress(ctx, model.ProgressOf(sess, nil, true)); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(exportAll(t, src))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := model.ParseExport(data)
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := openTemp(t)
	if _, err := dst.Import(ctx, doc, model.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	notes, err := dst.Feedback(ctx)
	if err != nil || len(notes) != 1 {
		t.Fatalf("imported feedback: %+v, %v", notes, err)
	}
	want := map[string][]string{model.FeedbackHelped: {model.NoFeedbackSkills}, model.FeedbackMissing: {"liaison", "internal-pr"}}
	if !reflect.DeepEqual(notes[0].Tags, want) {
		t.Errorf("imported tags %q, want %q", notes[0].Tags, want)
	}
}
