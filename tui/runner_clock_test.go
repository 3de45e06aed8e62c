package tui

import (
	"strings"
	"testing"
	"time"
)

// header is the first row of the screen.
func (h *harness) header() string { return strings.SplitN(h.screen(), "\n", 2)[0] }

// TestAQuietClockInTheHeader: a 1:1 shows, dim in its header, the minutes
// since it was opened this time, from the injected clock, and the planned
// length once the companion sets one in the leave dialog; past the plan
// nothing rings and the colour stays the same. Opened again, it counts
// from then.
func TestAQuietClockInTheHeader(t *testing.T) {
	now := clock
	h := newHarness(t, 100, 30, withClock(&now))
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "purpose")
	if !strings.Contains(h.header(), "経過 0分") {
		t.Fatalf("no clock in the header: %q", h.header())
	}
	now = now.Add(12*time.Minute + 30*time.Second)
	h.send(quietTickMsg{r.id})
	if !strings.Contains(h.header(), "経過 12分") {
		t.Fatalf("12½ minutes on: %q", h.header())
	}

	h.press("esc")
	h.contains("予定の長さ: なし")
	h.press("p", "p", "p")
	h.contains("予定の長さ: 60分")
	h.press("esc")
	if !strings.Contains(h.header(), "経過 12分／予定 60分") {
		t.Fatalf("with a plan: %q", h.header())
	}
	muted := h.app.env.st.muted
	if !strings.Contains(h.app.View().Content, muted.Render("経過 12分／予定 60分")) {
		t.Fatalf("the clock is not drawn dim")
	}
	now = now.Add(60 * time.Minute)
	h.send(quietTickMsg{r.id})
	if !strings.Contains(h.app.View().Content, muted.Render("経過 72分／予定 60分")) {
		t.Fatalf("past the plan the clock changed its look: %q", h.header())
	}
	h.notContains("超過")

	// The learner view faces the learner: no clock there.
	h.press("f2")
	if strings.Contains(h.header(), "経過") {
		t.Fatalf("the learner view shows the clock: %q", h.header())
	}
	h.press("f2", "y")

	// Opened again, the clock counts from then.
	h.press("esc", "l")
	h.backOnTimeline("kept for later")
	now = now.Add(3 * time.Hour)
	h.press("enter")
	h.runnerOnTop()
	if !strings.Contains(h.header(), "経過 0分") {
		t.Fatalf("reopened: %q", h.header())
	}
}

// TestNoQuietClockInASelfReview: a self-review has no learner: it shows
// no quiet clock and offers no planned length (a round has its own timer,
// and clockShown leaves it out likewise).
func TestNoQuietClockInASelfReview(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.press("s", "n", "2", "enter")
	r := h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	if strings.Contains(h.header(), "経過") {
		t.Fatalf("a self-review shows the clock: %q", h.header())
	}
	h.press("esc")
	h.notContains("予定の長さ")
}

// TestTheQuietClockWakesOnlyWhenTheMinuteChanges: the redraw is asked
// for when the minutes shown change, never sooner than a second, one at
// a time, and not at all when ticks are off.
func TestTheQuietClockWakesOnlyWhenTheMinuteChanges(t *testing.T) {
	for _, c := range []struct{ elapsed, want time.Duration }{
		{0, time.Minute},
		{12*time.Minute + 30*time.Second, 30 * time.Second},
		{59*time.Second + 500*time.Millisecond, time.Second},
		{time.Minute, time.Minute},
	} {
		if got := untilNextMinute(c.elapsed); got != c.want {
			t.Errorf("after %v: wakes in %v, want %v", c.elapsed, got, c.want)
		}
	}
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "purpose")
	if r.quietTick() != nil {
		t.Fatal("the clock ticks with ticks off")
	}
	r.env.clockTick = time.Second
	if r.quietTick() == nil {
		t.Fatal("no tick asked for")
	}
	if r.quietTick() != nil {
		t.Fatal("a second tick while one is pending")
	}
}
