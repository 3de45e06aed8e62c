package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// The quiet clock: a 1:1 shows, dim in its header, how long it has been
// open this time, and the length the companion planned if they set one
// (p in the leave dialog). It never rings, blinks or changes colour when
// the time is over: the companion's eyes belong on the learner. The time
// comes from the injected clock; the header shows minutes, so the screen
// is redrawn only when the minute changes.

type quietTickMsg struct{ id int64 }

// plannedLengths are the lengths p goes through in the leave dialog, then
// none again.
var plannedLengths = []time.Duration{30 * time.Minute, 45 * time.Minute, 60 * time.Minute, 90 * time.Minute}

// nextPlanned is the planned length after d.
func nextPlanned(d time.Duration) time.Duration {
	for _, p := range plannedLengths {
		if p > d {
			return p
		}
	}
	return 0
}

// clockShown reports whether the session shows the quiet clock: a
// conversation with a learner, not a round (which has its own timer) nor a
// self-review; not in the learner view, where the screen faces the learner.
func (r *runner) clockShown() bool {
	return r.loaded && r.wk.Sess.EngagementID != 0 && r.round == nil && !r.wk.Sess.IsSelfReview() && !r.env.learner
}

// elapsed is how long the session has been open this time.
func (r *runner) elapsed() time.Duration { return max(r.env.now().Sub(r.openedAt), 0) }

// quietClock is the header's clock text, or ""; short, the minutes alone,
// where the header is narrow.
func (r *runner) quietClock(short bool) string {
	if !r.clockShown() {
		return ""
	}
	e := r.env
	spent := e.tf("clock.minutes", int(r.elapsed()/time.Minute))
	switch {
	case r.planned > 0 && short:
		return e.tf("clock.shortPlan", int(r.elapsed()/time.Minute), int(r.planned/time.Minute))
	case r.planned > 0:
		return e.tf("clock.withPlan", spent, e.tf("clock.minutes", int(r.planned/time.Minute)))
	case short:
		return spent
	}
	return e.tf("clock.elapsed", spent)
}

// untilNextMinute is how long until the minutes shown of an elapsed time
// change: never less than a second, so the clock ticks at most once a
// second.
func untilNextMinute(elapsed time.Duration) time.Duration {
	return max(time.Minute-elapsed%time.Minute, time.Second)
}

// quietTick asks for a redraw when the minute shown changes; one at a
// time, and none once the session is being left or when ticks are off.
func (r *runner) quietTick() tea.Cmd {
	if r.clockPending || !r.loaded || r.wk.Sess.EngagementID == 0 || r.round != nil || r.leaving != stay || r.quitting ||
		r.env.clockTick < 0 {
		return nil
	}
	r.clockPending = true
	id := r.id
	return tea.Tick(untilNextMinute(r.elapsed()), func(time.Time) tea.Msg { return quietTickMsg{id} })
}

// plannedText names the planned length for the leave dialog.
func (r *runner) plannedText() string {
	if r.planned == 0 {
		return r.env.t("runner.plannedNone")
	}
	return r.env.tf("clock.minutes", int(r.planned/time.Minute))
}
