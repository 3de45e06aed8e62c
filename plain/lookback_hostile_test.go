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

// TestAccessibleReadsEveryRecordBackHarmlessly fills the database with
// control sequences in every kind of record, and the content with them
// too, then reads everything back through the records menu: the learner's
// overview, worries, actions, agreement and every session's document, the
// comparison, what is due, a search, the rounds with their summaries and
// the skill history with the reviews. Nothing in the transcript is a
// sequence a terminal acts on, and the typed words are there to be read.
func TestAccessibleReadsEveryRecordBackHarmlessly(t *testing.T) {
	f := newFixture(t)
	records.Content(f.lib, hostile.Text)
	r, err := records.Fill(context.Background(), f.store, f.lib, func(fd records.Field) string { return hostile.Text(fd.Name) })
	if err != nil {
		t.Fatal(err)
	}
	l := f.ledger(r.Engagement.ID)
	in := []string{"8", "1", "1", "1"}
	for _, list := range []struct {
		item string
		n    int
	}{{"2", len(l.Anxieties)}, {"3", len(l.Actions)}, {"4", len(l.Current())}} {
		in = append(in, list.item)
		for i := 1; i <= list.n; i++ {
			in = append(in, strconv.Itoa(i))
		}
		in = append(in, "")
	}
	in = append(in, "5")
	for i := range r.Sessions {
		in = append(in, strconv.Itoa(i+1), "1")
	}
	in = append(in, "", "6", "", "", "2", "", "3", "評価", "", "", "4")
	for i := range r.Rounds {
		in = append(in, strconv.Itoa(i+1), "1")
	}
	in = append(in, "", "5")
	for i := range r.Reviews {
		in = append(in, strconv.Itoa(i+1), "1")
	}
	in = append(in, "", "", "q")
	out := f.run(model.Ja, in...)
	hostile.Check(t, "the records read back", out)
	if n, want := strings.Count(out, "（文書の終わり）"), len(r.Sessions)+len(r.Rounds)+len(r.Reviews); n != want {
		t.Errorf("%d documents read, want %d:\n%s", n, want, after(out))
	}
	for _, label := range []string{"learner", "sending-org", "worry", "private-worry", "action", "agreement-learner", "agreed",
		"evidence", "participant-2", "next-action", "flow-title", "skill-name"} {
		if !strings.Contains(out, label+"評価が␛[2J気に␛[Hなる。") {
			t.Errorf("the transcript does not show %s", label)
		}
	}
}
