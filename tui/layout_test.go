package tui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// TestPaddingCountsCellsNotCharacters: a Japanese label padded to a column
// takes exactly the column's cells, on either side; text already wider is
// left whole.
func TestPaddingCountsCellsNotCharacters(t *testing.T) {
	for _, c := range []struct {
		got  string
		want string
		w    int
	}{
		{padRight("学習者", 10), "学習者    ", 10},
		{padRight("越境先ab", 9), "越境先ab ", 9},
		{padLeft("１４日", 8), "  １４日", 8},
		{padLeft("3", 4), "   3", 4},
		{padRight("最初の2か月の面談間隔", 6), "最初の2か月の面談間隔", 21},
		{padLeft("その後の面談間隔", 4), "その後の面談間隔", 16},
	} {
		if c.got != c.want || lipgloss.Width(c.got) != c.w {
			t.Errorf("got %q (%d cells), want %q (%d cells)", c.got, lipgloss.Width(c.got), c.want, c.w)
		}
	}
}

// TestTruncateCutsToTheCellAndKeepsOneLine: text cut to a width never
// passes it, even where a two-cell character would straddle the edge; a
// cut ends in "…"; a line break or tab is drawn as a space; text that
// fits is whole.
func TestTruncateCutsToTheCellAndKeepsOneLine(t *testing.T) {
	text := "山田 花子さんの越境学習の記録"
	for w := 2; w <= 30; w++ {
		got := truncate(text, w)
		if lipgloss.Width(got) > w {
			t.Errorf("truncate to %d: %q is %d cells", w, got, lipgloss.Width(got))
		}
		if lipgloss.Width(text) > w && !strings.HasSuffix(got, "…") {
			t.Errorf("truncate to %d: %q has no mark of the cut", w, got)
		}
	}
	if got := truncate(text, 40); got != text {
		t.Errorf("text that fits: %q", got)
	}
	if got := truncate("山田\n花子\tさん", 40); got != "山田 花子 さん" {
		t.Errorf("line break and tab: %q", got)
	}
	if got := truncate("山田", 1); got != "" {
		t.Errorf("one cell: %q", got)
	}
	if got := oneLine(" 山田　花子\n\n さん "); got != "山田 花子 さん" {
		t.Errorf("oneLine: %q", got)
	}
}

// TestWrappingKeepsEveryRowInTheWidth: wrapped Japanese prose keeps every
// row, indent included, within the width, and loses no character.
func TestWrappingKeepsEveryRowInTheWidth(t *testing.T) {
	text := "越境先での最初の一か月は、言葉よりも空気を読むことに疲れました。それでも、毎朝の打ち合わせで一つ質問をすると決めてから少し楽になりました。"
	for _, w := range []int{12, 20, 33, 80} {
		rows := strings.Split(wrapText(text, w, "  "), "\n")
		if w < lipgloss.Width(text) && len(rows) < 2 {
			t.Errorf("width %d: not wrapped: %q", w, rows)
		}
		var joined strings.Builder
		for _, r := range rows {
			if lipgloss.Width(r) > w || !strings.HasPrefix(r, "  ") {
				t.Errorf("width %d: row %q is %d cells", w, r, lipgloss.Width(r))
			}
			joined.WriteString(strings.TrimPrefix(r, "  "))
		}
		if joined.String() != text {
			t.Errorf("width %d: text changed: %q", w, joined.String())
		}
		for _, r := range wrapLines(text, w) {
			if lipgloss.Width(r) > max(w, 10) {
				t.Errorf("wrapLines %d: row %q is %d cells", w, r, lipgloss.Width(r))
			}
		}
	}
}

// TestClipAndFitKeepABlockInItsBox: a block clipped to n lines and w
// cells stays in them and marks the lines cut; fitHeight gives exactly h
// lines.
func TestClipAndFitKeepABlockInItsBox(t *testing.T) {
	block := "一行目の長い長い長い文章です\n二行目\n三行目\n四行目"
	got := clipLines(block, 3, 10)
	if len(got) != 3 || got[2] != "  …" {
		t.Fatalf("clipLines: %q", got)
	}
	for _, l := range got {
		if lipgloss.Width(l) > 10 {
			t.Errorf("clipped line %q is %d cells", l, lipgloss.Width(l))
		}
	}
	for _, h := range []int{1, 4, 7} {
		if n := len(strings.Split(fitHeight(block, h), "\n")); n != h {
			t.Errorf("fitHeight %d: %d lines", h, n)
		}
	}
	if got := prefixLines([]string{"佐藤\x1b[31m"}, "・"); len(got) != 1 || strings.Contains(got[0], "\x1b") || !strings.HasPrefix(got[0], "・佐藤") {
		t.Errorf("prefixLines: %q", got)
	}
}

// TestWindowKeepsTheSelectionInView: scrolling a long list keeps the
// selected line and its margin in the window, never scrolls past the end,
// and shows a short list whole.
func TestWindowKeepsTheSelectionInView(t *testing.T) {
	var lines []string
	for i := range 30 {
		lines = append(lines, fmt.Sprintf("伴走者 %d", i+1))
	}
	for sel := range lines {
		got := window(lines, sel, 10, 2)
		top := windowTop(len(lines), sel, 10, 2)
		if len(got) != 10 || got[0] != lines[top] {
			t.Fatalf("sel %d: %d lines from %q, top %d", sel, len(got), got[0], top)
		}
		if sel < top || sel >= top+10 || (sel+2 < len(lines) && sel+2 >= top+10) {
			t.Errorf("sel %d: window %d–%d leaves it or its margin out", sel, top, top+9)
		}
	}
	if got := window(lines[:5], 4, 10, 2); len(got) != 5 {
		t.Errorf("short list: %d lines", len(got))
	}
	if top := windowTop(30, 29, 10, 2); top != 20 {
		t.Errorf("the end: top %d", top)
	}
}
