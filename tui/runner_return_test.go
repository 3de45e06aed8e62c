package tui

import (
	"strings"
	"testing"
)

// TestLeavingReturnsWhereTheSessionWasOpened: leaving a session lands on
// the screen it was opened from — the engagement, a search, the offer to
// resume at start-up (home), the session's document — and the status
// said when one session was left is gone when the next one opens.
func TestLeavingReturnsWhereTheSessionWasOpened(t *testing.T) {
	t.Run("the engagement, and no stale status on the next session", func(t *testing.T) {
		h := newHarness(t, 100, 30)
		h.seed()
		h.press("enter")
		openFlow(t, h, "purpose")
		h.typeText("現場で一から経験したい")
		h.press("esc", "f")
		h.backOnTimeline("finished")
		h.contains("セッションを完了にしました")
		openFlow(t, h, "anxiety")
		h.notContains("セッションを完了にしました")
		h.press("esc", "l")
		h.backOnTimeline("kept for later")
		h.contains("途中として保存しました")
	})

	t.Run("a search", func(t *testing.T) {
		h := newHarness(t, 100, 30)
		h.seed()
		h.press("enter")
		typeAnswers(t, h, "公園の清掃活動で地域と関わる")
		h.press("esc", "l", "esc")
		h.press("/")
		h.typeText("清掃")
		s := h.top().(*searchScreen)
		h.waitUntil("results", func() bool { return s.shown == "清掃" && len(s.hits) == 1 })
		h.press("enter")
		h.runnerOnTop()
		h.notContains("途中として保存しました")
		h.press("esc", "l")
		if h.top() != screen(s) {
			t.Fatalf("leaving did not return to the search:\n%s", h.screen())
		}
		h.contains("公園の清掃活動")
	})

	t.Run("the offer to resume at start-up", func(t *testing.T) {
		h, path, _ := crashedAt100(t)
		h.press("enter")
		openFlow(t, h, "purpose")
		h.typeText("現場で一から経験したい")
		h.settle()
		h2 := newHarness(t, 100, 30, withStore(openStoreAt(t, path, 0)))
		h2.contains("途中のセッションがあります")
		h2.press("enter")
		h2.runnerOnTop()
		h2.press("esc", "l")
		if _, ok := h2.top().(*home); !ok {
			t.Fatalf("leaving a resumed session did not return home:\n%s", h2.screen())
		}
	})

	t.Run("the session's document", func(t *testing.T) {
		h := newHarness(t, 100, 30)
		h.seed()
		h.press("enter")
		openFlow(t, h, "purpose")
		h.typeText("現場で一から経験したい")
		h.press("esc", "f", "enter")
		rv, ok := h.top().(*review)
		if !ok {
			t.Fatalf("not the document:\n%s", h.screen())
		}
		h.press("e") // go on with it
		h.runnerOnTop()
		h.typeText("。地域とも")
		h.press("esc", "f")
		if h.top() != screen(rv) {
			t.Fatalf("leaving did not return to the document:\n%s", h.screen())
		}
		h.waitUntil("the document read again", func() bool { return strings.Contains(h.screen(), "地域とも") })
	})
}
