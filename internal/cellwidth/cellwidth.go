// Package cellwidth decides how many terminal cells an East Asian
// ambiguous-width character takes on bansou's screens: one, whatever the
// locale says. Drawn (drawn.go) writes the few characters that Lip Gloss
// and terminals count differently (ﾀﾞ, ❤️) so that both agree.
//
// Ambiguous-width characters are common in the interface: the step marks
// (○ ●), box drawing in borders and gutters (─ │ ┃ ┼), the round timer's big
// digits and progress bar (█ ▀), ▶, the ellipsis (…) and accented letters
// (é). Lip Gloss, x/ansi, uniseg and displaywidth measure them as one cell,
// and so do the answer editor and the borders Lip Gloss draws.
// go-runewidth alone reads the locale when the program starts, and with
// LANG=ja_JP.UTF-8 (the usual setting on a Japanese Mac) it counts them as
// two. Code asking go-runewidth's package-wide functions would then disagree
// with everything that draws the screen, and lines would come out a cell too
// wide or too short.
//
// bansou does not follow the locale for this, nor go-runewidth's
// RUNEWIDTH_EASTASIAN: borders and layouts are drawn assuming one cell, so
// one cell it is, everywhere. A terminal set to show ambiguous-width
// characters as double width breaks the borders of any Lip Gloss program; the
// README asks for the terminal setting "ambiguous-width characters: single
// width" instead. (x/ansi, and so Lip Gloss, also switch to two cells when
// RUNEWIDTH_EASTASIAN=1 is set at start-up; that cannot be undone from here,
// so the variable is best left unset.)
//
// Importing the package is enough: its init runs after go-runewidth's (which
// reads the locale) and before any package that imports it. The tui package
// imports it, so every user of the interface, the tests included, measures
// the same way. Code in bansou should still not rely on go-runewidth's
// package-wide setting: measure with lipgloss.Width, ansi.StringWidth or an
// explicit condition.
package cellwidth

import "github.com/mattn/go-runewidth"

func init() { Apply() }

// Apply makes go-runewidth's package-wide functions (runewidth.RuneWidth,
// runewidth.StringWidth, and what is built on them, such as the bubbles text
// area) count East Asian ambiguous-width characters as one cell. It runs
// when the package is initialised; calling it again does nothing new. It is
// not safe to call while other goroutines measure text.
func Apply() {
	runewidth.DefaultCondition.EastAsianWidth = false
	runewidth.EastAsianWidth = false
	// A lookup table built earlier for the other setting would still
	// answer; rebuild it. (é is ambiguous, and below the range go-runewidth
	// builds lazily, so asking costs nothing.)
	if runewidth.RuneWidth('é') != 1 {
		runewidth.CreateLUT()
	}
}

// Warm builds go-runewidth's tables for characters beyond Latin (about 10
// ms on the project's VM, done once, at the first such character it
// measures) now. The terminal renderer measures every cell of a frame with
// it, so the first frame would wait for them: bansou calls Warm in a
// goroutine as it starts, while the content loads and the store opens.
func Warm() { runewidth.RuneWidth('あ') }
