package model

import (
	"testing"
	"time"
)

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func at(s string) time.Time { return day(s).Time().Add(10 * time.Hour) }

func stint(start, end string) Engagement {
	return Engagement{ID: 1, Learner: Learner{Name: "山田 花子"}, Start: day(start), End: day(end)}
}

func checkin(date string) SessionSummary {
	return SessionSummary{StartedAt: at(date), Use: UseCheckin}
}

func TestCadenceEarlyThenLater(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	if got := e.Cadence(day("2026-05-31")); got != DefaultEarlyDays {
		t.Fatalf("first two months: %d", got)
	}
	if got := e.Cadence(day("2026-06-01")); got != DefaultLaterDays {
		t.Fatalf("after two months: %d", got)
	}
	e.CheckinEarlyDays, e.CheckinLaterDays = 3, 30
	if e.Cadence(day("2026-04-10")) != 3 || e.Cadence(day("2026-08-01")) != 30 {
		t.Fatal("engagement cadence not used")
	}
}

func TestDueCheckins(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	tests := []struct {
		name     string
		today    string
		sessions []SessionSummary
		due      bool
		over     int
	}{
		{"before the stint nothing is due", "2026-03-20", nil, false, 0},
		{"a week after the start with no contact", "2026-04-08", nil, true, 0},
		{"ten days after the start", "2026-04-11", nil, true, 3},
		{"checked in 6 days ago", "2026-04-20", []SessionSummary{checkin("2026-04-14")}, false, 0},
		{"checked in 9 days ago", "2026-04-20", []SessionSummary{checkin("2026-04-11")}, true, 2},
		{"after two months, biweekly", "2026-07-10", []SessionSummary{checkin("2026-06-30")}, false, 0},
		{"after two months, 16 days", "2026-07-16", []SessionSummary{checkin("2026-06-30")}, true, 2},
		{"a session before the start does not count", "2026-04-09", []SessionSummary{checkin("2026-03-30")}, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := Due(day(tt.today), time.UTC, []EngagementState{{Engagement: e, Sessions: tt.sessions}})
			var got *DueItem
			for i := range items {
				if items[i].Kind == DueCheckin {
					got = &items[i]
				}
			}
			if (got != nil) != tt.due {
				t.Fatalf("due = %v, want %v (%+v)", got != nil, tt.due, items)
			}
			if got != nil && got.DaysOver != tt.over {
				t.Fatalf("days over = %d, want %d", got.DaysOver, tt.over)
			}
		})
	}
}

func TestDueCheckpointsAfterReturn(t *testing.T) {
	e := stint("2026-01-01", "2026-06-30")
	held := SessionSummary{StartedAt: at("2026-10-02"), Use: UseCheckpoint, Milestone: "3m"}
	items := Due(day("2027-01-05"), time.UTC, []EngagementState{{Engagement: e, Sessions: []SessionSummary{held}}})
	if len(items) != 1 || items[0].Kind != DueCheckpoint || items[0].Milestone != "6m" ||
		items[0].Since.String() != "2026-12-30" || items[0].DaysOver != 6 {
		t.Fatalf("items = %+v", items)
	}
	if got := NextMilestone(e, []SessionSummary{held}, day("2027-01-05")); got != "6m" {
		t.Fatalf("next milestone = %s", got)
	}
	// Seven months after return with none held: only the latest due one.
	items = Due(day("2027-02-01"), time.UTC, []EngagementState{{Engagement: e}})
	if len(items) != 1 || items[0].Milestone != "6m" {
		t.Fatalf("a late checkpoint: %+v", items)
	}
	if got := NextMilestone(e, nil, day("2027-02-01")); got != "6m" {
		t.Fatalf("the session held late stands for %s, want 6m", got)
	}
	// Held at 6 months: the missed 3-month one is no longer asked for.
	six := SessionSummary{StartedAt: at("2027-02-01"), Use: UseCheckpoint, Milestone: "6m"}
	if items := Due(day("2027-03-01"), time.UTC, []EngagementState{{Engagement: e, Sessions: []SessionSummary{six}}}); len(items) != 0 {
		t.Fatalf("after the 6-month checkpoint: %+v", items)
	}
	// Before the first is due, a checkpoint session stands for 3 months.
	if got := NextMilestone(e, nil, day("2026-08-01")); got != "3m" {
		t.Fatalf("early checkpoint = %s", got)
	}
}

func TestDaysAreTheCompanionsDays(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*60*60)
	e := stint("2026-12-01", "2027-05-31")
	// A check-in at 08:00 on 12-08 in Tokyo is 23:00 on 12-07 in UTC.
	s := SessionSummary{StartedAt: time.Date(2026, 12, 8, 8, 0, 0, 0, tokyo).UTC(), Use: UseCheckin}
	arrived := SessionSummary{StartedAt: time.Date(2026, 12, 2, 8, 0, 0, 0, tokyo).UTC(), Use: UseArrival}
	st := []EngagementState{{Engagement: e, Sessions: []SessionSummary{arrived, s}}}
	items := Due(day("2026-12-15"), tokyo, st)
	if len(items) != 1 || items[0].DaysOver != 0 || items[0].Since.String() != "2026-12-15" {
		t.Fatalf("in Tokyo the check-in is due today, not overdue: %+v", items)
	}
	if items := Due(day("2026-12-15"), time.UTC, st); len(items) != 1 || items[0].DaysOver != 1 {
		t.Fatalf("in UTC it is a day overdue: %+v", items)
	}
}

func TestContinuingAnOlderSessionCountsAsContact(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	s := SessionSummary{StartedAt: at("2026-04-02"), UpdatedAt: at("2026-04-25"), Use: UseCheckin}
	arrived := SessionSummary{StartedAt: at("2026-04-01"), Use: UseArrival}
	st := EngagementState{Engagement: e, Sessions: []SessionSummary{arrived, s}}
	if _, ok := hasWarning(Warnings(day("2026-04-28"), time.UTC, st), WarnSilence); ok {
		t.Fatal("a session continued three days ago is contact")
	}
	if items := Due(day("2026-04-28"), time.UTC, []EngagementState{st}); len(items) != 0 {
		t.Fatalf("check-in due after contact 3 days ago: %+v", items)
	}
}

func TestDueActionsAndAnxietiesAndOrder(t *testing.T) {
	e1 := stint("2026-04-01", "2026-12-31")
	e2 := stint("2026-04-01", "2026-12-31")
	e2.ID, e2.Learner.Name = 2, "鈴木 一花"
	l := Ledger{
		Anxieties: []Anxiety{
			{ID: "a1", Text: "戻れるか"},
			{ID: "a2", Text: "評価", History: []AnxietyUpdate{{Status: AnxietyResolved}}},
			{ID: "a3", Text: "家族", History: []AnxietyUpdate{{Status: AnxietyEasing}}},
		},
		Actions: []Action{
			{ID: "x1", Text: "上司と話す", Owner: OwnerLearner, Due: day("2026-04-10")},
			{ID: "x2", Text: "資料を読む", Owner: OwnerLearner, Due: day("2026-04-05"), History: []ActionUpdate{{Outcome: OutcomeWorked}}},
			{ID: "x3", Text: "週報の形を決める", Owner: OwnerLearner, Due: day("2026-04-30")},
		},
	}
	today := day("2026-04-20")
	// Both had their arrival conversation (see TestTheStintsOwnStepsFallDue).
	arrived := SessionSummary{StartedAt: at("2026-04-02"), Use: UseArrival}
	items := Due(today, time.UTC, []EngagementState{
		{Engagement: e1, Ledger: l, Sessions: []SessionSummary{arrived, checkin("2026-04-18")}},
		{Engagement: e2, Sessions: []SessionSummary{arrived}},
	})
	kinds := []DueKind{}
	for _, it := range items {
		kinds = append(kinds, it.Kind)
	}
	if len(items) != 3 || items[0].Kind != DueCheckin || items[0].EngagementID != 2 ||
		items[1].Kind != DueActions || items[1].Count != 1 || items[1].DaysOver != 10 ||
		items[2].Kind != DueAnxieties || items[2].Count != 2 {
		t.Fatalf("items = %+v", items)
	}
	archived := e2
	archived.Archived = true
	if items := Due(today, time.UTC, []EngagementState{{Engagement: archived}}); len(items) != 0 {
		t.Fatalf("archived engagement in the due list: %+v", items)
	}
}

func hasWarning(ws []Warning, k WarningKind) (Warning, bool) {
	for _, w := range ws {
		if w.Kind == k {
			return w, true
		}
	}
	return Warning{}, false
}

func TestWarningFrequentCheckins(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	// Every 2 days over a week is not yet "more often than every 2 days".
	st := EngagementState{Engagement: e, Sessions: []SessionSummary{
		checkin("2026-05-01"), checkin("2026-05-03"), checkin("2026-05-05"), checkin("2026-05-07"),
	}}
	if _, ok := hasWarning(Warnings(day("2026-05-07"), time.UTC, st), WarnFrequentCheckins); ok {
		t.Fatal("check-ins every 2 days flagged")
	}
	st.Sessions = append(st.Sessions, checkin("2026-05-06"))
	w, ok := hasWarning(Warnings(day("2026-05-07"), time.UTC, st), WarnFrequentCheckins)
	if !ok || w.Count != 5 {
		t.Fatalf("no frequent warning: %+v", Warnings(day("2026-05-07"), time.UTC, st))
	}
	if _, ok := hasWarning(Warnings(day("2026-05-09"), time.UTC, st), WarnFrequentCheckins); ok {
		t.Fatal("warning outlives the week")
	}
	// Other sessions (a purpose extraction, say) do not count.
	st.Sessions[4] = SessionSummary{StartedAt: at("2026-05-06")}
	if _, ok := hasWarning(Warnings(day("2026-05-07"), time.UTC, st), WarnFrequentCheckins); ok {
		t.Fatal("non-check-in sessions counted")
	}
}

func TestWarningCompanionOwnsTheActions(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	mk := func(owner Owner, outcome Outcome) Action {
		a := Action{ID: NewID(), Owner: owner}
		if outcome != "" {
			a.History = []ActionUpdate{{Outcome: outcome}}
		}
		return a
	}
	l := Ledger{Actions: []Action{mk(OwnerCompanion, ""), mk(OwnerCompanion, ""), mk(OwnerCompanion, OutcomeNotTried), mk(OwnerLearner, "")}}
	if w, ok := hasWarning(Warnings(day("2026-05-01"), time.UTC, EngagementState{Engagement: e, Ledger: l}), WarnCompanionActions); !ok || w.Count != 3 {
		t.Fatal("no warning for three companion-owned actions")
	}
	l.Actions[0].History = []ActionUpdate{{Outcome: OutcomeWorked}} // done: no longer open
	if _, ok := hasWarning(Warnings(day("2026-05-01"), time.UTC, EngagementState{Engagement: e, Ledger: l}), WarnCompanionActions); ok {
		t.Fatal("warning with two open companion-owned actions")
	}
}

// TestWarningSilenceThroughTheStint: a silence warns all through the
// stint, sooner in its first two months than after, when the agreed
// check-in interval sets how long is too long.
func TestWarningSilenceThroughTheStint(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	st := EngagementState{Engagement: e, Sessions: []SessionSummary{checkin("2026-04-03")}}
	if w, ok := hasWarning(Warnings(day("2026-04-24"), time.UTC, st), WarnSilence); !ok || w.Days != 21 {
		t.Fatalf("no silence warning after 21 days: %+v", Warnings(day("2026-04-24"), time.UTC, st))
	}
	if _, ok := hasWarning(Warnings(day("2026-04-23"), time.UTC, st), WarnSilence); ok {
		t.Fatal("warning after 20 days")
	}
	if w, _ := hasWarning(Warnings(day("2026-04-24"), time.UTC, st), WarnSilence); !w.Early {
		t.Fatal("a silence in the first two months is not said to be early")
	}
	// Later in the stint the interval is longer (14 days by default), and
	// so is the silence that warns: three intervals, 42 days.
	later := EngagementState{Engagement: e, Sessions: []SessionSummary{checkin("2026-06-10")}}
	if _, ok := hasWarning(Warnings(day("2026-07-21"), time.UTC, later), WarnSilence); ok {
		t.Fatal("warning after 41 days later in the stint")
	}
	if w, ok := hasWarning(Warnings(day("2026-07-22"), time.UTC, later), WarnSilence); !ok || w.Days != 42 || w.Early {
		t.Fatalf("no (later) silence warning after 42 days later in the stint: %+v", w)
	}
	e.CheckinLaterDays = 30 // a monthly check-in agreed: three months of silence warn
	if _, ok := hasWarning(Warnings(day("2026-09-07"), time.UTC, EngagementState{Engagement: e, Sessions: later.Sessions}), WarnSilence); ok {
		t.Fatal("warning before three agreed intervals")
	}
	if _, ok := hasWarning(Warnings(day("2027-01-05"), time.UTC, later), WarnSilence); ok {
		t.Fatal("silence warning after the stint")
	}
	if _, ok := hasWarning(Warnings(day("2026-03-01"), time.UTC, EngagementState{Engagement: e}), WarnSilence); ok {
		t.Fatal("silence warning before the stint")
	}
}

// TestTheStintsOwnStepsFallDue: in its first four weeks a stint asks for
// the conversation on joining the host, and in its last thirty days for
// the summing up, each until held; neither before nor after the stint.
func TestTheStintsOwnStepsFallDue(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	has := func(items []DueItem, k DueKind) (DueItem, bool) {
		for _, it := range items {
			if it.Kind == k {
				return it, true
			}
		}
		return DueItem{}, false
	}
	st := EngagementState{Engagement: e}
	if it, ok := has(Due(day("2026-04-05"), time.UTC, []EngagementState{st}), DueArrival); !ok || it.Since != day("2026-04-01") || it.DaysOver != 4 {
		t.Fatalf("arrival not due in the first week: %+v", it)
	}
	if items := Due(day("2026-04-05"), time.UTC, []EngagementState{st}); items[0].Kind != DueArrival {
		t.Errorf("the arrival is not first in the list: %+v", items)
	}
	if st.StepDue(day("2026-04-05"), time.UTC) != UseArrival {
		t.Error("the chooser is not told of the arrival")
	}
	held := EngagementState{Engagement: e, Sessions: []SessionSummary{{StartedAt: at("2026-04-06"), Use: UseArrival}}}
	if _, ok := has(Due(day("2026-04-10"), time.UTC, []EngagementState{held}), DueArrival); ok {
		t.Error("the arrival is due once held")
	}
	if _, ok := has(Due(day("2026-04-29"), time.UTC, []EngagementState{st}), DueArrival); ok {
		t.Error("the arrival is due after its four weeks")
	}
	if _, ok := has(Due(day("2026-11-30"), time.UTC, []EngagementState{st}), DueWrapUp); ok {
		t.Error("the wrap-up is due more than thirty days before the end")
	}
	if it, ok := has(Due(day("2026-12-05"), time.UTC, []EngagementState{st}), DueWrapUp); !ok || it.Since != day("2026-12-01") {
		t.Fatalf("the wrap-up is not due in the last thirty days: %+v", it)
	}
	if st.StepDue(day("2026-12-05"), time.UTC) != UseWrapUp {
		t.Error("the chooser is not told of the wrap-up")
	}
	done := EngagementState{Engagement: e, Sessions: []SessionSummary{{StartedAt: at("2026-12-02"), Use: UseWrapUp}}}
	if _, ok := has(Due(day("2026-12-10"), time.UTC, []EngagementState{done}), DueWrapUp); ok {
		t.Error("the wrap-up is due once held")
	}
	for _, d := range []string{"2026-03-25", "2027-01-05"} {
		if st.StepDue(day(d), time.UTC) != UseNone {
			t.Errorf("a step of the stint is due on %s, outside it", d)
		}
	}
}

func TestReviewDueAfterTheCadence(t *testing.T) {
	m := focusMap()
	jst := time.FixedZone("JST", 9*3600)
	start := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	done := StartSelfReview(m, m.IDs(), nil, Ja, start)
	done.Status, done.FinishedAt = Done, time.Date(2026, 1, 12, 16, 0, 0, 0, time.UTC) // 1 月 13 日 01:00 JST
	open := StartSelfReview(m, m.IDs(), []Session{done}, Ja, start.AddDate(0, 3, 0))

	if _, ok := ReviewDue(NewDate(2027, 1, 1), jst, []Session{open}, 0); ok {
		t.Error("due with no finished review")
	}
	if _, ok := ReviewDue(NewDate(2026, 4, 12), jst, []Session{open, done}, 0); ok {
		t.Error("due a day before the default cadence")
	}
	it, ok := ReviewDue(NewDate(2026, 4, 20), jst, []Session{open, done}, 0)
	if !ok || it.Kind != DueReview || it.Since != NewDate(2026, 4, 13) || it.DaysOver != 7 {
		t.Errorf("default cadence: %+v %v; want due 2026-04-13 (90 days after 1 月 13 日), 7 days over", it, ok)
	}
	if DefaultReviewCadenceDays != 90 {
		t.Errorf("default cadence %d", DefaultReviewCadenceDays)
	}
	// A cadence the companion chose.
	if it, ok := ReviewDue(NewDate(2026, 2, 12), jst, []Session{done}, 30); !ok || it.Since != NewDate(2026, 2, 12) || it.DaysOver != 0 {
		t.Errorf("30-day cadence: %+v %v", it, ok)
	}
}

// The actions' line counts every action past its due date and falls due on
// the earliest of them, whatever order they were written in; an action
// without a due date, or done, is not counted.
func TestDueActionsFallDueOnTheEarliest(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	l := Ledger{Actions: []Action{
		{ID: "x1", Text: "面談の日程を決める", Due: day("2026-04-12")},
		{ID: "x2", Text: "日報を見直す"},
		{ID: "x3", Text: "受け入れ先に挨拶する", Due: day("2026-04-03")},
		{ID: "x4", Text: "目標を書き直す", Due: day("2026-04-02"), History: []ActionUpdate{{Outcome: OutcomeWorked}}},
		{ID: "x5", Text: "上司に報告する", Due: day("2026-04-08"), History: []ActionUpdate{{Outcome: OutcomeNotTried}}},
	}}
	arrived := SessionSummary{StartedAt: at("2026-04-02"), Use: UseArrival}
	today := day("2026-04-20")
	items := Due(today, time.UTC, []EngagementState{{Engagement: e, Ledger: l, Sessions: []SessionSummary{arrived, checkin("2026-04-18")}}})
	if len(items) != 1 || items[0].Kind != DueActions || items[0].Count != 3 ||
		items[0].Since != day("2026-04-03") || items[0].DaysOver != 17 {
		t.Fatalf("items = %+v", items)
	}
}

// Worries counted by the store without reading them (States) and worries
// of a whole ledger make one line, the resolved ones left out.
func TestDueCountsTheWorriesCountedByTheStore(t *testing.T) {
	e := stint("2026-04-01", "2026-12-31")
	arrived := SessionSummary{StartedAt: at("2026-04-02"), Use: UseArrival}
	today := day("2026-04-20")
	sessions := []SessionSummary{arrived, checkin("2026-04-18")}
	counted := Due(today, time.UTC, []EngagementState{{Engagement: e, Sessions: sessions, OpenWorries: 3}})
	if len(counted) != 1 || counted[0].Kind != DueAnxieties || counted[0].Count != 3 {
		t.Fatalf("counted by the store: %+v", counted)
	}
	l := Ledger{Anxieties: []Anxiety{
		{ID: "a1", Text: "帰任後の役割"},
		{ID: "a2", Text: "家族のこと", History: []AnxietyUpdate{{Status: AnxietyResolved}}},
	}}
	both := Due(today, time.UTC, []EngagementState{{Engagement: e, Sessions: sessions, Ledger: l, OpenWorries: 2}})
	if len(both) != 1 || both[0].Count != 3 {
		t.Fatalf("counted and in the ledger: %+v", both)
	}
	if none := Due(today, time.UTC, []EngagementState{{Engagement: e, Sessions: sessions}}); len(none) != 0 {
		t.Fatalf("no worry: %+v", none)
	}
}
