package content_test

import (
	"regexp"
	"strings"
	"testing"

	"bansou/model"
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

var (
	openJa = regexp.MustCompile(`何|どう|どんな|どこ|誰|いつ|なぜ|どの|どれ|どちら|いくつ`)
	openEn = regexp.MustCompile(`(?i)\b(what|how|which|who|whom|when|where|why)\b`)
	// A request to tell or list is open too.
	askJa = regexp.MustCompile(`ください。`)
	askEn = regexp.MustCompile(`^(Tell|List|Name|Describe)\b`)
)

// questionsOf returns the sentences of text that end as a question.
func questionsOf(text string, ja bool) []string {
	var out []string
	if ja {
		for _, s := range strings.SplitAfter(text, "。") {
			if s = strings.TrimSpace(s); strings.HasSuffix(s, "か。") || strings.HasSuffix(s, "でしょう。") || strings.HasSuffix(s, "？") {
				out = append(out, s)
			}
		}
		return out
	}
	for _, s := range strings.SplitAfter(text, "?") {
		if s = strings.TrimSpace(s); strings.HasSuffix(s, "?") {
			if i := strings.LastIndexAny(s[:len(s)-1], ".!"); i >= 0 {
				s = strings.TrimSpace(s[i+1:])
			}
			out = append(out, s)
		}
	}
	return out
}

// TestMainPromptsAreOpen: the main question of every free-text prompt asks
// something the learner answers in their own words, in both languages; it
// is never a yes or no question alone.
func TestMainPromptsAreOpen(t *testing.T) {
	lib := loadEmbedded(t)
	for _, f := range lib.Flows {
		for _, p := range f.Prompts {
			if p.Kind != "" && p.Kind != model.KindText {
				continue
			}
			id := f.ID + "/" + p.ID
			if !openJa.MatchString(p.Text.Ja) && !askJa.MatchString(p.Text.Ja) {
				t.Errorf("%s: ja is a yes/no question: %q", id, p.Text.Ja)
			}
			if !openEn.MatchString(p.Text.En) && !askEn.MatchString(p.Text.En) {
				t.Errorf("%s: en is a yes/no question: %q", id, p.Text.En)
			}
		}
	}
}

// TestRewordedPromptsAskOpenly: the prompts that were yes/no questions ask
// every question openly, the fit at the host asks without the label
// "guest", and the moment of falling short of one's expectations is asked
// about without presuming it.
func TestRewordedPromptsAskOpenly(t *testing.T) {
	lib := loadEmbedded(t)
	for _, id := range []string{
		"anxiety/sort-now-later", "anxiety/family-life", "checkin/someone-to-ask", "checkin/host-ways",
		"checkin/guest-or-member", "checkin/less-than-expected", "checkin/host-manager",
		"checkpoint/outside-ties", "checkpoint/fit", "checkpoint/role-check",
		"reflection/odd-now", "reflection/bring-home", "role-design/host-link",
	} {
		flow, prompt, _ := strings.Cut(id, "/")
		f, ok := lib.Flow(flow)
		if !ok {
			t.Fatalf("no flow %s", flow)
		}
		p, ok := f.Prompt(prompt)
		if !ok {
			t.Fatalf("no prompt %s", id)
		}
		for _, lang := range []struct {
			ja   bool
			text string
			open *regexp.Regexp
		}{{true, p.Text.Ja, openJa}, {false, p.Text.En, openEn}} {
			qs := questionsOf(lang.text, lang.ja)
			if len(qs) == 0 {
				t.Errorf("%s asks nothing: %q", id, lang.text)
			}
			for _, q := range qs {
				if !lang.open.MatchString(q) {
					t.Errorf("%s: %q is a yes/no question", id, q)
				}
			}
		}
	}
	f, _ := lib.Flow("checkin")
	p, _ := f.Prompt("guest-or-member")
	for _, s := range []string{p.Title.Ja, p.Text.Ja, p.Title.En, p.Text.En} {
		if strings.Contains(s, "お客") || strings.Contains(strings.ToLower(s), "guest") {
			t.Errorf("checkin/guest-or-member plants the label: %q", s)
		}
	}
	p, _ = f.Prompt("less-than-expected")
	for _, s := range []string{p.Title.Ja, p.Text.Ja, p.Title.En, p.Text.En} {
		if strings.Contains(s, "できない") || strings.Contains(s, "いかない") || strings.Contains(s, "less than") || strings.Contains(s, "not go") {
			t.Errorf("checkin/less-than-expected presumes a failure: %q", s)
		}
	}
}
