package content_test

import (
	"strings"
	"testing"

	"bansou/model"
)

// duringFlows are the flows of the stint itself.
var duringFlows = []string{"checkin", "arrival", "wrapup", "revisit"}

// TestHostCompanionReadsItsOwnCheckin: for a companion at the host, the
// check-in on the gap with the host manager and on how far the learner is
// trusted gives hints of its own (the host companion is the manager, or
// close to them, and arranging challenging work is its own duty), not the
// sending side's.
func TestHostCompanionReadsItsOwnCheckin(t *testing.T) {
	lib := loadEmbedded(t)
	f, ok := lib.Flow("checkin")
	if !ok {
		t.Fatal("no checkin flow")
	}
	for _, id := range []string{"host-manager", "guest-or-member"} {
		p, ok := f.Prompt(id)
		if !ok {
			t.Fatalf("no prompt checkin/%s", id)
		}
		v, ok := p.ByType[model.Host]
		if !ok {
			t.Errorf("checkin/%s has no version for a host companion", id)
			continue
		}
		if v.Listen.IsZero() && v.Avoid.IsZero() {
			t.Errorf("checkin/%s for host keeps the prompt's hints", id)
		}
		host := p.For(model.Host)
		if host.Listen == p.Listen && host.Avoid == p.Avoid {
			t.Errorf("checkin/%s for host reads the same hints as the prompt", id)
		}
	}
	// The sending side's caution against going to the host manager behind
	// the learner's back is not what the host manager reads.
	p, _ := f.Prompt("host-manager")
	if p.For(model.Host).Avoid == p.Avoid {
		t.Errorf("checkin/host-manager for host still warns against asking the host manager: %q", p.Avoid.En)
	}
}

// TestCheckinAsksWhomTheWorkHelps: the check-in has an open prompt on whom
// the learner's work at the host helps and how they can tell, with hints
// and a follow-up like the other prompts.
func TestCheckinAsksWhomTheWorkHelps(t *testing.T) {
	lib := loadEmbedded(t)
	f, _ := lib.Flow("checkin")
	p, ok := f.Prompt("who-benefits")
	if !ok {
		t.Fatal("the check-in does not ask whom the learner's work helps")
	}
	if p.Kind != "" && p.Kind != model.KindText {
		t.Errorf("checkin/who-benefits is a %s prompt, want free text", p.Kind)
	}
	if !strings.Contains(p.Text.Ja, "誰") || !strings.Contains(strings.ToLower(p.Text.En), "whom") {
		t.Errorf("checkin/who-benefits does not ask whom: %+v", p.Text)
	}
	if p.Listen.IsZero() || p.Avoid.IsZero() || len(p.Followups) == 0 || p.Refs == "" {
		t.Errorf("checkin/who-benefits lacks hints, a follow-up or refs: %+v", p)
	}
}
