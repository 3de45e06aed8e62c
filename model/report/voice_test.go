package report

import (
	"strings"
	"testing"
	"time"

	"bansou/content"
	"bansou/model"
)

// TestTheLearnersVoiceIsBesideTheSkillInTheCompanionsCopy: the self-review
// document sets each part of what learners said beside the skills it speaks
// to, whole, in the companion's own copy; a shared copy leaves it out,
// since it is private to the companion.
func TestTheLearnersVoiceIsBesideTheSkillInTheCompanionsCopy(t *testing.T) {
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	rated := []string{"purpose-elicitation", "liaison", "observation-listening"}
	s := model.NewSelfReview(lib.Skills, rated, nil, model.Ja, at)
	for _, id := range rated {
		if s, err = model.Apply(s, model.Jump{Key: "p:" + id}, at); err != nil {
			t.Fatal(err)
		}
		if s, err = model.Apply(s, model.SetValue{Value: 3}, at); err != nil {
			t.Fatal(err)
		}
	}
	long := "資料の叩き台を先に渡されたので、自分で考える前に答えが見えてしまった。次は白紙から一緒に考えたい。"
	missing := "会社に自分の様子がどう伝わっているのか分からない"
	notes := []model.FeedbackNote{{SessionID: 7, FlowID: "purpose", FlowTitle: "目的抽出", LearnerName: "山田 花子", At: at,
		Parts: map[string]string{model.FeedbackTooMuch: long, model.FeedbackMissing: missing}}}
	opt := Options{Lang: model.Ja, IncludePrivate: true, Location: time.UTC, Library: lib, Feedback: notes}
	md := SelfReviewMarkdown(s, nil, lib.Skills, opt)
	section := func(title string) string {
		sec := md[strings.Index(md, "### "+title):]
		if i := strings.Index(sec[4:], "### "); i >= 0 {
			sec = sec[:i+4]
		}
		return sec
	}
	// Too much, naming no skill: where over-support points within the
	// purpose conversation (観察傾聴); missing, about the company: 連絡役.
	listening, liaison := section("観察傾聴"), section("連絡役")
	for _, want := range []string{"**本人の声（1件）（非公開）:**", "- 山田 花子（2026-11-21）", "  - 多すぎたこと: " + long} {
		if !strings.Contains(listening, want) {
			t.Errorf("beside 観察傾聴, lacks %q:\n%s", want, listening)
		}
	}
	if strings.Contains(listening, missing) {
		t.Errorf("the part about the company is beside 観察傾聴:\n%s", listening)
	}
	if !strings.Contains(liaison, missing) || strings.Contains(liaison, long) {
		t.Errorf("beside 連絡役, want the missing part alone:\n%s", liaison)
	}
	if purpose := section("目的抽出"); strings.Contains(purpose, "本人の声") {
		t.Errorf("the voice is beside 目的抽出, which no part speaks to:\n%s", purpose)
	}
	opt.IncludePrivate = false
	if shared := SelfReviewMarkdown(s, nil, lib.Skills, opt); strings.Contains(shared, long) || strings.Contains(shared, "本人の声") {
		t.Errorf("a shared copy holds the learner's voice:\n%s", shared)
	}
}
