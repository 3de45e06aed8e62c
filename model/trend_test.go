package model

import (
	"testing"
	"time"
)

// TestTrendOfASkillAcrossReviews: four reviews of 目的抽出 rated 2, then
// not rated, then 4 and 5, and 期待調整 rated 3, 3, 1: the trend marks each
// review oldest first, · where it was not rated, and the last few when
// asked for fewer; the direction leaves the unrated review out.
func TestTrendOfASkillAcrossReviews(t *testing.T) {
	day := func(m int) time.Time { return time.Date(2026, time.Month(m), 10, 9, 0, 0, 0, time.UTC) }
	h := History{
		{At: day(1), Ratings: map[string]Rating{"purpose-elicitation": {Level: 2}, "expectation-alignment": {Level: 3}}},
		{At: day(4), Ratings: map[string]Rating{"expectation-alignment": {Level: 3, Evidence: "面談の前に期待を書き出した。"}}},
		{At: day(7), Ratings: map[string]Rating{"purpose-elicitation": {Level: 4}, "expectation-alignment": {Level: 1}}},
		{At: day(10), Ratings: map[string]Rating{"purpose-elicitation": {Level: 5}}},
	}
	for _, c := range []struct {
		skill string
		n     int
		want  string
		dir   Direction
	}{
		{"purpose-elicitation", 0, "▂·▄▅", DirectionUp},
		{"purpose-elicitation", 2, "▄▅", DirectionUp},
		{"expectation-alignment", 0, "▃▃▁·", DirectionDown},
		{"agreement-building", 0, "····", DirectionNone},
	} {
		levels := h.Levels(c.skill)
		if got := Sparkline(levels, c.n); got != c.want {
			t.Errorf("%s (last %d): %q, want %q", c.skill, c.n, got, c.want)
		}
		if got := DirectionOf(levels); got != c.dir {
			t.Errorf("%s: direction %q, want %q", c.skill, got, c.dir)
		}
	}
	if got := DirectionOf([]int{2, 4, 3}); got != DirectionMixed {
		t.Errorf("2, 4, 3: %q", got)
	}
	if got := DirectionOf([]int{3, 0, 3}); got != DirectionFlat {
		t.Errorf("3, ·, 3: %q", got)
	}
}
