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
	"bansou/work"
)

// stepHandle is what an answer panel may use of the session screen: the
// interface (words, styles, the learner view), the session engine (the
// session, the ledger and its edits), the answer editor it draws and
// types into, and the short message shown in the panel. A panel reaches
// nothing else of the runner.
type stepHandle struct {
	env    *env
	wk     *work.Work
	answer *editor.Model
	notice *string
}

// handle gives a panel of the current step its handle.
func (r *runner) handle() *stepHandle {
	return &stepHandle{env: r.env, wk: r.wk, answer: &r.answer, notice: &r.notice}
}

// currentStep is the step on screen.
func (h *stepHandle) currentStep() model.Step {
	st, _ := h.wk.Sess.Current()
	return st
}

// promptFor is the content prompt behind a step.
func (h *stepHandle) promptFor(st model.Step) (model.Prompt, bool) { return h.wk.PromptFor(st) }

// editAnswer gives a key to the answer editor.
func (h *stepHandle) editAnswer(msg tea.Msg) bool {
	*h.answer, _ = h.answer.Update(msg)
	return true
}

// applyAnswer records a point, a choice, a level or an aim on the current
// step.
func (h *stepHandle) applyAnswer(ev model.Event) { h.wk.Apply(ev) }

// visibilityTag says who may read a record (nothing in the learner view,
// where nothing private is on screen).
func (h *stepHandle) visibilityTag(private bool) string { return visibilityTag(h.env, private) }

// paneLabel is a label over a part of the panel, w cells wide at most.
func (h *stepHandle) paneLabel(text string, focused bool, w int) string {
	text = truncate(text, max(w, 10))
	if focused {
		return h.env.st.paneTitleFocus.Render(text)
	}
	return h.env.st.paneTitle.Render(text)
}

// gutter draws the bar left of an editor, heavier when it has the keys.
func (h *stepHandle) gutter(block string, focused bool) []string {
	return gutter(h.env, block, focused)
}

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

// digitKey reads a key as a number from 1 to 9: a digit typed on the keys
// or the keypad, or the full-width digit an input method types (１). Every
// list of choices in a session picks its option by it.
func digitKey(msg tea.Msg) (int, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || k.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper) != 0 {
		return 0, false
	}
	r := []rune(k.Text)
	switch {
	case len(r) != 1:
	case r[0] >= '1' && r[0] <= '9':
		return int(r[0] - '0'), true
	case r[0] >= '１' && r[0] <= '９':
		return int(r[0]-'１') + 1, true
	}
	return 0, false
}

// pickByNumber chooses, by the number typed (digitKey), an option of the
// focused selector of a panel's form, and reports whether it did.
func pickByNumber(fs *fieldset, msg tea.Msg) bool {
	f := fs.current()
	n, ok := digitKey(msg)
	if f == nil || f.text() || len(f.options) == 0 || !ok || n > len(f.options) {
		return false
	}
	f.sel = n - 1
	return true
}

// numbered puts its number before each option, for the digits that pick
// it.
func numbered(options []string) []string {
	out := make([]string, len(options))
	for i, o := range options {
		out[i] = fmt.Sprintf("%d %s", i+1, o)
	}
	return out
}

// choiceList lists the options of the focused selector of fs with their
// numbers, wrapped in w cells, the chosen one marked, when the selector
// shows only its choice (the options do not fit beside it): the number to
// type is on screen. Nothing otherwise.
func choiceList(fs *fieldset, st *styles, w int) []string {
	f := fs.current()
	if f == nil || f.text() || len(f.options) == 0 {
		return nil
	}
	total := 0
	for _, o := range f.options {
		total += lipgloss.Width(o) + 2
	}
	if fs.width == 0 || total <= fs.width-fs.indent() {
		return nil
	}
	pad := strings.Repeat(" ", min(fs.indent(), 4))
	avail := max(w-len(pad), 8)
	// Two a line at least, so that the list stays short enough to keep
	// the selector in view.
	most := max(avail-2, 4)
	if len(f.options) > 4 {
		most = max(avail/2-2, 8)
	}
	var lines []string
	line, lineW := "", 0
	for i, o := range f.options {
		cell := truncate(o, most)
		cw := lipgloss.Width(cell) + 2
		if lineW > 0 && lineW+cw > avail {
			lines = append(lines, pad+line)
			line, lineW = "", 0
		}
		if i == f.sel {
			cell = st.selected.Render("[" + cell + "]")
		} else {
			cell = st.muted.Render(" " + cell + " ")
		}
		line += cell
		lineW += cw
	}
	return append(lines, pad+line)
}

// newPanel makes the panel for the current step.
func (r *runner) newPanel(st model.Step) panel {
	h := r.handle()
	prompt, _ := h.promptFor(st)
	switch {
	case st.Kind == model.StepAnxieties:
		return newReviewPanel(h, ledgerAnxieties)
	case st.Kind == model.StepActions:
		return newReviewPanel(h, ledgerActions)
	case st.Kind == model.StepPractice && len(prompt.Options) > 0:
		return newChoicePanel(h, st, prompt)
	case st.Kind != model.StepPrompt:
		return &textPanel{h: h}
	}
	switch st.AnswerKind {
	case model.KindChoice, model.KindMulti:
		if len(prompt.Options) == 0 {
			// The flow or the prompt is gone from the content: the
			// choices cannot be shown, the words still can.
			return &textPanel{h: h}
		}
		return newChoicePanel(h, st, prompt)
	case model.KindScale:
		return newChoicePanel(h, st, prompt)
	case model.KindAgreement:
		return newAgreementPanel(h, st, prompt)
	case model.KindAnxiety:
		return newLedgerPanel(h, st, prompt, ledgerAnxieties)
	case model.KindAction:
		return newLedgerPanel(h, st, prompt, ledgerActions)
	case model.KindSkill:
		return newSkillPanel(h, st)
	case model.KindFocus:
		return newFocusPanel(h, st)
	}
	return &textPanel{h: h}
}

// textPanel is the learner's words in the answer editor.
type textPanel struct{ h *stepHandle }

func (p *textPanel) label() string {
	if p.h.wk.Sess.IsSelfReview() {
		return p.h.env.t("skill.reflectionLabel")
	}
	if p.h.wk.Sess.IsRound() {
		return p.h.env.t("round.notesLabel")
	}
	return p.h.env.t("runner.answerLabel")
}
func (p *textPanel) enter(int)               { p.h.answer.Focus() }
func (p *textPanel) leave()                  { p.h.answer.Blur() }
func (p *textPanel) move(int) bool           { return false }
func (p *textPanel) typing() bool            { return true }
func (p *textPanel) holdsEsc() bool          { return false }
func (p *textPanel) keys() []key.Binding     { return nil }
func (p *textPanel) handle(msg tea.Msg) bool { return p.h.editAnswer(msg) }

func (p *textPanel) spot() (string, string, *editor.Model) { return "", "", p.h.answer }
func (p *textPanel) goTo(string, string) *editor.Model     { return p.h.answer }

func (p *textPanel) view(w, h int, focused bool) ([]string, int, int) {
	r := p.h
	r.answer.SetWidth(max(w-2, 4))
	r.answer.SetHeight(max(h, 1))
	lines := r.gutter(r.answer.View(), focused)
	row, col := -1, -1
	if x, y, ok := r.answer.Cursor(); ok && focused {
		row, col = y, 2+x
	}
	return lines, row, col
}

// choicePanel is a scale, a single choice or a multiple choice, with the
// answer editor below for a comment in the learner's words.
type choicePanel struct {
	h       *stepHandle
	kind    model.AnswerKind
	options []string
	cursor  int
	inText  bool // the comment editor has the keyboard
	active  bool
}

func newChoicePanel(h *stepHandle, st model.Step, prompt model.Prompt) *choicePanel {
	p := &choicePanel{h: h, kind: st.AnswerKind}
	lang := h.wk.Sess.Lang
	if st.AnswerKind == model.KindScale {
		for i, l := range prompt.Scale {
			p.options = append(p.options, fmt.Sprintf("%d %s", i+1, l.In(lang)))
		}
		for len(p.options) < model.ScalePoints {
			p.options = append(p.options, fmt.Sprint(len(p.options)+1))
		}
		p.cursor = max(st.Value-1, 0)
	} else {
		for i, o := range prompt.Options {
			p.options = append(p.options, fmt.Sprintf("%d %s", i+1, o.Text.In(lang)))
		}
		if len(st.Choices) > 0 {
			p.cursor = max(slices.Index(p.optionIDs(), st.Choices[0]), 0)
		}
	}
	return p
}

func (p *choicePanel) optionIDs() []string {
	prompt, _ := p.h.promptFor(p.h.currentStep())
	ids := make([]string, len(prompt.Options))
	for i, o := range prompt.Options {
		ids[i] = o.ID
	}
	return ids
}

func (p *choicePanel) label() string {
	if len(p.options) == 0 {
		return p.h.env.t("runner.answerLabel")
	}
	switch p.kind {
	case model.KindScale:
		return p.h.env.t("runner.scaleLabel")
	case model.KindMulti:
		return p.h.env.t("runner.multiLabel")
	}
	return p.h.env.t("runner.choiceLabel")
}

func (p *choicePanel) enter(dir int) {
	p.active = true
	p.inText = dir < 0
	p.sync()
}

func (p *choicePanel) leave() {
	p.active = false
	p.h.answer.Blur()
}

func (p *choicePanel) sync() {
	if p.active && p.inText {
		p.h.answer.Focus()
	} else {
		p.h.answer.Blur()
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
		return "", "comment", p.h.answer
	}
	return "", "", nil
}

func (p *choicePanel) goTo(_, field string) *editor.Model {
	if field != "comment" {
		return nil
	}
	p.inText = true
	p.sync()
	return p.h.answer
}
func (p *choicePanel) holdsEsc() bool { return false }

func (p *choicePanel) handle(msg tea.Msg) bool {
	if p.inText {
		return p.h.editAnswer(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false
	}
	ak := p.h.env.ak
	switch {
	case key.Matches(k, ak.back):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, ak.forth):
		p.cursor = max(min(p.cursor+1, len(p.options)-1), 0)
	case key.Matches(k, ak.choose):
		p.choose(p.cursor)
	default:
		if n, ok := digitKey(k); ok && n <= len(p.options) {
			p.cursor = n - 1
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
	return p.h.editAnswer(msg)
}

// choose selects option i: the point of a scale, the one choice, or one
// more (or one less) of several.
func (p *choicePanel) choose(i int) {
	r := p.h
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
	st := p.h.currentStep()
	if p.kind == model.KindScale {
		return st.Value == i+1
	}
	ids := p.optionIDs()
	return i < len(ids) && slices.Contains(st.Choices, ids[i])
}

func (p *choicePanel) view(w, h int, focused bool) ([]string, int, int) {
	r := p.h
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
	lines = append(lines, r.paneLabel(comment, focused && p.inText, w))
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
	if p.inText {
		return nil
	}
	return []key.Binding{p.h.env.ak.moveChoice, p.h.env.ak.chooseOption}
}
