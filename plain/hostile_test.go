package plain

import (
	"context"
	"strconv"
	"strings"
	"testing"

	records "bansou/internal/fixture"
	"bansou/internal/hostile"
	"bansou/model"
)

// TestAccessibleShowsEveryRecordHarmlessly fills the database with control
// sequences in every kind of record, and the content with them too, then
// goes through the accessible mode: every session left in progress step by
// step with its list of steps (answers, notes, follow-ups, own questions,
// worries with their plans and statuses, actions, the agreement, a
// self-review's practice questions, a round's carried next actions), a new
// session that brings back the worries and actions, a new self-review and
// a new round with the last participants and a case card. Nothing in the
// transcript is a sequence a terminal acts on.
func TestAccessibleShowsEveryRecordHarmlessly(t *testing.T) {
	f := newFixture(t)
	records.Content(f.lib, hostile.Text)
	if _, err := records.Fill(context.Background(), f.store, f.lib, func(fd records.Field) string { return hostile.Text(fd.Name) }); err != nil {
		t.Fatal(err)
	}
	var in []string
	for i := 1; i <= 6; i++ {
		in = append(in, "2", strconv.Itoa(i), "/list")
		for step := 1; step <= 26; step++ {
			in = append(in, "/jump "+strconv.Itoa(step))
		}
		in = append(in, "/later")
	}
	in = append(in, "1", "1", "1", "/next", "/next", "/next", "/later")
	in = append(in, "4", "1", "/next", "/later")
	in = append(in, "5", ".", "", "", "", "", "", "", "1", "", "/list", "/next", "/next", "/later", "q")
	out := f.run(model.Ja, in...)
	hostile.Check(t, "accessible mode", out)
	for _, label := range []string{"learner", "sending-org", "worry", "private-worry", "action", "agreement-learner",
		"evidence", "focus-plan", "practice", "second-evidence", "participant-2", "next-action", "carry-note",
		"flow-title", "prompt-listen", "case-title", "case-scene", "phase-question", "skill-name"} {
		if !strings.Contains(out, label+"評価が␛[2J気に␛[Hなる。") {
			t.Errorf("the transcript does not show %s", label)
		}
	}
}
