package content_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The tags a card of the built-in deck may carry: what its scene has, and
// which side its companion is on.
var (
	sceneTags     = []string{"public-sector", "overseas", "language-barrier", "mid-career"}
	companionTags = []string{"companion-sending", "companion-host", "companion-third-party"}
)

// TestCaseDeckReachesBeyondCompanies: the deck has a card for a learner
// from or at a municipality, one at a host abroad, one facing a language
// barrier and one late in a long career, and one of these scenes has its
// companion at the host or as a third party. Every card says which side
// its companion is on (exactly one companion tag) and uses only known tags,
// so that a card mistagged or a tag misspelt fails here. A card tagged
// mid-career gives the learner's age, in the forties or fifties, in both
// languages; one tagged public-sector names the town or city hall.
func TestCaseDeckReachesBeyondCompanies(t *testing.T) {
	cases := loadEmbedded(t).Rounds.Cases
	age := map[string]*regexp.Regexp{
		"ja": regexp.MustCompile(`[45]\d歳`),
		"en": regexp.MustCompile(`\b(?:[45]\d|forty|fifty)`),
	}
	hall := regexp.MustCompile(`役所|役場`)
	count := map[string]int{}
	beyondWithOthers := 0
	for _, c := range cases {
		companions := 0
		scene := false
		for _, tag := range c.Tags {
			switch {
			case slices.Contains(companionTags, tag):
				companions++
			case slices.Contains(sceneTags, tag):
				scene = true
			default:
				t.Errorf("case %s: unknown tag %q", c.ID, tag)
			}
			count[tag]++
		}
		if companions != 1 {
			t.Errorf("case %s names %d companion tags, want one: %v", c.ID, companions, c.Tags)
		}
		if scene && (slices.Contains(c.Tags, "companion-host") || slices.Contains(c.Tags, "companion-third-party")) {
			beyondWithOthers++
		}
		if slices.Contains(c.Tags, "mid-career") {
			for lang, text := range map[string]string{"ja": c.Scene.Ja, "en": c.Scene.En} {
				if !age[lang].MatchString(text) {
					t.Errorf("case %s is mid-career but its %s scene gives no age in the forties or fifties", c.ID, lang)
				}
			}
		}
		if slices.Contains(c.Tags, "public-sector") && !hall.MatchString(c.Scene.Ja) {
			t.Errorf("case %s is public-sector but its scene names no town or city hall", c.ID)
		}
	}
	for _, tag := range append(slices.Clone(sceneTags), companionTags...) {
		if count[tag] == 0 {
			t.Errorf("no card tagged %s", tag)
		}
	}
	if beyondWithOthers == 0 {
		t.Error("no card of these scenes has its companion at the host or as a third party")
	}
	if t.Failed() {
		var b strings.Builder
		for _, c := range cases {
			b.WriteString(c.ID + " " + strings.Join(c.Tags, ",") + "\n")
		}
		t.Log("the deck's tags:\n" + b.String())
	}
}
