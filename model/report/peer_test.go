package report

import (
	"strings"
	"testing"
	"time"

	"bansou/content"
	"bansou/model"
)

// TestOthersRatingsBesideTheSkillInTheCompanionsCopy: the self-review
// document sets a mentor's rating since the review before beside the
// skill, with its gap to the companion's own level, and closes with what
// worked and the improvement; a shared copy leaves all of it out, as the
// rating is private to the companion.
func TestOthersRatingsBesideTheSkillInTheCompanionsCopy(t *testing.T) {
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	first := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	at := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	review := func(when time.Time, level int) model.Session {
		s := model.NewSelfReview(lib.Skills, []string{"liaison"}, nil, model.Ja, when)
		for _, ev := range []model.Event{model.Jump{Key: "p:liaison"}, model.SetValue{Value: level}} {
			if s, err = model.Apply(s, ev, when); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	earlier, s := review(first, 2), review(at, 3)
	earlier.ID, s.ID = 1, 2
	old := model.PeerRating{UID: "old", Rater: "前の評価者", Relation: model.RelationBoss, At: first.AddDate(0, 0, -10),
		Skills: []model.PeerSkill{{SkillID: "liaison", Level: 1, Evidence: "古い根拠"}}}
	mentor := model.PeerRating{UID: "m", Rater: "山田 太郎", Relation: model.RelationMentor, At: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
		Skills:      []model.PeerSkill{{SkillID: "liaison", Level: 4, Evidence: "会社への報告を毎月欠かさなかった"}},
		Worked:      "三者面談の前に論点を整理したので、本人が自分の言葉で話せた",
		Improvement: "報告が月末にまとまりがち", Alternative: "週に一度、短く知らせる", Reason: "会社側が途中の様子を知りたがっているから"}
	opt := Options{Lang: model.Ja, IncludePrivate: true, Location: time.UTC, Library: lib,
		PeerRatings: []model.PeerRating{old, mentor}}
	md := SelfReviewMarkdown(s, []model.Session{earlier}, lib.Skills, opt)
	for _, want := range []string{
		"**ほかの人の評価（1件）（非公開）:**",
		"- 山田 太郎（メンター、2026-06-01）: 4 高い（自己評価との差 +1） — 会社への報告を毎月欠かさなかった",
		"## ほかの人からのフィードバック（非公開）",
		"### 山田 太郎（メンター、2026-06-01）",
		"- うまくいっていたこと: 三者面談の前に論点を整理したので、本人が自分の言葉で話せた",
		"- 変えるとよい点: 報告が月末にまとまりがち",
		"- 代わりにどうするか: 週に一度、短く知らせる",
		"- 理由: 会社側が途中の様子を知りたがっているから",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "古い根拠") {
		t.Errorf("a rating from before the review before is in the document:\n%s", md)
	}
	opt.IncludePrivate = false
	if shared := SelfReviewMarkdown(s, []model.Session{earlier}, lib.Skills, opt); strings.Contains(shared, "山田") ||
		strings.Contains(shared, "ほかの人") {
		t.Errorf("a shared copy holds another's rating:\n%s", shared)
	}
}
