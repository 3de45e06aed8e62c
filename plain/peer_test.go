package plain

import (
	"context"
	"strings"
	"testing"

	"bansou/model"
)

// TestAccessibleSkillHistorySaysOthersRatings: a mentor's imported rating
// is said after the companion's own levels of the skill, with who, the
// level, the gap to the latest self-rating and the evidence.
func TestAccessibleSkillHistorySaysOthersRatings(t *testing.T) {
	f := newFixture(t)
	f.heldReview(day(2026, 4, 1), nil, 2, 0)
	if _, err := f.store.SavePeerRating(context.Background(), model.PeerRating{UID: "m1", Rater: "山田 太郎",
		Relation: model.RelationMentor, Lang: model.Ja, At: day(2026, 5, 10),
		Skills: []model.PeerSkill{{SkillID: "observation-listening", Level: 4, Evidence: "沈黙を急いで埋めず、本人が話し出すのを待っていた"}}}); err != nil {
		t.Fatal(err)
	}
	out := f.run(model.Ja, "8", "5", "", "", "q")
	got := after(out)
	want := "観察傾聴: 2026-04-01 に 2（低い）\nほかの人の評価: 山田 太郎（メンター）、2026-05-10 に 4（高い）。自己評価との差 +2。根拠: 沈黙を急いで埋めず、本人が話し出すのを待っていた\n"
	if !strings.Contains(got, want) {
		t.Errorf("lacks %q:\n%s", want, got)
	}
	checkSpoken(t, got)
}

// TestAccessibleReadsWhatOthersSaid: the skill history offers the ratings
// as a document read in words — what worked, the one thing to change with
// what to do instead and why — and offers it even before any review of
// one's own.
func TestAccessibleReadsWhatOthersSaid(t *testing.T) {
	f := newFixture(t)
	if _, err := f.store.SavePeerRating(context.Background(), model.PeerRating{UID: "m2", Rater: "山田 太郎",
		Relation: model.RelationMentor, Lang: model.Ja, At: day(2026, 5, 10),
		Skills:      []model.PeerSkill{{SkillID: "liaison", Level: 2, Evidence: "人事への報告が月末にまとまって届いていた"}},
		Worked:      "初回面談で本人の言葉をそのまま書き留め、目的が本人のものになった",
		Improvement: "報告が月末にまとまる", Alternative: "週に一度、短く伝える", Reason: "本人の様子が早く伝わるから"}); err != nil {
		t.Fatal(err)
	}
	out := f.run(model.Ja, "8", "5", "1", "", "", "q")
	got := after(out)
	for _, want := range []string{"スキルの自己評価はまだありません。", "1. ほかの人の評価を読む（1 件）",
		"初回面談で本人の言葉をそのまま書き留め、目的が本人のものになった", "週に一度、短く伝える", "本人の様子が早く伝わるから",
		"人事への報告が月末にまとまって届いていた"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	checkSpoken(t, got)
}
