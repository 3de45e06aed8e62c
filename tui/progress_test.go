package tui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// headerBeforeCounter returns what the session's first line shows left of
// the step counter (e.g. "1/14"), and the counter's column.
func headerBeforeCounter(t *testing.T, h *harness, counter string) (string, int) {
	t.Helper()
	line := strings.Split(h.screen(), "\n")[0]
	at := strings.Index(line, counter+" ")
	if at < 0 {
		t.Fatalf("the first line has no counter %s: %q", counter, line)
	}
	return line[:at], lipgloss.Width(line[:at])
}

// TestSessionHeaderStaysPutWhileSaving types Japanese into an answer and
// looks at every frame: while a character waits to be saved (未保存) and
// once it is (保存済み), the step counter and everything before it in the
// header stay where they were before anything was typed, on a wide screen
// (the list of prompts beside) and a narrow one (the strip of marks).
func TestSessionHeaderStaysPutWhileSaving(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {50, 16}} {
		h := newHarness(t, size[0], size[1])
		startSession(t, h)
		// A strip of marks (narrow screen) changes as the answer starts;
		// compare from the first character on.
		h.typeText("越")
		want, col := headerBeforeCounter(t, h, "1/14")
		for _, r := range "境先で学びたい" {
			h.feed(tea.KeyPressMsg{Code: r, Text: string(r)})
			h.contains("未保存")
			if got, c := headerBeforeCounter(t, h, "1/14"); got != want {
				t.Fatalf("%dx%d, %q not yet saved: the counter is at column %d, not %d:\n%s", size[0], size[1], r, c, col, h.screen())
			}
			h.settle()
			h.contains("保存済み")
			if got, c := headerBeforeCounter(t, h, "1/14"); got != want {
				t.Fatalf("%dx%d, %q saved: the counter is at column %d, not %d:\n%s", size[0], size[1], r, c, col, h.screen())
			}
		}
	}
}

var (
	paneCount   = regexp.MustCompile(`問い（回答 (\d+)/(\d+)）`)
	dialogCount = regexp.MustCompile(`回答 (\d+) / (\d+)。`)
)

// counts returns the answered count in the list of prompts and in the
// leave dialog, both on screen.
func counts(t *testing.T, h *harness) (pane, dialog string) {
	t.Helper()
	screen := h.screen()
	p, d := paneCount.FindStringSubmatch(screen), dialogCount.FindStringSubmatch(screen)
	if p == nil || d == nil {
		t.Fatalf("no count in the list of prompts or the leave dialog:\n%s", screen)
	}
	return p[1] + "/" + p[2], d[1] + "/" + d[2]
}

// TestListAndLeaveDialogCountAlike: the list of prompts and the leave
// dialog count the answered prompts the same way (model.Session.Counts),
// at once, before the last words are saved: a prompt with words counts, a
// skipped one and one with only the companion's note do not, and a prompt
// where worries were written down counts.
func TestListAndLeaveDialogCountAlike(t *testing.T) {
	h := newHarness(t, 100, 30)
	startSession(t, h)
	h.typeText("現場を知りたい")
	h.press("ctrl+n", "ctrl+x") // the second prompt skipped
	h.press("tab")
	h.typeText("メモだけ：声が明るい") // the third: a note, no answer
	h.press("shift+tab", "ctrl+n")
	// The fourth: words not saved yet when the dialog opens.
	for _, r := range "帰ってから活かしたい" {
		h.feed(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	h.feed(keyPress("esc"))
	h.contains("セッションを離れます")
	if pane, dialog := counts(t, h); pane != "2/14" || dialog != "2/14" {
		t.Fatalf("list %s, leave dialog %s; want 2/14 both:\n%s", pane, dialog, h.screen())
	}
	h.settle()
	if pane, dialog := counts(t, h); pane != "2/14" || dialog != "2/14" {
		t.Fatalf("once saved: list %s, leave dialog %s; want 2/14 both", pane, dialog)
	}

	// A worry written down answers the prompt that asks for worries.
	h = newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "anxiety")
	jumpTo(t, h, r, "p:worries")
	h.press("enter") // ＋ write down a worry
	h.typeText("戻ったときに居場所があるか心配")
	h.press("esc") // back to the list of worries
	h.contains("戻ったときに居場所があるか心配")
	h.press("esc")
	h.contains("セッションを離れます")
	want := "1/" + strconv.Itoa(len(r.wk.Sess.Steps))
	if pane, dialog := counts(t, h); pane != want || dialog != want {
		t.Fatalf("list %s, leave dialog %s; want %s both:\n%s", pane, dialog, want, h.screen())
	}
}
