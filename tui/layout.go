package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/internal/cellwidth" // and ambiguous width is one cell
	"bansou/model"
	"bansou/tui/editor"
)

// Text as the screens lay it out: what a string looks like on a terminal,
// and how it is cut, padded, wrapped and scrolled to a number of cells.
// Widths are cells as lipgloss.Width counts them (a Japanese character is
// two), never bytes or runes.

// shown is text as a screen draws it: controls as visible stand-ins
// (model.TermSafe), and the few characters whose width Lip Gloss counts
// otherwise than terminals do written so that both agree (cellwidth.Drawn:
// ﾀﾞ is drawn ダ, in the two cells a terminal gives ﾀﾞ). What is stored is
// never changed.
func shown(s string) string { return cellwidth.Drawn(model.TermSafe(s)) }

// shownLine is shown for a single-line field: a line break or tab in it
// is drawn as a space, so that it never starts a row.
func shownLine(s string) string { return cellwidth.Drawn(model.TermSafeLine(s)) }

// oneLine folds every run of spaces and line breaks into one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func stripANSI(s string) string { return ansi.Strip(s) }

// truncate cuts plain text to w cells, on one line, safe for the terminal.
func truncate(s string, w int) string {
	if w <= 1 {
		return ""
	}
	return ansi.Truncate(shownLine(s), w, "…")
}

// padRight pads s with spaces to w cells.
func padRight(s string, w int) string {
	if d := w - lipgloss.Width(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// padLeft pads plain text on the left to w cells.
func padLeft(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// wrapLines wraps plain text to w cells.
func wrapLines(s string, w int) []string { return editor.Wrap(s, max(w, 10)) }

// wrapText wraps plain text to width and indents every row.
func wrapText(s string, width int, indent string) string {
	rows := editor.Wrap(shown(s), max(width-lipgloss.Width(indent), 4))
	return strings.Join(prefixLines(rows, indent), "\n")
}

// prefixLines puts prefix before each line of plain text, drawn as shown.
func prefixLines(lines []string, prefix string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = prefix + shown(l)
	}
	return out
}

// prefixStyled puts prefix before each line, in place, of lines already
// drawn.
func prefixStyled(lines []string, prefix string) []string {
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return lines
}

// clipLines splits s into lines, keeps at most n (marking a cut) and cuts
// each to w cells.
func clipLines(s string, n, w int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n-1], "  …")
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return lines
}

// fitHeight pads or cuts s to exactly h lines, so no screen can push the
// footer away. Screens keep their lines within the width themselves.
func fitHeight(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// window returns up to h lines of lines, scrolled so that line sel is
// visible with margin lines around it where possible.
func window[T any](lines []T, sel, h, margin int) []T {
	top := windowTop(len(lines), sel, h, margin)
	if h <= 0 || len(lines) <= h {
		return lines
	}
	return lines[top : top+h]
}

// windowTop is the first line window shows.
func windowTop(n, sel, h, margin int) int {
	if h <= 0 || n <= h {
		return 0
	}
	top := 0
	if sel+margin >= h {
		top = sel + margin - h + 1
	}
	return max(0, min(top, n-h))
}
