package tui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// A panel is the answer area of a session step. Its shape follows the
// prompt's answer kind: free text, a scale or choice with a comment, one
// topic of the three-party agreement, or the ledger of worries and actions.
type panel interface {
	// label is the heading drawn above the panel.
	label() string
	// enter gives the panel the keyboard at its first part (dir 1) or its
	// last (dir -1); leave takes it away.
	enter(dir int)
	leave()
	// handle takes a key or paste while the panel has the keyboard and
	// reports whether it used it.
	handle(msg tea.Msg) bool
	// move goes to the next (1) or previous (-1) part of the panel and
	// reports false at either end.
	move(d int) bool
	// typing reports whether keys go to text now.
	typing() bool
	// holdsEsc reports whether esc means something inside the panel now
	// (closing a form) rather than leaving the session.
	holdsEsc() bool
	// view draws the panel in w columns and about h rows, and says where
	// the caret is (row and column), or row -1.
	view(w, h int, focused bool) (lines []string, caretRow, caretCol int)
	// keys are the panel's own keys, for the footer and help.
	keys() []key.Binding
	// spot names the part of the panel with the keys (an entry by id and
	// a field, either possibly "") and its text editor, if any, so that a
	// resumed session comes back to it; goTo gives the keys to that part
	// again if it is still there, and returns its editor (nil if none).
	spot() (entry, field string, ed *editor.Model)
	goTo(entry, field string) *editor.Model
}

// textTaker is a panel that, given words typed where no text field has the
// keys (a list row, a choice), opens the field they belong in and puts them
// there, so that nothing typed is dropped.
type textTaker interface {
	takeText(msg tea.Msg) bool
}

// typedText reports whether msg is words being typed or pasted, as opposed
// to a command key.
func typedText(msg tea.Msg) bool {
	switch m := msg.(type) {
	case tea.PasteMsg:
		return m.Content != ""
	case tea.KeyPressMsg:
		return m.Text != "" && m.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper) == 0
	}
	return false
}

// newPanel makes the panel for the current step.
func (r *runner) newPanel(st model.Step) panel {
	prompt, _ := r.promptFor(st)
	switch {
	case st.Kind == model.StepAnxieties:
		return newReviewPanel(r, ledgerAnxieties)
	case st.Kind == model.StepActions:
		return newReviewPanel(r, ledgerActions)
	case st.Kind != model.StepPrompt:
		return &textPanel{r: r}
	}
	switch st.AnswerKind {
	case model.KindChoice, model.KindMulti:
		if len(prompt.Options) == 0 {
			// The flow or the prompt is gone from the content: the
			// choices cannot be shown, the words still can.
			return &textPanel{r: r}
		}
		return newChoicePanel(r, st, prompt)
	case model.KindScale:
		return newChoicePanel(r, st, prompt)
	case model.KindAgreement:
		return newAgreementPanel(r, st, prompt)
	case model.KindAnxiety:
		return newLedgerPanel(r, st, prompt, ledgerAnxieties)
	case model.KindAction:
		return newLedgerPanel(r, st, prompt, ledgerActions)
	case model.KindSkill:
		return newSkillPanel(r, st)
	case model.KindFocus:
		return newFocusPanel(r, st)
	}
	return &textPanel{r: r}
}

// textPanel is the learner's words in the answer editor.
type textPanel struct{ r *runner }

func (p *textPanel) label() string {
	if p.r.wk.Sess.IsSelfReview() {
		return p.r.env.t("skill.reflectionLabel")
	}
	if p.r.wk.Sess.IsRound() {
		return p.r.env.t("round.notesLabel")
	}
	return p.r.env.t("runner.answerLabel")
}
func (p *textPanel) enter(int)               { p.r.answer.Focus() }
func (p *textPanel) leave()                  { p.r.answer.Blur() }
func (p *textPanel) move(int) bool           { return false }
func (p *textPanel) typing() bool            { return true }
func (p *textPanel) holdsEsc() bool          { return false }
func (p *textPanel) keys() []key.Binding     { return nil }
func (p *textPanel) handle(msg tea.Msg) bool { return p.r.editAnswer(msg) }

func (p *textPanel) spot() (string, string, *editor.Model) { return "", "", &p.r.answer }
func (p *textPanel) goTo(string, string) *editor.Model     { return &p.r.answer }

func (p *textPanel) view(w, h int, focused bool) ([]string, int, int) {
	r := p.r
	r.answer.SetWidth(max(w-2, 4))
	r.answer.SetHeight(max(h, 1))
	lines := r.gutter(r.answer.View(), focused)
	row, col := -1, -1
	if x, y, ok := r.answer.Cursor(); ok && focused {
		row, col = y, 2+x
	}
	return lines, row, col
}

// editAnswer gives a key to the answer editor and records a change.
func (r *runner) editAnswer(msg tea.Msg) bool {
	r.answer, _ = r.answer.Update(msg)
	return true
}

// choicePanel is a scale, a single choice or a multiple choice, with the
// answer editor below for a comment in the learner's words.
type choicePanel struct {
	r       *runner
	kind    model.AnswerKind
	options []string
	cursor  int
	inText  bool // the comment editor has the keyboard
	active  bool
}

func newChoicePanel(r *runner, st model.Step, prompt model.Prompt) *choicePanel {
	p := &choicePanel{r: r, kind: st.AnswerKind}
	lang := r.wk.Sess.Lang
	if st.AnswerKind == model.KindScale {
		for i, l := range prompt.Scale {
			p.options = append(p.options, fmt.Sprintf("%d %s", i+1, l.In(lang)))
		}
		for len(p.options) < model.ScalePoints {
			p.options = append(p.options, fmt.Sprint(len(p.options)+1))
		}
		p.cursor = max(st.Value-1, 0)
	} else {
		for _, o := range prompt.Options {
			p.options = append(p.options, o.Text.In(lang))
		}
		if len(st.Choices) > 0 {
			p.cursor = max(slices.Index(p.optionIDs(), st.Choices[0]), 0)
		}
	}
	return p
}

func (p *choicePanel) optionIDs() []string {
	prompt, _ := p.r.promptFor(p.r.currentStep())
	ids := make([]string, len(prompt.Options))
	for i, o := range prompt.Options {
		ids[i] = o.ID
	}
	return ids
}

func (p *choicePanel) label() string {
	if len(p.options) == 0 {
		return p.r.env.t("runner.answerLabel")
	}
	switch p.kind {
	case model.KindScale:
		return p.r.env.t("runner.scaleLabel")
	case model.KindMulti:
		return p.r.env.t("runner.multiLabel")
	}
	return p.r.env.t("runner.choiceLabel")
}

func (p *choicePanel) enter(dir int) {
	p.active = true
	p.inText = dir < 0
	p.sync()
}

func (p *choicePanel) leave() {
	p.active = false
	p.r.answer.Blur()
}

func (p *choicePanel) sync() {
	if p.active && p.inText {
		p.r.answer.Focus()
	} else {
		p.r.answer.Blur()
	}
}

func (p *choicePanel) move(d int) bool {
	switch {
	case d > 0 && !p.inText:
		p.inText = true
	case d < 0 && p.inText:
		p.inText = false
	default:
		return false
	}
	p.sync()
	return true
}

func (p *choicePanel) typing() bool { return p.inText }

func (p *choicePanel) spot() (string, string, *editor.Model) {
	if p.inText {
		return "", "comment", &p.r.answer
	}
	return "", "", nil
}

func (p *choicePanel) goTo(_, field string) *editor.Model {
	if field != "comment" {
		return nil
	}
	p.inText = true
	p.sync()
	return &p.r.answer
}
func (p *choicePanel) holdsEsc() bool { return false }

func (p *choicePanel) handle(msg tea.Msg) bool {
	if p.inText {
		return p.r.editAnswer(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false
	}
	switch k.String() {
	case "up", "left":
		p.cursor = max(p.cursor-1, 0)
	case "down", "right":
		p.cursor = max(min(p.cursor+1, len(p.options)-1), 0)
	case "enter", "space":
		p.choose(p.cursor)
	default:
		r := []rune(k.Text)
		if len(r) == 1 && r[0] >= '1' && r[0] <= '9' && int(r[0]-'1') < len(p.options) {
			p.cursor = int(r[0] - '1')
			p.choose(p.cursor)
			return true
		}
		return false
	}
	return true
}

// takeText starts the comment in the learner's words with what was typed.
func (p *choicePanel) takeText(msg tea.Msg) bool {
	p.inText = true
	p.sync()
	return p.r.editAnswer(msg)
}

// choose selects option i: the point of a scale, the one choice, or one
// more (or one less) of several.
func (p *choicePanel) choose(i int) {
	r := p.r
	if i < 0 || i >= len(p.options) || p.kind != model.KindScale && i >= len(p.optionIDs()) {
		return
	}
	st := r.currentStep()
	switch p.kind {
	case model.KindScale:
		v := i + 1
		if st.Value == v {
			v = 0 // choosing the same point again clears it
		}
		r.applyAnswer(model.SetValue{Value: v})
	case model.KindChoice:
		id := p.optionIDs()[i]
		ids := []string{id}
		if slices.Equal(st.Choices, ids) {
			ids = nil
		}
		r.applyAnswer(model.SetChoices{IDs: ids})
	case model.KindMulti:
		all := p.optionIDs()
		chosen := map[string]bool{}
		for _, c := range st.Choices {
			chosen[c] = true
		}
		chosen[all[i]] = !chosen[all[i]]
		var ids []string
		for _, id := range all { // keep the content's order
			if chosen[id] {
				ids = append(ids, id)
			}
		}
		r.applyAnswer(model.SetChoices{IDs: ids})
	}
}

func (p *choicePanel) isChosen(i int) bool {
	st := p.r.currentStep()
	if p.kind == model.KindScale {
		return st.Value == i+1
	}
	ids := p.optionIDs()
	return i < len(ids) && slices.Contains(st.Choices, ids[i])
}

func (p *choicePanel) view(w, h int, focused bool) ([]string, int, int) {
	r := p.r
	st := &r.env.st
	var lines []string
	for i, o := range p.options {
		mark := "( )"
		if p.kind == model.KindMulti {
			mark = "[ ]"
		}
		if p.isChosen(i) {
			mark = "(●)"
			if p.kind == model.KindMulti {
				mark = "[x]"
			}
		}
		line := truncate(mark+" "+o, w-2)
		switch {
		case focused && !p.inText && i == p.cursor:
			line = st.selected.Render("▸ " + line)
		case p.isChosen(i):
			line = "  " + st.accent.Render(line)
		default:
			line = "  " + line
		}
		lines = append(lines, line)
	}
	comment := r.env.t("runner.commentLabel")
	if r.wk.Sess.IsRound() {
		comment = r.env.t("round.commentLabel")
	}
	lines = append(lines, r.paneLabel(comment, focused && p.inText))
	edH := max(h-len(lines), 2)
	r.answer.SetWidth(max(w-2, 4))
	r.answer.SetHeight(edH)
	row, col := -1, -1
	if focused && !p.inText {
		row = p.cursor
	}
	if x, y, ok := r.answer.Cursor(); ok && focused && p.inText {
		row, col = len(lines)+y, 2+x
	}
	lines = append(lines, r.gutter(r.answer.View(), focused && p.inText)...)
	return lines, row, col
}

func (p *choicePanel) keys() []key.Binding {
	e := p.r.env
	if p.inText {
		return nil
	}
	return []key.Binding{
		e.bindShown("↑/↓", "key.moveChoice", "up", "down"),
		e.bindShown("space/1-9", "key.choose", "space"),
	}
}
