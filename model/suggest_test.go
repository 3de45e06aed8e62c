package model

import (
	"testing"
	"time"
)

// builtInShape is a library shaped as the built-in one: the flows' phases,
// orders and uses, and which prompts look back on the purpose.
func builtInShape() []*Flow {
	f := func(id string, p Phase, order int, u Use, echoes ...string) *Flow {
		fl := &Flow{ID: id, Phase: p, Order: order, Use: u, Title: Text{Ja: id}}
		for _, e := range echoes {
			fl.Prompts = append(fl.Prompts, Prompt{ID: "looks-back", Echoes: e})
		}
		return fl
	}
	return NewLibrary([]*Flow{
		f("sendoff", Before, 40, UseNone),
		f("purpose", Before, 10, UseNone),
		f("agreement", Before, 30, UseAgreement),
		f("anxiety", Before, 20, UseNone),
		f("arrival", During, 5, UseArrival),
		f("checkin", During, 10, UseCheckin),
		f("revisit", During, 20, UseRevisit),
		f("wrapup", During, 30, UseWrapUp, "purpose/achieve"),
		f("reflection", After, 10, UseNone, "purpose/achieve", "purpose/gain"),
		f("role-design", After, 20, UseNone, "purpose/future"),
		f("checkpoint", After, 30, UseCheckpoint),
	}).Flows
}

func held(flowID, date string) SessionSummary {
	u := map[string]Use{"checkin": UseCheckin, "arrival": UseArrival, "wrapup": UseWrapUp,
		"checkpoint": UseCheckpoint, "agreement": UseAgreement, "revisit": UseRevisit}[flowID]
	return SessionSummary{FlowID: flowID, Use: u, StartedAt: at(date)}
}

// TestTheChooserSuggestsWhatFitsThePhaseAndWhatWasHeld: before departure
// the first of the before-departure flows not held yet, in their order;
// during the stint the arrival or the wrap-up in its window, then the
// purpose if it was never put into words, then the stint's flows not held
// yet; after return a due checkpoint, then the flows of the return. The
// day is the test's, never the clock's.
func TestTheChooserSuggestsWhatFitsThePhaseAndWhatWasHeld(t *testing.T) {
	flows := builtInShape()
	e := stint("2026-12-01", "2027-05-31")
	tests := []struct {
		name     string
		today    string
		sessions []SessionSummary
		flow     string
		reason   SuggestReason
		mile     string
	}{
		{"before, nothing held: purpose", "2026-11-21", nil, "purpose", SuggestNotHeld, ""},
		{"before, purpose held: anxiety", "2026-11-21", []SessionSummary{held("purpose", "2026-11-01")}, "anxiety", SuggestNotHeld, ""},
		{"before, purpose and anxiety held: agreement", "2026-11-21",
			[]SessionSummary{held("anxiety", "2026-11-02"), held("purpose", "2026-11-01")}, "agreement", SuggestNotHeld, ""},
		{"before, an earlier one skipped is suggested first", "2026-11-21",
			[]SessionSummary{held("anxiety", "2026-11-02"), held("agreement", "2026-11-03")}, "purpose", SuggestNotHeld, ""},
		{"before, all but the send-off held", "2026-11-21",
			[]SessionSummary{held("purpose", "2026-11-01"), held("anxiety", "2026-11-02"), held("agreement", "2026-11-03")},
			"sendoff", SuggestNotHeld, ""},
		{"before, everything held: the first, not marked", "2026-11-21",
			[]SessionSummary{held("purpose", "2026-11-01"), held("anxiety", "2026-11-02"), held("agreement", "2026-11-03"),
				held("sendoff", "2026-11-04")}, "purpose", SuggestNone, ""},

		{"during, first weeks: the arrival wins over a purpose not held", "2026-12-05", nil, "arrival", SuggestStepDue, ""},
		{"during, arrival held: the purpose not held", "2026-12-10", []SessionSummary{held("arrival", "2026-12-03")},
			"purpose", SuggestNotHeld, ""},
		{"during, after the arrival's window, no purpose: the purpose", "2027-02-10", nil, "purpose", SuggestNotHeld, ""},
		{"during, purpose held: the check-in, not the missed arrival", "2027-02-10",
			[]SessionSummary{held("purpose", "2026-11-01")}, "checkin", SuggestNotHeld, ""},
		{"during, the other before-departure flows are not asked for", "2027-02-10",
			[]SessionSummary{held("purpose", "2026-11-01"), held("checkin", "2027-01-10")}, "revisit", SuggestNotHeld, ""},
		{"during, everything of the stint held: the check-in, not marked", "2027-02-10",
			[]SessionSummary{held("purpose", "2026-11-01"), held("checkin", "2027-01-10"), held("revisit", "2027-01-20")},
			"checkin", SuggestNone, ""},
		{"during, last thirty days: the wrap-up wins over a purpose not held", "2027-05-10", nil, "wrapup", SuggestStepDue, ""},
		{"during, wrap-up held", "2027-05-20",
			[]SessionSummary{held("purpose", "2026-11-01"), held("checkin", "2027-01-10"), held("revisit", "2027-01-20"),
				held("wrapup", "2027-05-05")}, "checkin", SuggestNone, ""},

		{"after, soon after return: the reflection", "2027-06-20", nil, "reflection", SuggestNotHeld, ""},
		{"after, no purpose is asked after return", "2027-06-20", []SessionSummary{held("reflection", "2027-06-10")},
			"role-design", SuggestNotHeld, ""},
		{"after, three months: the checkpoint wins", "2027-09-01", nil, "checkpoint", SuggestCheckpoint, "3m"},
		{"after, checkpoint held, all held: the reflection, not marked", "2027-09-10",
			[]SessionSummary{held("reflection", "2027-06-10"), held("role-design", "2027-07-01"),
				{FlowID: "checkpoint", Use: UseCheckpoint, Milestone: "3m", StartedAt: at("2027-09-02")}},
			"reflection", SuggestNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := EngagementState{Engagement: e, Sessions: tt.sessions}
			got := Suggest(flows, st, day(tt.today), time.UTC)
			if got.Flow == nil || got.Flow.ID != tt.flow || got.Reason != tt.reason || got.Milestone != tt.mile {
				id := "<nil>"
				if got.Flow != nil {
					id = got.Flow.ID
				}
				t.Fatalf("suggested %s (%q, %q), want %s (%q, %q)", id, got.Reason, got.Milestone, tt.flow, tt.reason, tt.mile)
			}
		})
	}
}

// TestTheChooserSuggestsFromTheFlowsGiven: the rule reads the flows'
// phase, order and echoes, so content of one's own is suggested the same
// way; with no flows there is nothing to suggest.
func TestTheChooserSuggestsFromTheFlowsGiven(t *testing.T) {
	e := stint("2026-12-01", "2027-05-31")
	own := NewLibrary([]*Flow{
		{ID: "b2", Phase: Before, Order: 2},
		{ID: "b1", Phase: Before, Order: 1},
		{ID: "d1", Phase: During, Order: 1, Prompts: []Prompt{{ID: "x", Echoes: "b2/y"}}},
	}).Flows
	if got := Suggest(own, EngagementState{Engagement: e}, day("2026-11-21"), time.UTC); got.Flow.ID != "b1" {
		t.Errorf("before: %s, want b1", got.Flow.ID)
	}
	// During the stint, the before-departure flow the stint looks back on
	// is b2, not b1.
	if got := Suggest(own, EngagementState{Engagement: e}, day("2027-02-01"), time.UTC); got.Flow.ID != "b2" || got.Reason != SuggestNotHeld {
		t.Errorf("during: %s %q, want b2", got.Flow.ID, got.Reason)
	}
	if got := Suggest(nil, EngagementState{Engagement: e}, day("2026-11-21"), time.UTC); got.Flow != nil {
		t.Errorf("no flows: %+v", got)
	}
}
