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

// TestStintVariantsSayAnythingNew: every version of a prompt for one kind
// of companion in the flows of the stint is written in both languages and
// differs, in each language, from the text of the prompt it stands in
// for; a question of its own is open; each of these flows reads
// differently somewhere for some type.
func TestStintVariantsSayAnythingNew(t *testing.T) {
	lib := loadEmbedded(t)
	for _, id := range duringFlows {
		f, ok := lib.Flow(id)
		if !ok {
			t.Fatalf("no flow %s", id)
		}
		varied := 0
		for _, p := range f.Prompts {
			if p.Varies() {
				varied++
			}
			for ct, v := range p.ByType {
				where := f.ID + "/" + p.ID + " for " + string(ct)
				if !ct.Valid() {
					t.Errorf("%s: unknown companion type", where)
				}
				if v.Text.IsZero() && v.Listen.IsZero() && v.Avoid.IsZero() {
					t.Errorf("%s changes nothing", where)
				}
				for _, field := range []struct {
					name      string
					got, base model.Text
				}{{"text", v.Text, p.Text}, {"listen", v.Listen, p.Listen}, {"avoid", v.Avoid, p.Avoid}} {
					if field.got.IsZero() {
						continue
					}
					ja, en := strings.TrimSpace(field.got.Ja), strings.TrimSpace(field.got.En)
					if ja == "" || en == "" {
						t.Errorf("%s %s lacks a language: %+v", where, field.name, field.got)
						continue
					}
					if !hasJapanese(ja) || hasJapanese(en) {
						t.Errorf("%s %s: languages mixed up: %+v", where, field.name, field.got)
					}
					if ja == strings.TrimSpace(field.base.Ja) {
						t.Errorf("%s %s (ja) repeats the prompt's own: %q", where, field.name, ja)
					}
					if en == strings.TrimSpace(field.base.En) {
						t.Errorf("%s %s (en) repeats the prompt's own: %q", where, field.name, en)
					}
				}
				if strings.TrimSpace(v.Refs) == "" {
					t.Errorf("%s names no guideline lines", where)
				}
				// A question of its own stays open, like the prompt's.
				if !v.Text.IsZero() && (!openJa.MatchString(v.Text.Ja) || !openEn.MatchString(v.Text.En)) {
					t.Errorf("%s asks a yes/no question: %+v", where, v.Text)
				}
			}
		}
		if varied == 0 {
			t.Errorf("%s reads the same for every kind of companion", f.ID)
		}
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
