package content_test

import (
	"regexp"
	"strings"
	"testing"

	"bansou/model"
)

// TestSkillMapHasTwentySkills checks the built-in map against the guideline:
// 20 skills, five in each of the three phases and five across the whole
// process, each with a definition, five distinct levels and at least one way
// to develop it, in both languages, with the guideline lines it draws on.
func TestSkillMapHasTwentySkills(t *testing.T) {
	lib := loadEmbedded(t)
	m := lib.Skills
	if m == nil {
		t.Fatal("the built-in content has no skill map")
	}
	if len(m.Skills) != 20 {
		t.Fatalf("%d skills, want 20", len(m.Skills))
	}
	want := map[model.SkillGroup][]string{
		model.GroupBefore: {"目的抽出", "期待調整", "合意形成", "協働調整", "不安可視化"},
		model.GroupDuring: {"進捗確認", "人脈支援", "文化支援", "創発促進", "連絡役"},
		model.GroupAfter:  {"振り返り促進", "役割設計", "実験推進", "社内PR", "つながり支援"},
		model.GroupAcross: {"観察傾聴", "取り次ぎ", "代案提示", "成果翻訳", "相互学習"},
	}
	for g, names := range want {
		ids := m.InGroup(g)
		if len(ids) != 5 {
			t.Errorf("group %s has %d skills, want 5", g, len(ids))
			continue
		}
		for i, id := range ids {
			s, _ := m.Skill(id)
			if s.Name.Ja != names[i] {
				t.Errorf("group %s skill %d is %q, want %q", g, i+1, s.Name.Ja, names[i])
			}
		}
	}
	refs := regexp.MustCompile(`L\d{3,4}`)
	for _, s := range m.Skills {
		both(t, s.ID+" name", s.Name)
		both(t, s.ID+" definition", s.Definition)
		if !refs.MatchString(s.Refs) {
			t.Errorf("%s cites no guideline lines: %q", s.ID, s.Refs)
		}
		seen := map[string]int{}
		for lv := 1; lv <= model.Levels; lv++ {
			tx := s.Level(lv)
			both(t, s.ID+" level", tx)
			for _, side := range []string{"ja:" + tx.Ja, "en:" + tx.En} {
				if prev, dup := seen[side]; dup {
					t.Errorf("%s: level %d repeats level %d", s.ID, lv, prev)
				}
				seen[side] = lv
			}
		}
		if len(s.Methods) == 0 {
			t.Errorf("%s has no development methods", s.ID)
		}
		for _, me := range s.Methods {
			both(t, s.ID+" method title", me.Title)
			both(t, s.ID+" method", me.Text)
		}
	}
	if len(m.Balance) != 5 {
		t.Errorf("%d balance items, want the three over-support patterns, their background causes and under-support", len(m.Balance))
	}
	if _, ok := balanceItem(m, "over-causes"); !ok {
		t.Error("no balance item for the background causes of over-support (L1886–L1906)")
	}
	for _, b := range m.Balance {
		both(t, b.ID+" name", b.Name)
		both(t, b.ID+" text", b.Text)
		both(t, b.ID+" question", b.Question)
	}
}

func both(t *testing.T, what string, tx model.Text) {
	t.Helper()
	if strings.TrimSpace(tx.Ja) == "" || strings.TrimSpace(tx.En) == "" {
		t.Errorf("%s lacks a language: %+v", what, tx)
	}
	if !hasJapanese(tx.Ja) {
		t.Errorf("%s: ja text has no Japanese: %q", what, tx.Ja)
	}
	if hasJapanese(tx.En) {
		t.Errorf("%s: en text contains Japanese: %q", what, tx.En)
	}
	if strings.Contains(tx.Ja+tx.En, "L3") || strings.Contains(tx.Ja+tx.En, "L2") {
		if regexp.MustCompile(`L\d{3,4}`).MatchString(tx.Ja + tx.En) {
			t.Errorf("%s shows a guideline line number in the text: %+v", what, tx)
		}
	}
}

// TestEveryFlowNamesTheSkillsItExercises: feedback from the learner on a
// session is set beside the companion's rating of the flow's skills, so
// every learner flow names at least one.
func TestEveryFlowNamesTheSkillsItExercises(t *testing.T) {
	lib := loadEmbedded(t)
	for _, f := range lib.Flows {
		if len(f.Skills) == 0 {
			t.Errorf("flow %s names no skills", f.ID)
		}
	}
}

func balanceItem(m *model.SkillMap, id string) (model.BalanceItem, bool) {
	for _, b := range m.Balance {
		if b.ID == id {
			return b, true
		}
	}
	return model.BalanceItem{}, false
}
