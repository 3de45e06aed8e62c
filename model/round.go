package model

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Timer times the phases of a peer case round from the wall clock: what has
// passed is always computed from recorded instants, never counted by ticks,
// so it cannot drift and it survives a restart. Overtime is shown, never
// enforced: a phase ends only when the facilitator moves on.
type Timer struct {
	Phases  []TimerPhase `json:"phases"`
	Current int          `json:"current"`
}

// TimerPhase is one phase's plan, its extensions and what actually
// happened.
type TimerPhase struct {
	ID string `json:"id"`
	// Planned is the time set for the phase before the round ran.
	Planned time.Duration `json:"planned"`
	// Extended is what was added to the plan while the round ran (less
	// what was taken away); a round stored before extensions were kept
	// apart has them inside Planned.
	Extended time.Duration `json:"extended,omitempty"`
	// Elapsed is the time run before RunningSince (pauses excluded).
	Elapsed time.Duration `json:"elapsed"`
	// RunningSince is when the phase last started or resumed; zero while
	// paused, before it starts and after it ends.
	RunningSince time.Time `json:"running_since,omitzero"`
	StartedAt    time.Time `json:"started_at,omitzero"`
	EndedAt      time.Time `json:"ended_at,omitzero"`
	// Who is the presenter whose block the phase belongs to, if any.
	Who string `json:"who,omitempty"`
	// Speakers take the phase's time in turns, in order; TurnPlanned is a
	// turn's length (zero: the phase's time divided among them). Turn is
	// whose turn it is (len(Speakers) once all have spoken), TurnFrom the
	// phase's run time when it began, and TurnTimes the run time of each
	// turn ended.
	Speakers    []string        `json:"speakers,omitempty"`
	TurnPlanned time.Duration   `json:"turn_planned,omitempty"`
	Turn        int             `json:"turn,omitempty"`
	TurnFrom    time.Duration   `json:"turn_from,omitempty"`
	TurnTimes   []time.Duration `json:"turn_times,omitempty"`
}

// NewTimer plans phases with the given ids and durations; nothing runs yet.
func NewTimer(ids []string, planned []time.Duration) Timer {
	t := Timer{}
	for i, id := range ids {
		t.Phases = append(t.Phases, TimerPhase{ID: id, Planned: planned[i]})
	}
	return t
}

func (t *Timer) cur() *TimerPhase {
	if t.Current < 0 || t.Current >= len(t.Phases) {
		return nil
	}
	return &t.Phases[t.Current]
}

// Running reports whether the current phase's clock is running.
func (t Timer) Running() bool {
	p := t.cur()
	return p != nil && !p.RunningSince.IsZero()
}

// Done reports whether every phase has ended.
func (t Timer) Done() bool { return t.Current >= len(t.Phases) }

// Start runs the current phase's clock (the first time, or again after a
// pause). It does nothing if it is running already or every phase is done.
func (t *Timer) Start(now time.Time) {
	p := t.cur()
	if p == nil || !p.RunningSince.IsZero() {
		return
	}
	if p.StartedAt.IsZero() {
		p.StartedAt = now
	}
	p.RunningSince = now
}

// Pause stops the current phase's clock, keeping what has run.
func (t *Timer) Pause(now time.Time) {
	p := t.cur()
	if p == nil || p.RunningSince.IsZero() {
		return
	}
	p.Elapsed += max(now.Sub(p.RunningSince), 0)
	p.RunningSince = time.Time{}
}

// Extend adds d to the current phase's extensions, leaving its plan as it
// was set (d may be negative; the phase's time never goes below one
// minute, nor below its plan once extensions are used up).
func (t *Timer) Extend(d time.Duration) {
	if p := t.cur(); p != nil {
		p.Extended = max(p.Extended+d, min(time.Minute-p.Planned, 0))
	}
}

// Allotted is the time the phase at i has: its plan and its extensions.
func (t Timer) Allotted(i int) time.Duration {
	if i < 0 || i >= len(t.Phases) {
		return 0
	}
	return t.Phases[i].Planned + t.Phases[i].Extended
}

// SetPlanned changes the plan of phase i, before or during the round.
func (t *Timer) SetPlanned(i int, d time.Duration) {
	if i >= 0 && i < len(t.Phases) {
		t.Phases[i].Planned = max(d, time.Minute)
	}
}

// Next ends the current phase and moves to the following one, whose clock
// runs at once if the ended one was running. After the last phase the
// round's timing is done.
func (t *Timer) Next(now time.Time) {
	p := t.cur()
	if p == nil {
		return
	}
	running := !p.RunningSince.IsZero()
	t.Pause(now)
	p.EndedAt = now // a phase skipped before it started keeps no start
	t.Current++
	if running {
		t.Start(now)
	}
}

// Elapsed is the time the phase at i has run, up to now.
func (t Timer) Elapsed(i int, now time.Time) time.Duration {
	if i < 0 || i >= len(t.Phases) {
		return 0
	}
	p := t.Phases[i]
	d := p.Elapsed
	if !p.RunningSince.IsZero() {
		d += max(now.Sub(p.RunningSince), 0)
	}
	return d
}

// Remaining is the current phase's plan and extensions minus what has run;
// negative in overtime.
func (t Timer) Remaining(now time.Time) time.Duration {
	if t.cur() == nil {
		return 0
	}
	return t.Allotted(t.Current) - t.Elapsed(t.Current, now)
}

// Overtime reports whether the current phase has run past its plan.
func (t Timer) Overtime(now time.Time) bool { return t.cur() != nil && t.Remaining(now) < 0 }

// Progress is the share of the current phase's time (plan and
// extensions) that has run, from 0 to 1 (it stays at 1 in overtime).
func (t Timer) Progress(now time.Time) float64 {
	all := t.Allotted(t.Current)
	if t.cur() == nil || all <= 0 {
		return 1
	}
	return min(max(float64(t.Elapsed(t.Current, now))/float64(all), 0), 1)
}

// Turn is whose turn it is in a phase shared in turns.
type Turn struct {
	Speaker string
	Next    string // "" for the last speaker
	N, Of   int    // the turn (1-based) among Of
}

// Turn reports whose turn it is in the current phase; false when the phase
// is not shared in turns or every speaker has spoken.
func (t Timer) Turn() (Turn, bool) {
	p := t.cur()
	if p == nil || p.Turn < 0 || p.Turn >= len(p.Speakers) {
		return Turn{}, false
	}
	out := Turn{Speaker: p.Speakers[p.Turn], N: p.Turn + 1, Of: len(p.Speakers)}
	if p.Turn+1 < len(p.Speakers) {
		out.Next = p.Speakers[p.Turn+1]
	}
	return out, true
}

// TurnAllotted is a turn's length in the current phase: the per-turn
// length, else the phase's time (plan and extensions) shared among the
// speakers.
func (t Timer) TurnAllotted() time.Duration {
	p := t.cur()
	if p == nil || len(p.Speakers) == 0 {
		return 0
	}
	if p.TurnPlanned > 0 {
		return p.TurnPlanned
	}
	return t.Allotted(t.Current) / time.Duration(len(p.Speakers))
}

// TurnElapsed is how long the current turn has run.
func (t Timer) TurnElapsed(now time.Time) time.Duration {
	p := t.cur()
	if p == nil {
		return 0
	}
	return t.Elapsed(t.Current, now) - p.TurnFrom
}

// TurnRemaining is the current turn's time left; negative in overtime.
func (t Timer) TurnRemaining(now time.Time) time.Duration {
	if _, ok := t.Turn(); !ok {
		return 0
	}
	return t.TurnAllotted() - t.TurnElapsed(now)
}

// TurnOvertime reports whether the current turn has run past its time.
func (t Timer) TurnOvertime(now time.Time) bool {
	_, ok := t.Turn()
	return ok && t.TurnRemaining(now) < 0
}

// NextTurn ends the current speaker's turn and gives the floor to the
// next; the phase's clock goes on as it was.
func (t *Timer) NextTurn(now time.Time) {
	if _, ok := t.Turn(); !ok {
		return
	}
	p := t.cur()
	run := t.Elapsed(t.Current, now)
	p.TurnTimes = append(p.TurnTimes, max(run-p.TurnFrom, 0))
	p.TurnFrom = run
	p.Turn++
}

// Participant is one companion in a round.
type Participant struct {
	Name string        `json:"name"`
	Type CompanionType `json:"type"`
}

// NameKey identifies a person by name, whatever the spacing and case.
// Full-width and half-width forms are the same name (NFKC).
func NameKey(name string) string { return participantKey(norm.NFKC.String(name)) }

// participantKey identifies a participant across rounds by name, whatever
// the spacing and case.
func participantKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// NextPresenter picks who presents this round so that everyone presents in
// turn: among the participants, one who has never presented (first in the
// list), else the one whose last turn is the oldest. earlier lists the
// presenters of past rounds, oldest first. It returns -1 for no
// participants.
func NextPresenter(participants []Participant, earlier []string) int {
	if len(participants) == 0 {
		return -1
	}
	last := map[string]int{}
	for i, name := range earlier {
		last[participantKey(name)] = i + 1
	}
	best, bestTurn := -1, 0
	for i, p := range participants {
		turn := last[participantKey(p.Name)] // 0: never presented
		if best < 0 || turn < bestTurn {
			best, bestTurn = i, turn
		}
	}
	return best
}

// Rotation lists the participants in the order they are due to present,
// starting with NextPresenter.
func Rotation(participants []Participant, earlier []string) []Participant {
	out := make([]Participant, 0, len(participants))
	rest := slices.Clone(participants)
	past := slices.Clone(earlier)
	for len(rest) > 0 {
		i := NextPresenter(rest, past)
		out = append(out, rest[i])
		past = append(past, rest[i].Name)
		rest = slices.Delete(rest, i, i+1)
	}
	return out
}

// FormatMinutes writes a duration as minutes and seconds, the way the
// round shows it: 5分, 6分12秒; 5 min, 6 min 12 s.
func FormatMinutes(d time.Duration, lang Lang) string {
	d = d.Round(time.Second)
	neg := d < 0
	if neg {
		d = -d
	}
	m, s := int(d/time.Minute), int(d%time.Minute/time.Second)
	var out string
	switch {
	case lang == En && s == 0:
		out = fmt.Sprintf("%d min", m)
	case lang == En && m == 0:
		out = fmt.Sprintf("%d s", s)
	case lang == En:
		out = fmt.Sprintf("%d min %d s", m, s)
	case s == 0:
		out = fmt.Sprintf("%d分", m)
	case m == 0:
		out = fmt.Sprintf("%d秒", s)
	default:
		out = fmt.Sprintf("%d分%d秒", m, s)
	}
	if neg {
		return "-" + out
	}
	return out
}

// SignedMinutes writes an extension with its sign: +1分, -2 min.
func SignedMinutes(d time.Duration, lang Lang) string {
	if d < 0 {
		return FormatMinutes(d, lang)
	}
	return "+" + FormatMinutes(d, lang)
}
