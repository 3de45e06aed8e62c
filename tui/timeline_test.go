package tui

import (
	"strings"
	"testing"
	"time"
)

// sessionRows are the timeline's session rows on screen, top to bottom.
func sessionRows(h *harness) []string {
	var rows []string
	for _, l := range strings.Split(h.screen(), "\n") {
		if t := strings.TrimLeft(l, "▸ "); len(t) > 4 && t[:4] == "2026" || len(t) > 4 && t[:4] == "2027" {
			rows = append(rows, l)
		}
	}
	return rows
}

// TestTheTimelineStartsAtTheLatestOnTop: the sessions tab lists the latest
// session first with the cursor on it; down goes back in time; a session
// just held is on top and selected when the timeline comes back.
func TestTheTimelineStartsAtTheLatestOnTop(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	h.storeSession(e.ID, "purpose", time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC))
	anxiety := h.storeSession(e.ID, "anxiety", time.Date(2026, 11, 12, 10, 0, 0, 0, time.UTC))
	agreement := h.storeSession(e.ID, "agreement", time.Date(2026, 11, 14, 10, 0, 0, 0, time.UTC))
	h.press("enter")
	rows := sessionRows(h)
	if len(rows) != 3 || !strings.HasPrefix(rows[0], "▸ 2026-11-14  三者合意") ||
		!strings.Contains(rows[1], "2026-11-12  不安可視化") || !strings.Contains(rows[2], "2026-11-10  目的抽出") {
		t.Fatalf("not the latest first, selected:\n%s", h.screen())
	}
	if sum, _ := h.top().(*engagementScreen).selected(); sum.ID != agreement.ID {
		t.Fatalf("selected session %d, want the latest %d", sum.ID, agreement.ID)
	}
	h.press("down")
	if sum, _ := h.top().(*engagementScreen).selected(); sum.ID != anxiety.ID {
		t.Fatalf("down selected %d, want the one before the latest %d", sum.ID, anxiety.ID)
	}

	// A session held now comes back on top, selected, even from a row
	// further down.
	h.press("n", "enter")
	r := h.runnerOnTop()
	h.typeText("送り出しの段取りを話した")
	h.press("esc", "l")
	h.backOnTimeline("leaving the session")
	rows = sessionRows(h)
	if len(rows) != 4 || !strings.HasPrefix(rows[0], "▸ 2026-11-21") {
		t.Fatalf("the session just held is not on top, selected:\n%s", h.screen())
	}
	if sum, _ := h.top().(*engagementScreen).selected(); sum.ID != r.id {
		t.Fatalf("selected %d, want the session just held %d", sum.ID, r.id)
	}
}
