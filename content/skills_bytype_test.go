package content_test

import (
	"regexp"
	"strconv"
	"testing"

	"bansou/model"
)

// typeSkillLine is the guideline's line of the first skill of each group in
// the section for each companion type (seed 000): the sending side at
// L2309–L2349, the host at L2359–L2399 and the third party at L2409–L2449,
// the five skills of a group on consecutive lines in the map's order.
var typeSkillLine = map[model.CompanionType]map[model.SkillGroup]int{
	model.Sending:    {model.GroupBefore: 2309, model.GroupDuring: 2321, model.GroupAfter: 2333, model.GroupAcross: 2345},
	model.Host:       {model.GroupBefore: 2359, model.GroupDuring: 2371, model.GroupAfter: 2383, model.GroupAcross: 2395},
	model.ThirdParty: {model.GroupBefore: 2409, model.GroupDuring: 2421, model.GroupAfter: 2433, model.GroupAcross: 2445},
}

// TestEverySkillHasEachTypesFocusAndCaution: the guideline restates every
// skill for the companion on the sending side, at the host and as a third
// party, each with where that type puts its weight and what it must watch.
// Every built-in skill carries all three, in both languages, citing the
// guideline's line for that skill and type.
func TestEverySkillHasEachTypesFocusAndCaution(t *testing.T) {
	m := loadEmbedded(t).Skills
	lineRef := regexp.MustCompile(`L(\d+)(?:\s*[–-]\s*L?(\d+))?`)
	for _, g := range model.SkillGroups {
		for i, id := range m.InGroup(g) {
			s, _ := m.Skill(id)
			for _, ct := range model.CompanionTypes {
				f, ok := s.ByType[ct]
				if !ok {
					t.Errorf("%s has no focus and caution for the %s companion", s.ID, ct)
					continue
				}
				both(t, s.ID+" focus for "+string(ct), f.Focus)
				both(t, s.ID+" caution for "+string(ct), f.Caution)
				want := typeSkillLine[ct][g] + i
				cited := false
				for _, r := range lineRef.FindAllStringSubmatch(f.Refs, -1) {
					from, _ := strconv.Atoi(r[1])
					to := from
					if r[2] != "" {
						to, _ = strconv.Atoi(r[2])
					}
					cited = cited || from <= want && want <= to
				}
				if !cited {
					t.Errorf("%s for %s: refs %q do not cite L%d, the guideline's line for this skill and type", s.ID, ct, f.Refs, want)
				}
			}
		}
	}
}

// TestSkillFocusDiffersByType guards against one type's focus or caution
// pasted under another: within a skill, no two types say the same thing in
// either language.
func TestSkillFocusDiffersByType(t *testing.T) {
	m := loadEmbedded(t).Skills
	for _, s := range m.Skills {
		seen := map[string]model.CompanionType{}
		for _, ct := range model.CompanionTypes {
			f, ok := s.ByType[ct]
			if !ok {
				continue
			}
			for _, say := range []string{
				"focus ja:" + f.Focus.Ja, "focus en:" + f.Focus.En,
				"caution ja:" + f.Caution.Ja, "caution en:" + f.Caution.En,
			} {
				if prev, dup := seen[say]; dup {
					t.Errorf("%s: the %s companion's text repeats the %s companion's: %q", s.ID, ct, prev, say)
				}
				seen[say] = ct
			}
		}
		if len(s.ByType) < len(model.CompanionTypes) {
			t.Errorf("%s gives %d of the %d companion types a focus", s.ID, len(s.ByType), len(model.CompanionTypes))
		}
	}
}
