package content_test

import (
	"regexp"
	"strings"
	"testing"
)

// seedRef is a line or a range of lines of the guideline's seed text.
var seedRef = regexp.MustCompile(`^L\d+(–L\d+)?$`)

// TestRefsNameLinesOfTheGuideline: every refs field of a flow, a prompt and
// a follow-up names lines of the seed text only, never of a map made from it.
func TestRefsNameLinesOfTheGuideline(t *testing.T) {
	lib := loadEmbedded(t)
	check := func(where, refs string) {
		t.Helper()
		if refs == "" {
			return
		}
		for _, r := range strings.Split(refs, ",") {
			if !seedRef.MatchString(strings.TrimSpace(r)) {
				t.Errorf("%s: refs %q: %q is not a seed line or range", where, refs, strings.TrimSpace(r))
			}
		}
	}
	for _, f := range lib.Flows {
		check(f.ID, f.Refs)
		for _, p := range f.Prompts {
			check(f.ID+"/"+p.ID, p.Refs)
			for _, fu := range p.Followups {
				check(f.ID+"/"+p.ID+"/"+fu.ID, fu.Refs)
			}
		}
	}
}
