package tui

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// A peer round's next action can name the skill of the skill map it is
// practice on: f6 on a next-action step opens the map, a skill is chosen by
// its number (or the cursor), and the action then shows as practice on
// that skill's page.

// actionSkillAllowed reports whether the current step is a next action of
// a round and there is a skill map to choose from.
func (r *runner) actionSkillAllowed() bool {
	return r.round != nil && !r.env.learner && r.env.lib.Skills != nil && len(r.env.lib.Skills.Skills) > 0 &&
		model.ActionOf(r.currentStep()) > 0
}

// actionSkillKey is the key that opens the choice, its help naming the
// skill chosen, if any.
func (r *runner) actionSkillKey() key.Binding {
	b := r.k.skill
	desc := r.env.t("key.actionSkill")
	if sk, ok := r.env.lib.Skills.Skill(r.currentStep().Skill); ok && r.actionSkillAllowed() {
		desc = r.env.tf("key.actionSkillIs", sk.Name.In(r.env.lang))
	}
	b.SetHelp(b.Help().Key, desc)
	b.SetEnabled(r.actionSkillAllowed())
	return b
}

// skillChooser is the skill map, numbered, to name the skill a next action
// is practice on; 0 names none.
type skillChooser struct {
	at    int    // the row under the cursor: 0 none, then the skills
	typed string // the number typed so far
}

func (r *runner) openActionSkill() {
	c := &skillChooser{}
	for i, sk := range r.env.lib.Skills.Skills {
		if sk.ID == r.currentStep().Skill {
			c.at = i + 1
		}
	}
	r.modal = c
	r.relayout()
}

func (c *skillChooser) key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	skills := r.env.lib.Skills.Skills
	switch {
	case key.Matches(msg, r.pk.cancel):
		r.modal = nil
	case key.Matches(msg, r.pk.up):
		c.at, c.typed = max(c.at-1, 0), ""
	case key.Matches(msg, r.pk.down):
		c.at, c.typed = min(c.at+1, len(skills)), ""
	case key.Matches(msg, r.pk.choose):
		id := ""
		if c.at > 0 {
			id = skills[c.at-1].ID
		}
		r.modal = nil
		r.setFocus(r.focus)
		r.relayout()
		return r, r.apply(model.SetSkill{ID: id})
	default:
		if rs := []rune(msg.Text); len(rs) == 1 {
			if d, ok := dayDigit(rs[0]); ok {
				typed := c.typed + string('0'+d)
				if n, _ := strconv.Atoi(typed); n > len(skills) {
					typed = string('0' + d) // a new number begins
				}
				c.typed = typed
				if n, _ := strconv.Atoi(c.typed); n <= len(skills) {
					c.at = n
				}
				r.relayout()
				return r, nil
			}
		}
		return r, showStatus(r.env.t("runner.skillByNumber"))
	}
	r.relayout()
	return r, nil
}

func (c *skillChooser) lines(r *runner, w, _ int) ([]string, int, bool) {
	e := r.env
	skills := e.lib.Skills.Skills
	lines := []string{e.st.paneTitleFocus.Render(truncate(e.t("runner.skillTitle"), w))}
	rows := max(r.h-8, 3)
	top := windowTop(len(skills)+1, c.at, rows, 1)
	for i := top; i < min(top+rows, len(skills)+1); i++ {
		text := "0 " + e.t("runner.skillNone")
		if i > 0 {
			sk := skills[i-1]
			text = fmt.Sprintf("%d %s  %s", i, sk.Name.In(e.lang), model.GroupName(sk.Group, e.lang))
		}
		text = truncate(text, w-2)
		if i == c.at {
			lines = append(lines, e.st.selected.Render("▸ "+text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	return lines, -1, true
}

func (c *skillChooser) keys(r *runner) keyList {
	pk := r.pk
	list := []key.Binding{pk.up, pk.down, pk.choose, pk.cancel}
	return keyList{short: list, full: [][]key.Binding{list}}
}
