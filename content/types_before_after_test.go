package content_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"bansou/model"
)

// baPrompt returns the prompt named "flow/prompt", failing the test without
// it.
func baPrompt(t *testing.T, lib *model.Library, id string) model.Prompt {
	t.Helper()
	flow, prompt, _ := strings.Cut(id, "/")
	f, ok := lib.Flow(flow)
	if !ok {
		t.Fatalf("no flow %s", flow)
	}
	p, ok := f.Prompt(prompt)
	if !ok {
		t.Fatalf("no prompt %s", id)
	}
	return p
}

// TestAnxietyCategoriesIncludeCaregiving: caring for a family member or
// raising children is a worry of its own among the anxiety ledger's
// categories, and every category id saved entries use is still there.
func TestAnxietyCategoriesIncludeCaregiving(t *testing.T) {
	p := baPrompt(t, loadEmbedded(t), "anxiety/worries")
	if p.Kind != model.KindAnxiety {
		t.Fatalf("anxiety/worries: %+v", p)
	}
	var ids []string
	for _, o := range p.Options {
		ids = append(ids, o.ID)
		if o.ID == "caregiving" && (!strings.Contains(o.Text.Ja, "介護") || !strings.Contains(o.Text.Ja, "育児") ||
			!strings.Contains(strings.ToLower(o.Text.En), "caregiving") || !strings.Contains(strings.ToLower(o.Text.En), "childcare")) {
			t.Errorf("the caregiving category reads %+v", o.Text)
		}
	}
	for _, id := range []string{"fitting-in", "skills", "evaluation", "return", "handover", "family", "caregiving", "health", "other"} {
		if !slices.Contains(ids, id) {
			t.Errorf("the categories %v lack %q", ids, id)
		}
	}
}

// TestHypothesesAndTheWillMustGap: before departure the learner names what
// they expect to find or test at the host; after return they set what they
// want beside what is asked of them, looking back on the gap they saw before
// leaving.
func TestHypothesesAndTheWillMustGap(t *testing.T) {
	lib := loadEmbedded(t)
	h := baPrompt(t, lib, "purpose/hypotheses")
	if !strings.Contains(h.Text.Ja, "確かめ") || !strings.Contains(strings.ToLower(h.Text.En), "test") || len(h.Followups) < 2 {
		t.Errorf("purpose/hypotheses does not ask what the learner will test: %+v", h)
	}
	w := baPrompt(t, lib, "reflection/will-must")
	if w.Echoes != "purpose/gap-with-org" {
		t.Errorf("reflection/will-must echoes %q", w.Echoes)
	}
	if !strings.Contains(w.Text.Ja, "やりたいこと") || !strings.Contains(w.Text.Ja, "求められ") ||
		!strings.Contains(w.Text.En, "want") || !strings.Contains(w.Text.En, "asks of you") {
		t.Errorf("reflection/will-must does not set what the learner wants beside what is asked: %+v", w.Text)
	}
}

// beforeAfterFlows are the flows held before the stint and after it.
var beforeAfterFlows = []string{"purpose", "anxiety", "sendoff", "agreement", "role-design", "reflection", "checkpoint"}

// baSentence and baRequest find the English sentences that ask something.
var (
	baSentence = regexp.MustCompile(`[^.?!]+[.?!]`)
	baRequest  = regexp.MustCompile(`^(Tell|List|Name|Describe|Let's)\b`)
)

// baAsks returns the sentences of a text that ask the learner something: a
// question, or a request to tell, list or name.
func baAsks(text string, ja bool) []string {
	var out []string
	if ja {
		for _, s := range strings.SplitAfter(text, "。") {
			s = strings.TrimSpace(s)
			for _, end := range []string{"か。", "でしょう。", "？", "ください。", "ましょう。"} {
				if strings.HasSuffix(s, end) {
					out = append(out, s)
					break
				}
			}
		}
		return out
	}
	for _, s := range baSentence.FindAllString(text, -1) {
		s = strings.TrimSpace(s)
		if strings.HasSuffix(s, "?") || baRequest.MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}

// baAsksAboutEvaluation reports, for each language, whether a sentence of
// the text that asks something is about evaluation.
func baAsksAboutEvaluation(text model.Text) (ja, en bool) {
	for _, s := range baAsks(text.Ja, true) {
		ja = ja || strings.Contains(s, "評価")
	}
	for _, s := range baAsks(text.En, false) {
		en = en || strings.Contains(strings.ToLower(s), "evaluat")
	}
	return ja, en
}

// TestEvaluationIsSettledInOnePlace: how the stint is evaluated is asked in
// the three-party agreement's evaluation topic and nowhere else before or
// after the stint. The prompts that used to ask it again keep their own
// angle (the worry, the reporting routes, the return) and point the
// companion at that topic by its title, for every kind of companion.
func TestEvaluationIsSettledInOnePlace(t *testing.T) {
	lib := loadEmbedded(t)
	evaluation := baPrompt(t, lib, "agreement/evaluation")
	if ja, en := baAsksAboutEvaluation(evaluation.Text); !ja || !en {
		t.Errorf("agreement/evaluation does not ask how the stint is evaluated: %+v", evaluation.Text)
	}
	for _, id := range beforeAfterFlows {
		f, _ := lib.Flow(id)
		for _, p := range f.Prompts {
			if f.ID == "agreement" && p.ID == "evaluation" {
				continue
			}
			for _, ct := range model.CompanionTypes {
				if ja, en := baAsksAboutEvaluation(p.For(ct).Text); ja || en {
					t.Errorf("%s/%s asks about evaluation again (for %s): %q", f.ID, p.ID, ct, p.For(ct).Text.Ja)
				}
			}
			for _, fu := range p.Followups {
				if ja, en := baAsksAboutEvaluation(fu.Text); ja || en {
					t.Errorf("%s/%s/%s asks about evaluation again: %q", f.ID, p.ID, fu.ID, fu.Text.Ja)
				}
			}
		}
	}
	for _, id := range []string{"anxiety/return-outlook", "sendoff/evaluation-reporting", "agreement/return"} {
		p := baPrompt(t, lib, id) // saved sessions name it
		for _, ct := range append([]model.CompanionType{""}, model.CompanionTypes...) {
			r := p.For(ct)
			hints := model.Text{Ja: r.Listen.Ja + r.Avoid.Ja, En: r.Listen.En + r.Avoid.En}
			if !strings.Contains(hints.Ja, evaluation.Title.Ja) || !strings.Contains(hints.En, evaluation.Title.En) {
				t.Errorf("%s (for %q): neither hint points at the agreement's topic %q / %q", id, ct, evaluation.Title.Ja, evaluation.Title.En)
			}
		}
	}
}

// baShownRef is a guideline line number, which only refs fields carry.
var baShownRef = regexp.MustCompile(`\bL\d{2,4}\b`)

// TestPromptsReadForEachType: each flow before, during and after the stint
// has prompts that read differently for some kind of companion; every
// variant is complete in both languages, differs from the wording it
// replaces, keeps its questions open, shows no line numbers and points at
// the guideline in its refs.
func TestPromptsReadForEachType(t *testing.T) {
	lib := loadEmbedded(t)
	for _, id := range append(append([]string(nil), duringFlows...), beforeAfterFlows...) {
		f, ok := lib.Flow(id)
		if !ok {
			t.Fatalf("no flow %s", id)
		}
		varied := 0
		for _, p := range f.Prompts {
			if p.Varies() {
				varied++
			}
			for _, ct := range model.CompanionTypes {
				v, ok := p.ByType[ct]
				if !ok {
					continue
				}
				where := f.ID + "/" + p.ID + " for " + string(ct)
				if strings.TrimSpace(v.Refs) == "" {
					t.Errorf("%s has no refs", where)
				}
				for _, field := range []struct {
					name       string
					variant    model.Text
					base       model.Text
					asksOpenly bool
				}{
					{"text", v.Text, p.Text, p.Kind == "" || p.Kind == model.KindText},
					{"listen", v.Listen, p.Listen, false},
					{"avoid", v.Avoid, p.Avoid, false},
				} {
					if field.variant.IsZero() {
						continue
					}
					w := where + " " + field.name
					ja, en := strings.TrimSpace(field.variant.Ja), strings.TrimSpace(field.variant.En)
					switch {
					case ja == "" || en == "":
						t.Errorf("%s lacks a language: %+v", w, field.variant)
					case !hasJapanese(ja) || hasJapanese(en):
						t.Errorf("%s: the languages are mixed up: %+v", w, field.variant)
					}
					if ja == strings.TrimSpace(field.base.Ja) || en == strings.TrimSpace(field.base.En) {
						t.Errorf("%s is the prompt's own wording, not a variant: %+v", w, field.variant)
					}
					if baShownRef.MatchString(ja) || baShownRef.MatchString(en) {
						t.Errorf("%s shows a guideline line number: %+v", w, field.variant)
					}
					if !field.asksOpenly {
						continue
					}
					for _, q := range questionsOf(ja, true) {
						if !openJa.MatchString(q) {
							t.Errorf("%s: %q is a yes/no question", w, q)
						}
					}
					for _, q := range questionsOf(en, false) {
						if !openEn.MatchString(q) {
							t.Errorf("%s: %q is a yes/no question", w, q)
						}
					}
				}
			}
		}
		if varied == 0 {
			t.Errorf("%s: no prompt reads differently for any kind of companion", f.ID)
		}
	}
}

// TestSendoffReadsForTheHost: the send-off preparation is written for the
// sending side, whose groundwork it is; a companion at the host reads at
// least one of its prompts in the host's own terms (preparing the team
// that takes the learner in).
func TestSendoffReadsForTheHost(t *testing.T) {
	lib := loadEmbedded(t)
	f, ok := lib.Flow("sendoff")
	if !ok {
		t.Fatal("no flow sendoff")
	}
	var forHost []string
	for _, p := range f.Prompts {
		host, sending := p.For(model.Host), p.For(model.Sending)
		if host.Text != sending.Text || host.Listen != sending.Listen || host.Avoid != sending.Avoid {
			forHost = append(forHost, p.ID)
		}
	}
	if len(forHost) == 0 {
		t.Fatal("every send-off prompt reads the same at the host as on the sending side")
	}
	p := baPrompt(t, lib, "sendoff/receiving-dept")
	if p.For(model.Host).Avoid == p.Avoid {
		t.Errorf("sendoff/receiving-dept tells a companion at the host that briefing the learner's home department is their job: %q", p.Avoid.En)
	}
}
