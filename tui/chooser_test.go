package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// seedDuring creates an engagement in the middle of its stint on the
// tests' day (2026-11-21): past the arrival's four weeks, before the
// wrap-up's thirty days.
func (h *harness) seedDuring() model.Engagement {
	h.t.Helper()
	e, err := h.store.CreateEngagement(context.Background(), model.Engagement{
		Learner: model.Learner{Name: "佐々木 遥"}, SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
		Start: model.NewDate(2026, 9, 1), End: model.NewDate(2027, 3, 31),
	})
	if err != nil {
		h.t.Fatal(err)
	}
	h.send(refreshMsg{})
	return e
}

// pickerRow is the line of the picker that shows title.
func pickerRow(h *harness, title string) string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, title) && strings.Contains(l, "問い") {
			return l
		}
	}
	h.t.Fatalf("no picker row for %s:\n%s", title, h.screen())
	return ""
}

// TestTheChooserStartsOnTheConversationThatFits: before departure, with
// the purpose held, the chooser starts on the anxiety surfacing, marked
// おすすめ with why; enter starts it.
func TestTheChooserStartsOnTheConversationThatFits(t *testing.T) {
	h := newHarness(t, 80, 24)
	e := h.seed()
	h.storeSession(e.ID, "purpose", time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC))
	h.press("enter", "n")
	if row := pickerRow(h, "不安可視化"); !strings.HasPrefix(row, "▸") || !strings.Contains(row, "おすすめ") {
		t.Fatalf("the anxiety surfacing is not the suggestion the cursor is on: %q\n%s", row, h.screen())
	}
	if row := pickerRow(h, "目的抽出"); strings.Contains(row, "おすすめ") {
		t.Fatalf("a flow held is suggested: %q", row)
	}
	h.contains("不安可視化がまだです")
	h.press("enter")
	if r := h.runnerOnTop(); r.wk.Sess.FlowID != "anxiety" {
		t.Fatalf("started %s", r.wk.Sess.FlowID)
	}
}

// TestTheChooserSuggestsThePurposeDuringAStintWithoutOne: in the middle
// of a stint with no purpose put into words, the chooser lists the stint's
// flows first and starts on the purpose extraction, saying why; typing
// goes into its first answer.
func TestTheChooserSuggestsThePurposeDuringAStintWithoutOne(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.seedDuring()
	h.press("enter", "n")
	screen := h.screen()
	if d, b := strings.Index(screen, "越境中（いまの時期）"), strings.Index(screen, "越境前"); d < 0 || b < d {
		t.Fatalf("the stint's flows are not listed first:\n%s", screen)
	}
	if row := pickerRow(h, "目的抽出"); !strings.HasPrefix(row, "▸") || !strings.Contains(row, "おすすめ") {
		t.Fatalf("the purpose is not suggested: %q\n%s", row, screen)
	}
	h.contains("目的抽出がまだです")
	h.press("enter")
	r := h.runnerOnTop()
	if r.wk.Sess.FlowID != "purpose" {
		t.Fatalf("started %s", r.wk.Sess.FlowID)
	}
	h.typeText("現場で通用するか試したい")
	h.waitUntil("saved", func() bool {
		return h.storedSession(r.id).Steps[0].Answer == "現場で通用するか試したい"
	})
}

// TestTheChooserSuggestsTheArrivalInItsWeeks: in the first weeks at the
// host the arrival wins over a purpose not held (its window closes).
func TestTheChooserSuggestsTheArrivalInItsWeeks(t *testing.T) {
	h := newHarness(t, 80, 24)
	if _, err := h.store.CreateEngagement(context.Background(), model.Engagement{
		Learner: model.Learner{Name: "佐々木 遥"}, SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
		Start: model.NewDate(2026, 11, 10), End: model.NewDate(2027, 3, 31),
	}); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.press("enter", "n")
	if row := pickerRow(h, "越境先へ合流"); !strings.HasPrefix(row, "▸") || !strings.Contains(row, "おすすめ") {
		t.Fatalf("the arrival is not suggested: %q\n%s", row, h.screen())
	}
	h.contains("越境先に合流した最初の数週間です")
	if row := pickerRow(h, "目的抽出"); strings.Contains(row, "おすすめ") {
		t.Fatalf("two suggestions: %q", row)
	}
}

// TestNumberKeysStartAnyListedFlow: each flow in the chooser carries its
// number; a digit, half- or full-width, starts that flow at once.
func TestNumberKeysStartAnyListedFlow(t *testing.T) {
	for _, tc := range []struct {
		key, flow string
	}{{"3", "agreement"}, {"２", "anxiety"}, {"４", "sendoff"}} {
		h := newHarness(t, 80, 24)
		h.seed()
		h.press("enter", "n")
		h.contains("3 三者合意")
		h.press(tc.key)
		if r := h.runnerOnTop(); r.wk.Sess.FlowID != tc.flow {
			t.Fatalf("%s started %s, want %s", tc.key, r.wk.Sess.FlowID, tc.flow)
		}
	}
	// During the stint, 1 is the stint's first flow, listed first.
	h := newHarness(t, 80, 24)
	h.seedDuring()
	h.press("enter", "n", "1")
	if r := h.runnerOnTop(); r.wk.Sess.FlowID != "arrival" {
		t.Fatalf("1 started %s during the stint", r.wk.Sess.FlowID)
	}
}
