package report

import (
	"strings"
	"testing"
	"time"

	"bansou/content"
	"bansou/model"
)

// TestTheLearnersVoiceIsBesideTheSkillInTheCompanionsCopy: the self-review
// document sets what learners said beside each skill their conversation
// exercises, whole, in the companion's own copy; a shared copy leaves it
// out, since it is private to the companion.
func TestTheLearnersVoiceIsBesideTheSkillInTheCompanionsCopy(t *testing.T) {
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	s := model.NewSelfReview(lib.Skills, []string{"purpose-elicitation", "liaison"}, nil, model.Ja, at)
	for _, id := range []string{"purpose-elicitation", "liaison"} {
		if s, err = model.Apply(s, model.Jump{Key: "p:" + id}, at); err != nil {
			t.Fatal(err)
		}
		if s, err = model.Apply(s, model.SetValue{Value: 3}, at); err != nil {
			t.Fatal(err)
		}
	}
	long := "資料の叩き台を先に渡されたので、自分で考える前に答えが見えてしまった。次は白紙から一緒に考えたい。"
	notes := []model.FeedbackNote{{SessionID: 7, FlowID: "purpose", FlowTitle: "目的抽出", LearnerName: "山田 花子", At: at,
		Parts: map[string]string{model.FeedbackTooMuch: long}}}
	opt := Options{Lang: model.Ja, IncludePrivate: true, Location: time.UTC, Library: lib, Feedback: notes}
	md := SelfReviewMarkdown(s, nil, lib.Skills, opt)
	purpose := md[strings.Index(md, "### 目的抽出"):]
	if i := strings.Index(purpose[4:], "### "); i >= 0 {
		purpose = purpose[:i+4]
	}
	for _, want := range []string{"**本人の声（1件）（非公開）:**", "- 山田 花子（2026-11-21）", "  - 多すぎたこと: " + long} {
		if !strings.Contains(purpose, want) {
			t.Errorf("beside 目的抽出, lacks %q:\n%s", want, purpose)
		}
	}
	liaison := md[strings.Index(md, "### 連絡役"):]
	if strings.Contains(liaison[:min(len(liaison), 300)], "本人の声") {
		t.Errorf("the voice of a purpose session is beside 連絡役:\n%s", liaison)
	}
	opt.IncludePrivate = false
	if shared := SelfReviewMarkdown(s, nil, lib.Skills, opt); strings.Contains(shared, long) || strings.Contains(shared, "本人の声") {
		t.Errorf("a shared copy holds the learner's voice:\n%s", shared)
	}
}
