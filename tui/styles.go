package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Theme says how to colour the interface.
type Theme struct {
	// Dark is for a dark terminal background. Unless Fixed, it is only the
	// starting guess: the App asks the terminal for its background colour
	// and switches to the light or dark palette when the answer comes.
	Dark bool
	// NoColor (NO_COLOR) means no colours at all, whatever the background.
	NoColor bool
	// Fixed means the user chose Dark (bansou --theme light|dark): the
	// terminal is not asked for its background and an answer is ignored.
	Fixed bool
}

// followsBackground reports whether the terminal's background colour
// decides between the light and the dark palette.
func (t Theme) followsBackground() bool { return !t.Fixed && !t.NoColor }

// GlamourStyle is the glamour standard style for the theme.
func (t Theme) GlamourStyle() string {
	switch {
	case t.NoColor:
		return "notty"
	case t.Dark:
		return "dark"
	}
	return "light"
}

// styles is the only place colours appear.
type styles struct {
	title, heading, label, muted, accent, selected lipgloss.Style
	errText, okText, warnText                      lipgloss.Style
	hint, hintLabel, paneTitle, paneTitleFocus     lipgloss.Style
	answered, skipped, open                        lipgloss.Style
	gutter, gutterFocus                            lipgloss.Style
	dialog, match                                  lipgloss.Style
	placeholder                                    lipgloss.Style // an example or a default in an empty field
	help                                           help.Styles
}

func newStyles(t Theme) styles {
	pick := func(light, dark string) color.Color {
		if t.NoColor {
			return lipgloss.NoColor{}
		}
		if t.Dark {
			return lipgloss.Color(dark)
		}
		return lipgloss.Color(light)
	}
	accent := pick("#00787A", "#5FD7D7")
	muted := pick("#6C6C6C", "#9E9E9E")
	warn := pick("#AF5F00", "#FFAF5F")
	bad := pick("#AF0000", "#FF5F5F")
	good := pick("#00875F", "#87D787")
	selBG := pick("#D7EEEE", "#264D4D")

	s := styles{
		title:          lipgloss.NewStyle().Bold(true).Foreground(accent),
		heading:        lipgloss.NewStyle().Bold(true),
		label:          lipgloss.NewStyle().Bold(true).Foreground(muted),
		muted:          lipgloss.NewStyle().Foreground(muted),
		accent:         lipgloss.NewStyle().Foreground(accent),
		selected:       lipgloss.NewStyle().Bold(true).Background(selBG),
		errText:        lipgloss.NewStyle().Bold(true).Foreground(bad),
		okText:         lipgloss.NewStyle().Foreground(good),
		warnText:       lipgloss.NewStyle().Foreground(warn),
		hint:           lipgloss.NewStyle().Foreground(muted),
		hintLabel:      lipgloss.NewStyle().Bold(true).Foreground(warn),
		paneTitle:      lipgloss.NewStyle().Bold(true).Foreground(muted),
		paneTitleFocus: lipgloss.NewStyle().Bold(true).Foreground(accent),
		answered:       lipgloss.NewStyle().Foreground(good),
		skipped:        lipgloss.NewStyle().Foreground(muted),
		open:           lipgloss.NewStyle().Foreground(muted),
		gutter:         lipgloss.NewStyle().Foreground(muted),
		gutterFocus:    lipgloss.NewStyle().Foreground(accent),
		dialog:         lipgloss.NewStyle().Padding(0, 1),
		match:          lipgloss.NewStyle().Bold(true).Underline(true).Foreground(warn),
		placeholder:    lipgloss.NewStyle().Italic(true).Foreground(muted),
	}
	if t.NoColor {
		// Without colour, attributes carry the meaning: faint for what is
		// secondary (placeholders, hints), reverse for the selection.
		s.selected = lipgloss.NewStyle().Reverse(true)
		faint := lipgloss.NewStyle().Faint(true)
		s.muted, s.hint, s.open, s.skipped, s.gutter = faint, faint, faint, faint, faint
		s.placeholder = faint.Italic(true)
	}
	s.help = help.DefaultStyles(t.Dark)
	if t.NoColor {
		plain := lipgloss.NewStyle()
		s.help = help.Styles{
			Ellipsis: plain, ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
			FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain,
		}
	}
	return s
}
