package content_test

import (
	"testing"

	"bansou/model"
)

// TestRoundContent checks the built-in formats, ground rules and case deck:
// the three formats with their phases in both languages, case consultation
// as the default with a phase in which the presenter listens, the
// exchange meeting's 5/15/50/5 timetable, the role-play's three roles,
// the three ground rules, and a scenario card for each of the guideline's
// 20 challenges (5 before, 8 during, 7 after the stint) with six more, two
// in each phase.
func TestRoundContent(t *testing.T) {
	r := loadEmbedded(t).Rounds
	if r == nil {
		t.Fatal("no round content")
	}
	if d := r.DefaultFormat(); d == nil || d.ID != "case-consultation" {
		t.Fatalf("default format = %+v", d)
	}
	for _, id := range []string{"case-consultation", "exchange-meeting", "role-play"} {
		f, ok := r.Format(id)
		if !ok {
			t.Errorf("no format %s", id)
			continue
		}
		both(t, id+" title", f.Title)
		both(t, id+" summary", f.Summary)
		for _, p := range f.Phases {
			both(t, id+"/"+p.ID+" title", p.Title)
			both(t, id+"/"+p.ID+" question", p.Question)
			both(t, id+"/"+p.ID+" capture", p.Capture)
		}
	}
	cc, _ := r.Format("case-consultation")
	listens := 0
	for _, p := range cc.Phases {
		if p.PresenterListens {
			listens++
		}
	}
	if len(cc.Phases) != 6 || listens != 1 {
		t.Errorf("case consultation: %d phases, %d where the presenter listens", len(cc.Phases), listens)
	}
	em, _ := r.Format("exchange-meeting")
	var minutes []int
	for _, p := range em.Phases {
		minutes = append(minutes, int(p.Planned.Minutes()))
	}
	if len(minutes) != 4 || minutes[0] != 5 || minutes[1] != 15 || minutes[2] != 50 || minutes[3] != 5 {
		t.Errorf("exchange meeting minutes = %v", minutes)
	}
	rp, _ := r.Format("role-play")
	if len(rp.Roles) != 3 {
		t.Errorf("role-play roles = %d", len(rp.Roles))
	}
	for _, role := range rp.Roles {
		both(t, "role "+role.ID, role.Name)
		both(t, "role "+role.ID+" brief", role.Brief)
	}
	if len(r.Rules) != 3 {
		t.Errorf("%d ground rules", len(r.Rules))
	}
	for _, g := range r.Rules {
		both(t, "rule "+g.ID, g.Text)
	}
	phases := map[model.Phase]int{}
	for _, c := range r.Cases {
		phases[c.Phase]++
		both(t, c.ID+" title", c.Title)
		both(t, c.ID+" scene", c.Scene)
		both(t, c.ID+" question", c.Question)
		if c.Refs == "" || len(c.Skills) == 0 {
			t.Errorf("case %s lacks refs or skills", c.ID)
		}
	}
	if len(r.Cases) != 26 || phases[model.Before] != 7 || phases[model.During] != 10 || phases[model.After] != 9 {
		t.Errorf("%d cases by phase %v", len(r.Cases), phases)
	}
}
