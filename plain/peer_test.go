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
