package cellwidth

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// ambiguous are East Asian ambiguous-width characters bansou draws.
const ambiguous = "○●─│┃┼█▀▶…é①※→"

func TestGoRunewidthMeasuresAsLipgloss(t *testing.T) {
	for _, r := range ambiguous {
		if !runewidth.IsAmbiguousWidth(r) {
			t.Fatalf("%q is not ambiguous-width; the test proves nothing with it", r)
		}
		s := string(r)
		if got, want := runewidth.StringWidth(s), ansi.StringWidth(s); got != 1 || want != 1 {
			t.Errorf("%q: go-runewidth %d, lipgloss %d cells; want 1", r, got, want)
		}
		if got := runewidth.RuneWidth(r); got != 1 {
			t.Errorf("%q: runewidth.RuneWidth = %d", r, got)
		}
	}
}

// TestApplyAfterALookupTable: a lookup table go-runewidth built for two
// cells does not survive Apply.
func TestApplyAfterALookupTable(t *testing.T) {
	runewidth.DefaultCondition.EastAsianWidth = true
	runewidth.CreateLUT()
	if got := runewidth.RuneWidth('○'); got != 2 {
		t.Fatalf("with the table for two cells ○ is %d", got)
	}
	Apply()
	for _, r := range ambiguous {
		if got := runewidth.RuneWidth(r); got != 1 {
			t.Errorf("%q after Apply: %d cells", r, got)
		}
	}
}
