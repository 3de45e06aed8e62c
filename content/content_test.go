package content_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"bansou/content"
	"bansou/model"
)

// TestEmbeddedContentLoads fails on any validation error in the built-in
// content.
func TestEmbeddedContentLoads(t *testing.T) {
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatalf("built-in content does not load:\n%v", err)
	}
	if len(lib.Flows) == 0 {
		t.Fatal("no flows")
	}
}

func loadEmbedded(t *testing.T) *model.Library {
	t.Helper()
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestEveryFlowIsCompleteInBothLanguages checks each flow and prompt for its
// Japanese and English text, hints, follow-ups and guideline references.
func TestEveryFlowIsCompleteInBothLanguages(t *testing.T) {
	lib := loadEmbedded(t)
	both := func(what string, tx model.Text) {
		t.Helper()
		if strings.TrimSpace(tx.Ja) == "" || strings.TrimSpace(tx.En) == "" {
			t.Errorf("%s lacks a language: %+v", what, tx)
		}
		// The Japanese side must be Japanese and the English side not.
		if !hasJapanese(tx.Ja) {
			t.Errorf("%s: ja text has no Japanese: %q", what, tx.Ja)
		}
		if hasJapanese(tx.En) {
			t.Errorf("%s: en text contains Japanese: %q", what, tx.En)
		}
	}
	for _, f := range lib.Flows {
		both(f.ID+" title", f.Title)
		both(f.ID+" summary", f.Summary)
		if len(f.Prompts) < 8 {
			t.Errorf("%s has only %d prompts", f.ID, len(f.Prompts))
		}
		for _, p := range f.Prompts {
			id := f.ID + "/" + p.ID
			both(id+" title", p.Title)
			both(id+" text", p.Text)
			both(id+" listen", p.Listen)
			both(id+" avoid", p.Avoid)
			if len(p.Followups) == 0 {
				t.Errorf("%s has no follow-up", id)
			}
			for _, fu := range p.Followups {
				both(id+"/"+fu.ID, fu.Text)
			}
			for i, l := range p.Scale {
				both(fmt.Sprintf("%s scale %d", id, i+1), l)
			}
			for _, o := range p.Options {
				both(id+" option "+o.ID, o.Text)
			}
			if !strings.Contains(p.Refs, "L") {
				t.Errorf("%s has no guideline line reference", id)
			}
		}
	}
}

func TestPurposeFlowHasTenPrompts(t *testing.T) {
	f, ok := loadEmbedded(t).Flow("purpose")
	if !ok || f.Phase != model.Before || f.Mode != model.OneOnOne || len(f.Prompts) < 10 {
		t.Fatalf("purpose flow: %+v", f)
	}
}

// agreementTopics are the topics the three-party agreement covers.
var agreementTopics = []string{"role-scope", "period", "evaluation", "return", "reporting", "contacts", "confidentiality", "success"}

func TestTheWholeStintIsCovered(t *testing.T) {
	lib := loadEmbedded(t)
	want := map[string]struct {
		phase model.Phase
		use   model.Use
		kinds []model.AnswerKind
	}{
		"anxiety":     {model.Before, model.UseNone, []model.AnswerKind{model.KindAnxiety, model.KindScale}},
		"agreement":   {model.Before, model.UseAgreement, []model.AnswerKind{model.KindAgreement}},
		"sendoff":     {model.Before, model.UseNone, []model.AnswerKind{model.KindAction}},
		"arrival":     {model.During, model.UseArrival, []model.AnswerKind{model.KindAction}},
		"checkin":     {model.During, model.UseCheckin, []model.AnswerKind{model.KindScale, model.KindAction}},
		"revisit":     {model.During, model.UseRevisit, []model.AnswerKind{model.KindAgreement}},
		"wrapup":      {model.During, model.UseWrapUp, []model.AnswerKind{model.KindAction}},
		"reflection":  {model.After, model.UseNone, nil},
		"role-design": {model.After, model.UseNone, []model.AnswerKind{model.KindAction}},
		"checkpoint":  {model.After, model.UseCheckpoint, []model.AnswerKind{model.KindScale, model.KindAction}},
	}
	for id, w := range want {
		f, ok := lib.Flow(id)
		if !ok {
			t.Errorf("flow %s missing", id)
			continue
		}
		if f.Phase != w.phase || f.Use != w.use {
			t.Errorf("%s: phase %s use %q", id, f.Phase, f.Use)
		}
		for _, k := range w.kinds {
			if !slices.ContainsFunc(f.Prompts, func(p model.Prompt) bool { return p.Kind == k }) {
				t.Errorf("%s has no prompt of kind %s", id, k)
			}
		}
	}
	for _, id := range []string{"agreement", "revisit"} {
		f, _ := lib.Flow(id)
		var topics []string
		for _, p := range f.Prompts {
			if p.Kind == model.KindAgreement {
				topics = append(topics, p.ID)
			}
		}
		if !slices.Equal(topics, agreementTopics) {
			t.Errorf("%s topics = %v, want %v", id, topics, agreementTopics)
		}
	}
	// The stint is listed in its own order: joining the host first, summing
	// up last.
	var during []string
	for _, f := range lib.Flows {
		if f.Phase == model.During {
			during = append(during, f.ID)
		}
	}
	if want := []string{"arrival", "checkin", "revisit", "wrapup"}; !slices.Equal(during, want) {
		t.Errorf("during the stint: %v, want %v", during, want)
	}
	f, _ := lib.Flow("anxiety")
	p, _ := f.Prompt("worries")
	if p.Kind != model.KindAnxiety || len(p.Options) < 6 {
		t.Errorf("anxiety categories: %+v", p.Options)
	}
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30FF || r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// copyRun is the length, in characters, of a run shared with the guideline
// that counts as copying rather than as a stock phrase.
const copyRun = 15

// TestContentIsNotCopiedFromTheGuideline looks for any run of copyRun
// characters of the built-in Japanese content in the guideline's text. The
// content is written in bansou's own words. The guideline is read from the
// shared folder beside the repository.
func TestContentIsNotCopiedFromTheGuideline(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "shared", "seeds", "000_3843adc19b99da35.txt"))
	if err != nil {
		t.Skipf("the guideline's text is not beside the repository (%v)", err)
	}
	squeeze := func(s string) []rune {
		return []rune(strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s))
	}
	guide := squeeze(string(src))
	runs := make(map[string]bool, len(guide))
	for i := 0; i+copyRun <= len(guide); i++ {
		runs[string(guide[i:i+copyRun])] = true
	}
	check := func(where, text string) {
		r := squeeze(text)
		for i := 0; i+copyRun <= len(r); i++ {
			if runs[string(r[i:i+copyRun])] {
				t.Errorf("%s repeats the guideline: %q", where, string(r[i:i+copyRun]))
				return
			}
		}
	}
	lib := loadEmbedded(t)
	for _, s := range lib.Skills.Skills {
		check(s.ID+" definition", s.Definition.Ja)
		for lv := 1; lv <= model.Levels; lv++ {
			check(fmt.Sprintf("%s level %d", s.ID, lv), s.Level(lv).Ja)
		}
		for _, m := range s.Methods {
			check(s.ID+" method", m.Text.Ja)
		}
		for ct, f := range s.ByType {
			check(s.ID+" focus for "+string(ct), f.Focus.Ja)
			check(s.ID+" caution for "+string(ct), f.Caution.Ja)
		}
	}
	for _, b := range lib.Skills.Balance {
		check(b.ID+" text", b.Text.Ja)
		check(b.ID+" question", b.Question.Ja)
	}
	for _, f := range lib.Rounds.Formats {
		check(f.ID+" summary", f.Summary.Ja)
		for _, p := range f.Phases {
			check(f.ID+"/"+p.ID+" question", p.Question.Ja)
			check(f.ID+"/"+p.ID+" capture", p.Capture.Ja)
		}
		for _, r := range f.Roles {
			check(f.ID+" role "+r.ID, r.Brief.Ja)
		}
	}
	for _, c := range lib.Rounds.Cases {
		check(c.ID+" scene", c.Scene.Ja)
		check(c.ID+" question", c.Question.Ja)
	}
	for _, sec := range lib.Orientation {
		check("orientation "+sec.ID, sec.Text.Ja)
	}
	for _, f := range lib.Flows {
		check(f.ID+" summary", f.Summary.Ja)
		for _, p := range f.Prompts {
			id := f.ID + "/" + p.ID
			for what, text := range map[string]string{"text": p.Text.Ja, "listen": p.Listen.Ja, "avoid": p.Avoid.Ja} {
				check(id+" "+what, text)
			}
			for _, fu := range p.Followups {
				check(id+"/"+fu.ID, fu.Text.Ja)
			}
			for ct, v := range p.ByType {
				for what, text := range map[string]string{"text": v.Text.Ja, "listen": v.Listen.Ja, "avoid": v.Avoid.Ja} {
					check(id+" for "+string(ct)+" "+what, text)
				}
			}
		}
	}
}
