package model

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// clockAt returns a clock that starts at 13:00 and moves only when told.
func clockAt() (now func() time.Time, advance func(time.Duration)) {
	t := time.Date(2026, 11, 21, 13, 0, 0, 0, time.UTC)
	return func() time.Time { return t }, func(d time.Duration) { t = t.Add(d) }
}

func TestTimerPauseResumeExtendOvertime(t *testing.T) {
	now, advance := clockAt()
	tm := NewTimer([]string{"check-in", "case"}, []time.Duration{5 * time.Minute, 10 * time.Minute})
	if tm.Running() || tm.Remaining(now()) != 5*time.Minute {
		t.Fatalf("before start: running %v, remaining %v", tm.Running(), tm.Remaining(now()))
	}
	tm.Start(now())
	advance(2 * time.Minute)
	if got := tm.Remaining(now()); got != 3*time.Minute {
		t.Errorf("remaining after 2 min = %v", got)
	}
	// Paused time does not count.
	tm.Pause(now())
	advance(10 * time.Minute)
	if got := tm.Elapsed(0, now()); got != 2*time.Minute || tm.Running() {
		t.Errorf("elapsed while paused = %v, running %v", got, tm.Running())
	}
	tm.Start(now()) // resume
	advance(4 * time.Minute)
	if !tm.Overtime(now()) || tm.Remaining(now()) != -time.Minute || tm.Progress(now()) != 1 {
		t.Errorf("at 6 of 5 min: overtime %v remaining %v progress %v", tm.Overtime(now()), tm.Remaining(now()), tm.Progress(now()))
	}
	// Extending by 5 minutes brings it back into time.
	tm.Extend(5 * time.Minute)
	if tm.Overtime(now()) || tm.Remaining(now()) != 4*time.Minute {
		t.Errorf("after +5: remaining %v", tm.Remaining(now()))
	}
	if p := tm.Progress(now()); p < 0.59 || p > 0.61 {
		t.Errorf("progress = %v, want 0.6", p)
	}
}

func TestTimerPhaseChanges(t *testing.T) {
	now, advance := clockAt()
	tm := NewTimer([]string{"a", "b", "c"}, []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute})
	tm.Start(now())
	advance(90 * time.Second)
	tm.Next(now())
	// The next phase runs at once, from zero.
	if tm.Current != 1 || !tm.Running() || tm.Elapsed(1, now()) != 0 {
		t.Fatalf("after next: current %d running %v", tm.Current, tm.Running())
	}
	if got := tm.Elapsed(0, now()); got != 90*time.Second {
		t.Errorf("actual of phase a = %v", got)
	}
	advance(30 * time.Second)
	tm.Pause(now())
	tm.Next(now()) // moving on while paused: the next phase waits for start
	if tm.Current != 2 || tm.Running() {
		t.Errorf("after next while paused: current %d running %v", tm.Current, tm.Running())
	}
	// Plans can change before a phase starts.
	tm.SetPlanned(2, 30*time.Second) // never below a minute
	if tm.Phases[2].Planned != time.Minute {
		t.Errorf("plan = %v", tm.Phases[2].Planned)
	}
	tm.Start(now())
	advance(time.Minute)
	tm.Next(now())
	if !tm.Done() || tm.Running() || tm.Remaining(now()) != 0 {
		t.Errorf("after the last phase: done %v", tm.Done())
	}
	tm.Next(now()) // nothing left: no panic, no change
	for i, want := range []time.Duration{90 * time.Second, 30 * time.Second, time.Minute} {
		if got := tm.Elapsed(i, now()); got != want {
			t.Errorf("phase %d actual = %v, want %v", i, got, want)
		}
	}
}

// TestTimerSurvivesARestart: the timer is plain data; a copy read back
// after time has passed shows the same remaining time as the original.
func TestTimerSurvivesARestart(t *testing.T) {
	now, advance := clockAt()
	tm := NewTimer([]string{"a"}, []time.Duration{10 * time.Minute})
	tm.Start(now())
	advance(3 * time.Minute)
	saved := tm
	advance(4 * time.Minute)
	if saved.Remaining(now()) != 3*time.Minute || tm.Remaining(now()) != 3*time.Minute {
		t.Errorf("remaining = %v / %v", saved.Remaining(now()), tm.Remaining(now()))
	}
}

func TestPresenterRotation(t *testing.T) {
	ps := []Participant{{Name: "佐藤 一郎"}, {Name: "鈴木 花"}, {Name: "Lee Min"}}
	if i := NextPresenter(ps, nil); i != 0 {
		t.Errorf("first round: %d", i)
	}
	var past []string
	var order []string
	for range 6 {
		i := NextPresenter(ps, past)
		order = append(order, ps[i].Name)
		past = append(past, ps[i].Name)
	}
	want := []string{"佐藤 一郎", "鈴木 花", "Lee Min", "佐藤 一郎", "鈴木 花", "Lee Min"}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("rotation = %v", order)
		}
	}
	// A newcomer presents before anyone presents twice; names match
	// whatever the spacing.
	ps = append(ps, Participant{Name: "田中 陽"})
	if i := NextPresenter(ps, []string{"佐藤　 一郎", "鈴木 花", "lee  min"}); ps[i].Name != "田中 陽" {
		t.Errorf("newcomer not first: %s", ps[i].Name)
	}
	if got := Rotation(ps, []string{"鈴木 花"}); got[0].Name != "佐藤 一郎" || got[3].Name != "鈴木 花" {
		t.Errorf("rotation = %v", got)
	}
	if NextPresenter(nil, nil) != -1 {
		t.Error("no participants")
	}
}

const goodFormat = `id: consult
default: true
title: {ja: ケース相談, en: Case consultation}
summary: {ja: 相談する。, en: Consult.}
phases:
  - id: check-in
    minutes: 5
    title: {ja: チェックイン, en: Check-in}
    question: {ja: 調子は？, en: "How are you?"}
    capture: {ja: 一言, en: A word}
  - id: options
    minutes: 20
    presenter: listens
    records: [takeaways, next-actions]
    title: {ja: 選択肢, en: Options}
    question: {ja: ほかの手は？, en: "Other options?"}
    capture: {ja: 案, en: Ideas}
`

const goodRules = `rules:
  - id: positive-first
    text: {ja: 良い点から, en: Good points first}
`

const goodCases = `cases:
  - id: vague
    phase: before
    skills: [purpose]
    tags: [mid-career, companion-sending]
    title: {ja: 目的があいまい, en: Vague purpose}
    scene: {ja: 場面。, en: A scene.}
    question: {ja: どうする？, en: "What would you do?"}
`

func TestLoadRoundContent(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": goodSkills,
		"rounds/consult.yaml": goodFormat, "rounds/ground-rules.yaml": goodRules, "cases/deck.yaml": goodCases})
	if errs != nil {
		t.Fatal(errs)
	}
	r := lib.Rounds
	f := r.DefaultFormat()
	if f == nil || f.ID != "consult" || len(f.Phases) != 2 || f.Phases[1].Planned != 20*time.Minute || !f.Phases[1].PresenterListens {
		t.Fatalf("format = %+v", f)
	}
	if len(r.Rules) != 1 || len(r.Cases) != 1 || r.Cases[0].Phase != Before {
		t.Errorf("rules %v cases %v", r.Rules, r.Cases)
	}
	if got := r.Cases[0].Tags; !slices.Equal(got, []string{"mid-career", "companion-sending"}) {
		t.Errorf("case tags = %q", got)
	}
}

func TestRoundContentErrorsHaveFileAndLine(t *testing.T) {
	cases := []struct{ name, file, from, to, want string }{
		{"minutes", "rounds/consult.yaml", "minutes: 20", "minutes: twenty", `rounds/consult.yaml:12: format "consult" phase "options": minutes must be a whole number from 1 to 600, not "twenty"`},
		{"presenter", "rounds/consult.yaml", "presenter: listens", "presenter: sleeps", `rounds/consult.yaml:13: format "consult" phase "options": presenter must be speaks or listens, not "sleeps"`},
		{"missing capture", "rounds/consult.yaml", "    capture: {ja: 案, en: Ideas}\n", "", `rounds/consult.yaml:11: format "consult" phase "options" capture is missing`},
		{"unknown record", "rounds/consult.yaml", "records: [takeaways, next-actions]", "records: [takeaways, minutes]", `rounds/consult.yaml:14: format "consult" phase "options": records must name key-question, takeaways, learnings or next-actions, not "minutes"`},
		{"no next actions", "rounds/consult.yaml", "records: [takeaways, next-actions]", "records: [takeaways]", `rounds/consult.yaml:1: format "consult": no phase records next-actions`},
		{"recorded twice", "rounds/consult.yaml", "    capture: {ja: 一言, en: A word}\n", "    capture: {ja: 一言, en: A word}\n    records: [next-actions]\n", `rounds/consult.yaml:15: format "consult" phase "options": next-actions is already recorded in an earlier phase`},
		{"case phase", "cases/deck.yaml", "phase: before", "phase: someday", `cases/deck.yaml:2: case "vague": phase must be before, during or after, not "someday"`},
		{"case skill", "cases/deck.yaml", "skills: [purpose]", "skills: [nosuch]", `cases/deck.yaml:4: case "vague" names skill "nosuch"`},
		{"case tag", "cases/deck.yaml", "tags: [mid-career, companion-sending]", "tags: [mid-career, 中途採用]", `cases/deck.yaml:5: case "vague" tag "中途採用" must be lowercase letters, digits and hyphens`},
		{"case tag twice", "cases/deck.yaml", "tags: [mid-career, companion-sending]", "tags: [mid-career, mid-career]", `cases/deck.yaml:5: case "vague": tag "mid-career" is given twice`},
		{"case tags not a list", "cases/deck.yaml", "tags: [mid-career, companion-sending]", "tags: {mid-career: yes}", `cases/deck.yaml:5: case "vague" tags must be a list`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"flows/purpose.yaml": goodFlow, "skills/map.yaml": goodSkills,
				"rounds/consult.yaml": goodFormat, "cases/deck.yaml": goodCases}
			body := strings.Replace(files[c.file], c.from, c.to, 1)
			if body == files[c.file] {
				t.Fatal("the case changes nothing")
			}
			files[c.file] = body
			_, errs := load(t, files)
			if !strings.Contains(errs.Error(), c.want) {
				t.Errorf("errors:\n%v\nwant %q", errs, c.want)
			}
		})
	}
}

// TestTimerKeepsPlannedAndExtendedApart: extending a phase adds to its
// extensions, never to its plan, and the time left counts both; a record
// stored before extensions were kept loads with none.
func TestTimerKeepsPlannedAndExtendedApart(t *testing.T) {
	now, advance := clockAt()
	tm := NewTimer([]string{"チェックイン"}, []time.Duration{time.Minute})
	tm.Start(now())
	advance(50 * time.Second)
	tm.Extend(time.Minute)
	if p := tm.Phases[0]; p.Planned != time.Minute || p.Extended != time.Minute {
		t.Fatalf("after +1: planned %v extended %v", p.Planned, p.Extended)
	}
	if got := tm.Remaining(now()); got != 70*time.Second {
		t.Errorf("remaining = %v, want 1m10s", got)
	}
	if got := tm.Allotted(0); got != 2*time.Minute {
		t.Errorf("allotted = %v", got)
	}
	// Shortening takes from the extensions; the phase keeps a minute.
	tm.Extend(-5 * time.Minute)
	if p := tm.Phases[0]; p.Planned != time.Minute || p.Extended != 0 {
		t.Errorf("after -5: planned %v extended %v", p.Planned, p.Extended)
	}
	tm.Extend(5 * time.Minute)
	tm.Extend(-time.Minute)
	if p := tm.Phases[0]; p.Extended != 4*time.Minute {
		t.Errorf("after +5 -1: extended %v", p.Extended)
	}
	var old Timer
	if err := json.Unmarshal([]byte(`{"phases":[{"id":"case","planned":600000000000,"elapsed":0}],"current":0}`), &old); err != nil {
		t.Fatal(err)
	}
	if old.Phases[0].Extended != 0 || old.Remaining(now()) != 10*time.Minute {
		t.Errorf("old record: %+v", old.Phases[0])
	}
}
