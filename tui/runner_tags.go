package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
)

// The skills a part of the learner's feedback speaks to: shown under the
// answer, and changed with one key (ctrl+q) in a small list of the skills,
// each toggle saved as the companion's choice through the engine.

// tagsShown reports whether a line under the step's answer names the
// skills it speaks to: on a part of the learner's feedback, in the
// companion's view.
func (r *runner) tagsShown(st model.Step) bool {
	return st.Kind == model.StepFeedback && !r.env.learner && r.env.lib.Skills != nil
}

// feedbackTagsLine names the skills the current part of the learner's
// feedback speaks to, from its words as they stand in the editor.
func (r *runner) feedbackTagsLine(w int) string {
	e := r.env
	st := r.currentStep()
	st.Answer = r.answer.Value()
	var names []string
	for _, id := range r.wk.FeedbackSkills(st) {
		if sk, ok := e.lib.Skills.Skill(id); ok {
			names = append(names, sk.Name.In(r.wk.Sess.Lang))
		}
	}
	text := e.t("runner.feedbackNoSkills")
	if len(names) > 0 {
		text = e.tf("runner.feedbackSkills", strings.Join(names, e.t("runner.feedbackSkillsSep")))
	}
	return e.st.muted.Render(ansi.Truncate("  "+shownLine(text), w, "…"))
}

// tagsAllowed reports whether the current step can be tagged with skills.
func (r *runner) tagsAllowed() bool { return r.tagsShown(r.currentStep()) }

// feedbackTagger is the list of skills with the current part's checked.
type feedbackTagger struct{ cursor int }

func (p *feedbackTagger) key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	ids := r.env.lib.Skills.IDs()
	tk := r.gk
	switch {
	case key.Matches(msg, tk.close):
		r.modal = nil
	case key.Matches(msg, r.pk.up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(msg, r.pk.down):
		p.cursor = min(len(ids)-1, p.cursor+1)
	case key.Matches(msg, tk.toggle):
		return r, r.toggleTag(ids[p.cursor])
	case key.Matches(msg, tk.number):
		if n, ok := digitKey(msg); ok && n <= len(ids) {
			p.cursor = n - 1
			return r, r.toggleTag(ids[n-1])
		}
	default:
		return r, nil
	}
	r.relayout()
	return r, nil
}

// toggleTag adds a skill to the current part of the feedback or takes it
// away, and saves it.
func (r *runner) toggleTag(id string) tea.Cmd {
	r.sync()
	if err := r.wk.ToggleFeedbackSkill(id); err != nil {
		return showError(err.Error())
	}
	return tea.Batch(r.relayout(), r.flush())
}

func (p *feedbackTagger) lines(r *runner, w, _ int) ([]string, int, bool) {
	e := r.env
	m := e.lib.Skills
	tags := r.wk.FeedbackSkills(r.currentStep())
	lines := []string{e.st.paneTitleFocus.Render(ansi.Truncate(e.t("runner.tagsTitle"), w, "…"))}
	// As many as fit, around the cursor.
	room := max(r.h-6, 5)
	from := max(0, min(p.cursor-room/2, len(m.Skills)-room))
	for i := from; i < len(m.Skills) && i < from+room; i++ {
		sk := m.Skills[i]
		box := "[ ]"
		if slices.Contains(tags, sk.ID) {
			box = "[x]"
		}
		text := ansi.Truncate(fmt.Sprintf("%s %2d. %s", box, i+1, shownLine(sk.Name.In(r.wk.Sess.Lang))), w-2, "…")
		lines = append(lines, e.pickLine(text, i == p.cursor))
	}
	return lines, -1, true
}

func (p *feedbackTagger) keys(r *runner) keyList {
	tk, pk := r.gk, r.pk
	list := []key.Binding{pk.up, pk.down, tk.toggle, tk.number, tk.close}
	return keyList{short: list, full: [][]key.Binding{list}}
}
