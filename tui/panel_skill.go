package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// skillPanel rates one skill in a self-review: the five levels from very
// high to very low, the level aimed for, and the evidence (a concrete
// recent situation) in the answer editor.
type skillPanel struct {
	h      *stepHandle
	skill  model.Skill
	cursor int // the level under the cursor, 1–5
	part   int // skillLevels, skillTarget or skillEvidence
	active bool
}

const (
	skillLevels = iota
	skillTarget
	skillEvidence
)

func newSkillPanel(h *stepHandle, st model.Step) *skillPanel {
	p := &skillPanel{h: h, cursor: model.Levels}
	if h.env.lib.Skills != nil {
		p.skill, _ = h.env.lib.Skills.Skill(st.PromptID)
	}
	if st.Value > 0 {
		p.cursor = st.Value
	}
	return p
}

func (p *skillPanel) label() string { return p.h.env.t("skill.levelLabel") }

func (p *skillPanel) enter(dir int) {
	p.active = true
	p.part = skillLevels
	if dir < 0 {
		p.part = skillEvidence
	}
	p.sync()
}

func (p *skillPanel) leave() {
	p.active = false
	p.h.answer.Blur()
}

func (p *skillPanel) sync() {
	if p.active && p.part == skillEvidence {
		p.h.answer.Focus()
	} else {
		p.h.answer.Blur()
	}
}

func (p *skillPanel) move(d int) bool {
	next := p.part + d
	if next < skillLevels || next > skillEvidence {
		return false
	}
	p.part = next
	p.sync()
	return true
}

func (p *skillPanel) typing() bool { return p.part == skillEvidence }

func (p *skillPanel) spot() (string, string, *editor.Model) {
	switch p.part {
	case skillEvidence:
		return "", "evidence", p.h.answer
	case skillTarget:
		return "", "target", nil
	}
	return "", "", nil
}

func (p *skillPanel) goTo(_, field string) *editor.Model {
	switch field {
	case "evidence":
		p.part = skillEvidence
	case "target":
		p.part = skillTarget
	default:
		return nil
	}
	p.sync()
	if p.part == skillEvidence {
		return p.h.answer
	}
	return nil
}

// takeText starts the evidence with what was typed.
func (p *skillPanel) takeText(msg tea.Msg) bool {
	p.part = skillEvidence
	p.sync()
	return p.h.editAnswer(msg)
}
func (p *skillPanel) holdsEsc() bool { return false }

func (p *skillPanel) handle(msg tea.Msg) bool {
	if p.part == skillEvidence {
		return p.h.editAnswer(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false
	}
	st := p.h.currentStep()
	ak := p.h.env.ak
	if p.part == skillTarget {
		switch {
		case key.Matches(k, ak.left, ak.down):
			p.h.applyAnswer(model.SetTarget{Level: max(st.Target-1, 0)})
		case key.Matches(k, ak.right, ak.up):
			p.h.applyAnswer(model.SetTarget{Level: min(st.Target+1, model.Levels)})
		default:
			if lv, ok := digit(k); ok {
				if lv == st.Target {
					lv = 0
				}
				p.h.applyAnswer(model.SetTarget{Level: lv})
				return true
			}
			return false
		}
		return true
	}
	switch {
	case key.Matches(k, ak.up):
		p.cursor = min(p.cursor+1, model.Levels)
	case key.Matches(k, ak.down):
		p.cursor = max(p.cursor-1, 1)
	case key.Matches(k, ak.choose):
		p.choose(p.cursor)
	default:
		if lv, ok := digit(k); ok {
			p.cursor = lv
			p.choose(lv)
			return true
		}
		return false
	}
	return true
}

// digit reads a level typed as 1–5 (full-width too: digitKey).
func digit(k tea.KeyPressMsg) (int, bool) {
	n, ok := digitKey(k)
	return n, ok && n <= model.Levels
}

// choose sets the level; choosing the chosen level again clears it.
func (p *skillPanel) choose(lv int) {
	if p.h.currentStep().Value == lv {
		lv = 0
	}
	p.h.applyAnswer(model.SetValue{Value: lv})
}

func (p *skillPanel) view(w, h int, focused bool) ([]string, int, int) {
	r, e := p.h, p.h.env
	st := r.currentStep()
	lang := r.wk.Sess.Lang
	var lines []string
	row, col := -1, -1
	onLevels := focused && p.part == skillLevels
	// The level under the cursor (or the chosen one) is written out in
	// full; the others are cut to one line.
	open := p.cursor
	if !onLevels && st.Value > 0 {
		open = st.Value
	}
	for lv := model.Levels; lv >= 1; lv-- {
		mark := "( )"
		if st.Value == lv {
			mark = "(●)"
		}
		head := fmt.Sprintf("%s %d %s  ", mark, lv, model.LevelName(lv, lang))
		desc := p.skill.Level(lv).In(lang)
		rows := []string{truncate(head+desc, w-2)}
		if lv == open && h >= 7 {
			indent := strings.Repeat(" ", 4)
			rows = prefixLines(editor.Wrap(shown(desc), max(w-2-len(indent), 10)), indent)
			rows = append([]string{strings.TrimRight(head, " ")}, rows...)
		}
		for i, line := range rows {
			switch {
			case onLevels && lv == p.cursor:
				if i == 0 {
					row = len(lines)
					line = e.st.selected.Render("▸ " + line)
				} else {
					line = "  " + e.st.selected.Render(line)
				}
			case st.Value == lv:
				line = "  " + e.st.accent.Render(line)
			default:
				line = "  " + line
			}
			lines = append(lines, line)
		}
	}
	target := e.t("skill.noTarget")
	if st.Target > 0 {
		target = fmt.Sprintf("%d %s", st.Target, model.LevelName(st.Target, lang))
	}
	tline := e.t("skill.target") + " ◂ " + target + " ▸"
	if focused && p.part == skillTarget {
		row = len(lines)
		tline = e.st.selected.Render("▸ " + tline)
	} else {
		tline = "  " + tline
	}
	lines = append(lines, tline)
	lines = append(lines, r.paneLabel(e.t("skill.evidenceLabel")+r.visibilityTag(st.AnswerPrivate), focused && p.part == skillEvidence, w))
	r.answer.SetWidth(max(w-2, 4))
	r.answer.SetHeight(max(h-len(lines), 2))
	if x, y, ok := r.answer.Cursor(); ok && focused && p.part == skillEvidence {
		row, col = len(lines)+y, 2+x
	}
	lines = append(lines, r.gutter(r.answer.View(), focused && p.part == skillEvidence)...)
	return lines, row, col
}

func (p *skillPanel) keys() []key.Binding {
	ak := p.h.env.ak
	switch p.part {
	case skillLevels:
		return []key.Binding{ak.moveChoice, ak.chooseLevel}
	case skillTarget:
		return []key.Binding{ak.setTarget}
	}
	return nil
}

// focusPanel chooses up to three skills to develop and takes the practice
// plan in the answer editor; the development methods of the skill under
// the cursor are shown to draw on.
type focusPanel struct {
	h      *stepHandle
	skills []model.Skill
	cursor int
	inText bool
	active bool
}

func newFocusPanel(h *stepHandle, st model.Step) *focusPanel {
	p := &focusPanel{h: h}
	if h.env.lib.Skills != nil {
		p.skills = h.env.lib.Skills.Skills
	}
	if len(st.Choices) > 0 {
		p.cursor = max(slices.IndexFunc(p.skills, func(s model.Skill) bool { return s.ID == st.Choices[0] }), 0)
	}
	return p
}

func (p *focusPanel) label() string { return p.h.env.tf("skill.focusLabel", model.MaxFocus) }

func (p *focusPanel) enter(dir int) {
	p.active = true
	p.inText = dir < 0
	p.sync()
}

func (p *focusPanel) leave() {
	p.active = false
	p.h.answer.Blur()
}

func (p *focusPanel) sync() {
	if p.active && p.inText {
		p.h.answer.Focus()
	} else {
		p.h.answer.Blur()
	}
}

func (p *focusPanel) move(d int) bool {
	if d > 0 == p.inText {
		return false
	}
	p.inText = d > 0
	p.sync()
	return true
}

func (p *focusPanel) typing() bool { return p.inText }

func (p *focusPanel) spot() (string, string, *editor.Model) {
	if p.inText {
		return "", "plan", p.h.answer
	}
	return "", "", nil
}

func (p *focusPanel) goTo(_, field string) *editor.Model {
	if field != "plan" {
		return nil
	}
	p.inText = true
	p.sync()
	return p.h.answer
}

// takeText starts the plan with what was typed.
func (p *focusPanel) takeText(msg tea.Msg) bool {
	p.inText = true
	p.sync()
	return p.h.editAnswer(msg)
}
func (p *focusPanel) holdsEsc() bool { return false }

func (p *focusPanel) handle(msg tea.Msg) bool {
	if p.inText {
		return p.h.editAnswer(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || len(p.skills) == 0 {
		return false
	}
	switch ak := p.h.env.ak; {
	case key.Matches(k, ak.up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, ak.down):
		p.cursor = min(p.cursor+1, len(p.skills)-1)
	case key.Matches(k, ak.choose):
		p.toggle()
	default:
		return false
	}
	return true
}

// toggle chooses or drops the skill under the cursor; a fourth is refused
// with a message.
func (p *focusPanel) toggle() {
	r := p.h
	chosen := slices.Clone(r.currentStep().Choices)
	id := p.skills[p.cursor].ID
	if i := slices.Index(chosen, id); i >= 0 {
		chosen = slices.Delete(chosen, i, i+1)
	} else if len(chosen) >= model.MaxFocus {
		*r.notice = r.env.tf("skill.focusFull", model.MaxFocus)
		return
	} else {
		chosen = append(chosen, id)
	}
	*r.notice = ""
	r.applyAnswer(model.SetChoices{IDs: chosen})
}

func (p *focusPanel) view(w, h int, focused bool) ([]string, int, int) {
	r, e := p.h, p.h.env
	st := r.currentStep()
	lang := r.wk.Sess.Lang
	var lines []string
	row, col := -1, -1
	onList := focused && !p.inText
	// The list of skills, scrolled to keep the cursor in sight; the rest
	// of the rows go to the methods and the plan.
	rows := r.wk.FocusRows(e.loc)
	listH := min(len(p.skills), max(h/3, 3))
	// The suggestions in a line above the list, when it leaves the
	// methods their room; each row says "suggested" anyway.
	if ids := model.SuggestedIDs(rows); len(ids) > 0 && h >= listH+10 {
		var names []string
		for _, id := range ids {
			if sk, ok := e.lib.Skills.Skill(id); ok {
				names = append(names, sk.Name.In(lang))
			}
		}
		lines = append(lines, "  "+e.st.accent.Render(truncate(e.tf("skill.focusSuggest", strings.Join(names, e.t("common.listSep"))), w-2)))
	}
	top := windowTop(len(p.skills), p.cursor, listH, 1)
	nameW := 0
	for _, s := range p.skills {
		nameW = max(nameW, lipgloss.Width(s.Name.In(lang)))
	}
	nameW = min(nameW, max(w/3, 8))
	for i := top; i < min(top+listH, len(p.skills)); i++ {
		s := p.skills[i]
		mark := "[ ]"
		if slices.Contains(st.Choices, s.ID) {
			mark = "[x]"
		}
		line := truncate(mark+" "+padRight(truncate(s.Name.In(lang), nameW), nameW)+"  "+p.figures(rows, i), w-2)
		switch {
		case onList && i == p.cursor:
			row = len(lines)
			line = e.st.selected.Render("▸ " + line)
		case slices.Contains(st.Choices, s.ID):
			line = "  " + e.st.accent.Render(line)
		default:
			line = "  " + line
		}
		lines = append(lines, line)
	}
	if *r.notice != "" {
		lines = append(lines, "  "+e.st.errText.Render(truncate(*r.notice, w-2)))
	}
	// Why the skill under the cursor may be worth developing, a line a
	// reason.
	if p.cursor < len(rows) && len(rows[p.cursor].Reasons) > 0 && h-len(lines) > 8 {
		lines = append(lines, e.st.hintLabel.Render(truncate(e.tf("skill.focusWhy", rows[p.cursor].Skill.Name.In(lang)), w)))
		for _, rs := range rows[p.cursor].Reasons {
			lines = append(lines, "  • "+e.st.hint.Render(truncate(shownLine(rs.Line(lang)), w-4)))
		}
	}
	// Methods of the skill under the cursor, as many rows as leave the
	// editor three.
	if len(p.skills) > 0 {
		s := p.skills[p.cursor]
		room := h - len(lines) - 4
		var methods []string
		for _, m := range s.Methods {
			text := m.Title.In(lang) + ": " + m.Text.In(lang)
			for i, l := range editor.Wrap(shown(text), max(w-6, 10)) {
				prefix := "    "
				if i == 0 {
					prefix = "  • "
				}
				methods = append(methods, prefix+e.st.hint.Render(l))
			}
		}
		if room >= 2 {
			lines = append(lines, e.st.hintLabel.Render(truncate(e.tf("skill.methodsOf", s.Name.In(lang)), w)))
			if len(methods) > room-1 {
				methods = append(methods[:room-2], "    "+e.st.hint.Render("…"))
			}
			lines = append(lines, methods...)
		}
	}
	lines = append(lines, r.paneLabel(e.t("skill.planLabel")+r.visibilityTag(st.AnswerPrivate), focused && p.inText, w))
	r.answer.SetWidth(max(w-2, 4))
	r.answer.SetHeight(max(h-len(lines), 2))
	if x, y, ok := r.answer.Cursor(); ok && focused && p.inText {
		row, col = len(lines)+y, 2+x
	}
	lines = append(lines, r.gutter(r.answer.View(), focused && p.inText)...)
	return lines, row, col
}

// figures are a skill's level, aim, gap and change since the review
// before, and whether it is suggested, for its row in the list.
func (p *focusPanel) figures(rows []model.FocusRow, i int) string {
	e := p.h.env
	if i >= len(rows) {
		return ""
	}
	r := rows[i]
	num := func(n int) string {
		if n == 0 {
			return "-"
		}
		return fmt.Sprint(n)
	}
	parts := []string{e.tf("skill.focusLevel", num(r.Level)), e.tf("skill.focusAim", num(r.Aim))}
	if g := r.Gap(); g > 0 {
		parts = append(parts, e.tf("skill.focusGap", g))
	}
	if r.HasChange {
		parts = append(parts, model.SignedDelta(r.Change))
	}
	if r.Suggested() {
		parts = append(parts, e.t("skill.focusSuggested"))
	}
	return strings.Join(parts, "  ")
}

func (p *focusPanel) keys() []key.Binding {
	if p.inText {
		return nil
	}
	return []key.Binding{p.h.env.ak.moveChoice, p.h.env.ak.chooseSkill}
}
