package tui

import (
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// japaneseLocaleChild is set in the environment of the test binary when it
// runs again under a Japanese locale.
const japaneseLocaleChild = "BANSOU_TEST_JAPANESE_LOCALE_CHILD"

// TestAmbiguousWidthUnderJapaneseLocale draws screens full of East Asian
// ambiguous-width characters beside Japanese text — the session runner with
// its step list (● ○) and gutters (│ ┃), a peer round with its big clock
// (█ ▀), progress bar and ▶, and the round's summary with a table (│ ┼ ─)
// and an ellipsis hung at the end of a line — and compares them with the
// same golden files twice: here, under whatever locale the tests run in, and
// in a fresh run of this test binary under LANG=ja_JP.UTF-8, with which
// go-runewidth counts those characters as two cells unless told otherwise.
func TestAmbiguousWidthUnderJapaneseLocale(t *testing.T) {
	if os.Getenv(japaneseLocaleChild) != "" {
		// The locale has to have taken effect, or this proves nothing.
		if !runewidth.IsEastAsian() {
			t.Fatalf("go-runewidth does not see an East Asian locale (LANG=%q LC_ALL=%q LC_CTYPE=%q)",
				os.Getenv("LANG"), os.Getenv("LC_ALL"), os.Getenv("LC_CTYPE"))
		}
		for _, r := range "○●─│┃┼█▀▶…é" {
			if w, lw := runewidth.RuneWidth(r), lipgloss.Width(string(r)); w != 1 || lw != 1 {
				t.Errorf("%q: go-runewidth %d, lipgloss %d cells; want 1", r, w, lw)
			}
		}
		drawLocaleScreens(t)
		return
	}

	drawLocaleScreens(t)

	if runtime.GOOS == "windows" || runtime.GOOS == "js" {
		return // go-runewidth does not read LANG there
	}
	cmd := exec.CommandContext(t.Context(), os.Args[0],
		"-test.run=^TestAmbiguousWidthUnderJapaneseLocale$", "-test.count=1", "-test.timeout=2m", "-test.v")
	for _, kv := range os.Environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "LANG", "LC_ALL", "LC_CTYPE", "RUNEWIDTH_EASTASIAN", japaneseLocaleChild:
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "LANG=ja_JP.UTF-8", japaneseLocaleChild+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("under LANG=ja_JP.UTF-8: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestAmbiguousWidthUnderJapaneseLocale") {
		t.Fatalf("under LANG=ja_JP.UTF-8 the test did not run:\n%s", out)
	}
}

// drawLocaleScreens draws the screens, checks that they fit and line up,
// and compares each with its golden file.
func drawLocaleScreens(t *testing.T) {
	t.Helper()

	// A purpose session: the step list on the right, an answer and a note
	// with ambiguous-width characters among the Japanese.
	h := newHarness(t, 80, 24)
	startSession(t, h)
	h.typeText("① 新しい事業の立ち上げ→現場で一から経験したい※\nカフェ（café）の店長とも話す…")
	h.press("tab")
	h.typeText("声が明るくなった→次回も確認")
	checkLocaleScreen(t, h, "session runner", true, false)
	h.golden("locale_runner_ja_80x24")

	// A peer round with the clock running, two and a half minutes in.
	now := clock
	h = newHarness(t, 80, 24, withClock(&now))
	setupRound(t, h)
	h.typeText("佐藤 一郎")
	h.press("enter")
	h.typeText("田中　陽")
	h.press("ctrl+s")
	r := h.runnerOnTop()
	h.waitUntil("round loaded", func() bool { return r.loaded })
	h.press("ctrl+t", "space")
	// Shaped so that the summary below wraps right before the ellipsis,
	// which is then hung at the end of the line before; "5" follows it so
	// that a mark measured two cells wide would take the digit along.
	h.typeText("田中：週報に「何も貢献できていない」と書いた件で、上司の返事もなく話が尽きず…5分延長した。")
	now = now.Add(2*time.Minute + 30*time.Second)
	h.press("ctrl+t", "esc") // redraw the clock, back to the notes
	h.contains("▶ 進行中")
	checkLocaleScreen(t, h, "round", true, false)
	h.golden("locale_round_ja_80x24")

	// Its summary, scrolled to show the table and the notes.
	h.press("esc", "f")
	h.waitUntil("round finished", func() bool { _, ok := h.top().(*roundsScreen); return ok })
	h.press("enter")
	h.waitUntil("summary", func() bool {
		_, ok := h.top().(*review)
		return ok && strings.Contains(h.screen(), "参加者と役割")
	})
	h.press("down", "down", "down")
	// The ellipsis hangs at the end of the line, alone.
	lines := strings.Split(h.screen(), "\n")
	hung := false
	for i, l := range lines {
		body := strings.TrimSpace(l)
		if strings.HasPrefix(body, "…") {
			t.Errorf("a line of the summary starts with the ellipsis: %q", l)
		}
		if strings.HasSuffix(body, "話が尽きず…") && i+1 < len(lines) {
			hung = strings.TrimSpace(lines[i+1]) == "5分延長した。"
		}
	}
	if !hung {
		t.Errorf("the ellipsis does not hang alone at the end of a line; reshape the notes:\n%s", h.screen())
	}
	checkLocaleScreen(t, h, "round summary", false, true)
	h.golden("locale_round_summary_ja_80x24")
}

// checkLocaleScreen checks that no line is wider than the terminal, that the
// step list on the right starts at one column on every line (when list),
// and that a table's separators line up (when table).
func checkLocaleScreen(t *testing.T, h *harness, where string, list, table bool) {
	t.Helper()
	lines := strings.Split(h.app.View().Content, "\n")
	if len(lines) != 24 {
		t.Errorf("%s: %d lines, want 24", where, len(lines))
	}
	listCol, listRows := -1, 0
	var tableCols []int
	tableRows := 0
	for i, l := range lines {
		if w := lipgloss.Width(l); w > 80 {
			t.Errorf("%s: line %d is %d cells wide: %q", where, i, w, ansi.Strip(l))
		}
		plain := ansi.Strip(l)
		// The step list: the last "● " or "○ " on the line.
		if at := max(strings.LastIndex(plain, "● "), strings.LastIndex(plain, "○ ")); at > 0 {
			listRows++
			col := ansi.StringWidth(plain[:at])
			if listCol < 0 {
				listCol = col
			} else if col != listCol {
				t.Errorf("%s: line %d has the step list at column %d, not %d:\n%s", where, i, col, listCol, plain)
			}
		}
		// A table row or rule: the columns of its separators.
		var cols []int
		col := 0
		for _, r := range plain {
			if r == '│' || r == '┼' {
				cols = append(cols, col)
			}
			col += ansi.StringWidth(string(r))
		}
		if len(cols) > 1 {
			tableRows++
			if tableCols == nil {
				tableCols = cols
			} else if !slices.Equal(cols, tableCols) {
				t.Errorf("%s: line %d has table separators at %v, not %v:\n%s", where, i, cols, tableCols, plain)
			}
		}
	}
	if list && listRows < 5 {
		t.Errorf("%s: no step list:\n%s", where, h.screen())
	}
	if table && tableRows < 3 {
		t.Errorf("%s: no table:\n%s", where, h.screen())
	}
}
