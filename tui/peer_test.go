package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// storePeerRating saves a mentor's rating of purpose elicitation.
func storePeerRating(t *testing.T, h *harness, at time.Time, level int, evidence string) {
	t.Helper()
	r := model.PeerRating{UID: model.NewID(), Rater: "山田", Relation: model.RelationMentor, Lang: model.Ja, At: at,
		Skills:      []model.PeerSkill{{SkillID: "purpose-elicitation", Level: level, Evidence: evidence}},
		Worked:      "三者面談の前に論点を整理したので、本人が自分の言葉で話せた",
		Improvement: "面談の最後に自分の案を先に出していた", Alternative: "先に本人の案を聞く", Reason: "自分で決めた感覚が残るから"}
	if _, err := h.store.SavePeerRating(context.Background(), r); err != nil {
		t.Fatal(err)
	}
}

// TestThePeerRatingBesideTheSelfRating: a mentor's imported rating shows
// on the skill page beside the companion's own level, with who, the
// relation, the evidence and the gap; the grid gains a column with the
// latest other rating.
func TestThePeerRatingBesideTheSelfRating(t *testing.T) {
	h := newHarness(t, 100, 30)
	storeReview(t, h, time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC), map[string]int{"purpose-elicitation": 3}, nil, "")
	storePeerRating(t, h, time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), 4, "なぜを重ねて本人の動機を言葉にしていた")
	h.press("s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	h.contains("山田（メンター） 4 — なぜを重ねて本人の動機を言葉にしていた")
	h.contains("自己評価との差 +1")
	h.contains("06/01")
	if !strings.Contains(h.screen(), "他") {
		t.Errorf("no column for the others' rating:\n%s", h.screen())
	}
	row := lineWith(t, h.screen(), "目的抽出")
	if !strings.Contains(row, "4") {
		t.Errorf("the latest other rating is not on the row: %q", row)
	}
}

// TestOthersWordsAreReadOnTheSkillPage: what a rater said beyond the
// levels (what worked, one thing to change with what to do instead and
// why) is read from the skill page with o, before any review of one's own;
// the page shows the rating of the selected skill even then.
func TestOthersWordsAreReadOnTheSkillPage(t *testing.T) {
	h := newHarness(t, 100, 30)
	storePeerRating(t, h, time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), 4, "なぜを重ねて本人の動機を言葉にしていた")
	h.press("s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	h.contains("山田（メンター） 4 — なぜを重ねて本人の動機を言葉にしていた")
	h.press("o")
	h.waitUntil("the ratings document", func() bool { return strings.Contains(h.screen(), "三者面談の前に論点を整理したので") })
	for _, want := range []string{"うまくいっていたこと", "変えるとよい点", "先に本人の案を聞く", "自分で決めた感覚が残るから", "目的抽出: 4 高い"} {
		h.contains(want)
	}
	h.press("esc")
	h.waitUntil("back to the chart", func() bool { _, ok := h.top().(*skillsScreen); return ok })
}

// TestNoRatingsNoKeyToReadThem: with no one's rating, o does nothing on
// the skill page and is not offered.
func TestNoRatingsNoKeyToReadThem(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.press("s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	h.press("o")
	if _, ok := h.top().(*skillsScreen); !ok {
		t.Fatalf("o left the skill page with no ratings: %T", h.top())
	}
	if strings.Contains(h.screen(), "ほかの人の評価を読む") {
		t.Errorf("the key is offered with no ratings:\n%s", h.screen())
	}
}
