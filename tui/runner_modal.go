package tui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
)

// A modal takes the keys of the session screen for a moment: the list of
// prompts to jump to (stepPicker), the follow-ups to dig deeper with
// (followupPicker), a question or follow-up of one's own (questionInput),
// the leave dialog (leaveDialog), a round's timer (timerModal). Each keeps
// its own state and says what it draws under the prompt and which keys it
// takes; the runner lays it out and gives it the keys. No modal open is
// the runner editing the step.
type modal interface {
	// key takes a key while the modal is open.
	key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd)
	// lines are what it draws under the prompt in w columns (paneW is the
	// width of the list of prompts beside, 0 if it is not shown);
	// inputAt is the line of a text input among them, or -1. ok false
	// leaves the place to the hints.
	lines(r *runner, w, paneW int) (lines []string, inputAt int, ok bool)
	// keys are its keys, for the footer and the help.
	keys(r *runner) keyList
}

// runnerMode names what has the keys, for tests and checks that only need
// to know which modal is open.
type runnerMode int

const (
	modeEdit      runnerMode = iota
	modeSteps                // choosing a step to jump to
	modeDeeper               // choosing a follow-up
	modeDeeperOwn            // typing an own follow-up
	modeAsk                  // typing an own question
	modeLeave                // leaving: finish or keep for later
	modeTimer                // the timer controls of a peer round
)

// mode says which modal is open.
func (r *runner) mode() runnerMode {
	switch m := r.modal.(type) {
	case *stepPicker:
		return modeSteps
	case *followupPicker:
		return modeDeeper
	case *questionInput:
		if m.followup {
			return modeDeeperOwn
		}
		return modeAsk
	case leaveDialog:
		return modeLeave
	case timerModal:
		return modeTimer
	}
	return modeEdit
}

// stepCursor is the prompt under the list's cursor, or the current one
// while the list is closed.
func (r *runner) stepCursor() int {
	if p, ok := r.modal.(*stepPicker); ok {
		return p.cursor
	}
	return r.wk.Sess.CurrentIndex()
}

// openSteps opens the list of prompts at the current one.
func (r *runner) openSteps() {
	r.modal = &stepPicker{cursor: r.wk.Sess.CurrentIndex()}
}

// stepPicker is the list of prompts with the keys: ctrl+g, or tab to the
// pane beside.
type stepPicker struct{ cursor int }

func (p *stepPicker) key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	n, page := len(r.wk.Sess.Steps), max(r.h-5, 1)
	switch mk := r.mk; {
	case key.Matches(msg, r.pk.up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(msg, r.pk.down):
		p.cursor = min(n-1, p.cursor+1)
	case key.Matches(msg, mk.pageUp):
		p.cursor = max(0, p.cursor-page)
	case key.Matches(msg, mk.pageDown):
		p.cursor = min(n-1, p.cursor+page)
	case key.Matches(msg, mk.first):
		p.cursor = 0
	case key.Matches(msg, mk.last):
		p.cursor = n - 1
	case key.Matches(msg, mk.jumpHere):
		r.modal = nil
		r.setFocus(focusAnswer)
		return r, r.apply(model.Jump{Key: r.wk.Sess.Steps[p.cursor].Key})
	case key.Matches(msg, mk.closeList):
		r.modal = nil
		r.setFocus(focusAnswer)
	case typedText(msg):
		return r, showStatus(r.env.t("runner.stepsNoText"))
	}
	r.relayout()
	return r, nil
}

func (p *stepPicker) lines(r *runner, w, paneW int) ([]string, int, bool) {
	if paneW > 0 {
		return nil, -1, false // the list is the pane beside
	}
	return r.stepLines(w, max(r.h-4, 3)), -1, true
}

func (p *stepPicker) keys(r *runner) keyList {
	pk, mk := r.pk, r.mk
	jump := mk.jumpShown
	return keyList{short: []key.Binding{pk.up, pk.down, jump, pk.cancel},
		full: [][]key.Binding{{pk.up, pk.down, mk.page, mk.ends, jump, pk.cancel}}}
}

// followupPicker offers the prompt's follow-ups, and one's own last.
type followupPicker struct{ pick int }

// followups lists the content follow-ups for the current step's prompt.
func (r *runner) followups() []model.Followup {
	p, ok := r.promptFor(r.currentStep())
	if !ok {
		return nil
	}
	return p.Followups
}

// digDeeper opens the follow-ups, or the input of one's own when the
// prompt has none.
func (r *runner) digDeeper() {
	if len(r.followups()) == 0 {
		r.askOwn(true)
	} else {
		r.modal = &followupPicker{}
	}
	r.relayout()
}

func (p *followupPicker) key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	fs := r.followups()
	switch {
	case key.Matches(msg, r.pk.cancel):
		r.modal = nil
	case key.Matches(msg, r.pk.up):
		p.pick = max(0, p.pick-1)
	case key.Matches(msg, r.pk.down):
		p.pick = min(len(fs), p.pick+1)
	case key.Matches(msg, r.pk.choose):
		if p.pick == len(fs) {
			r.askOwn(true)
			break
		}
		f := fs[p.pick]
		return r, r.apply(model.DigDeeper{FollowupID: f.ID, Text: f.Text.In(r.wk.Sess.Lang)})
	case typedText(msg):
		// Words typed over the list are a follow-up of one's own.
		q := r.askOwn(true)
		q.input, _ = q.input.Update(msg)
	default:
		return r, nil
	}
	r.relayout()
	return r, nil
}

func (p *followupPicker) lines(r *runner, w, _ int) ([]string, int, bool) {
	e := r.env
	lines := []string{e.st.paneTitleFocus.Render(e.t("runner.deeperTitle"))}
	fs := r.followups()
	opened := map[string]bool{}
	root := r.wk.Sess.RootOf(r.wk.Sess.CurrentKey)
	for _, st := range r.wk.Sess.Steps {
		if st.Parent == root && st.FollowupID != "" {
			opened[st.FollowupID] = true
		}
	}
	for i := 0; i <= len(fs); i++ {
		text := e.t("runner.deeperOwn")
		if i < len(fs) {
			text = fs[i].Text.In(r.wk.Sess.Lang)
			if opened[fs[i].ID] {
				text += "  " + e.t("runner.alreadyOpen")
			}
		}
		lines = append(lines, e.pickLine(ansi.Truncate(text, w-2, "…"), i == p.pick))
	}
	return lines, -1, true
}

// pickLine is one line of a modal's list, marked when under the cursor.
func (e *env) pickLine(text string, selected bool) string {
	if selected {
		return e.st.selected.Render("▸ " + text)
	}
	return "  " + text
}

func (p *followupPicker) keys(r *runner) keyList {
	pk := r.pk
	list := []key.Binding{pk.up, pk.down, pk.choose, pk.cancel}
	return keyList{short: list, full: [][]key.Binding{list}}
}

// questionInput is one line for a question of one's own after this step,
// or (followup) a follow-up of one's own under it.
type questionInput struct {
	followup bool
	input    editor.Model
}

// askOwn opens the input of a question (or follow-up) of one's own.
func (r *runner) askOwn(followup bool) *questionInput {
	q := &questionInput{followup: followup, input: editor.New()}
	q.input.SingleLine = true
	q.input.Focus()
	r.answer.Blur()
	r.note.Blur()
	r.modal = q
	return q
}

func (q *questionInput) key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	switch {
	case key.Matches(msg, r.pk.cancel):
		r.modal = nil
		r.setFocus(r.focus)
		r.relayout()
		return r, nil
	case key.Matches(msg, r.mk.add):
		text := strings.TrimSpace(q.input.Value())
		if text == "" {
			return r, nil
		}
		if q.followup {
			return r, r.apply(model.DigDeeper{Text: text})
		}
		return r, r.apply(model.AddQuestion{Text: text})
	}
	q.input, _ = q.input.Update(msg)
	return r, nil
}

func (q *questionInput) lines(r *runner, w, _ int) ([]string, int, bool) {
	e := r.env
	label := e.t("runner.askLabel")
	if q.followup {
		label = e.t("runner.deeperOwnLabel")
	}
	q.input.SetWidth(max(w-2, 10))
	q.input.SetHeight(1)
	return []string{e.st.paneTitleFocus.Render(label), "", e.st.muted.Render(e.t("runner.inputHelp"))}, 1, true
}

func (q *questionInput) keys(r *runner) keyList {
	list := []key.Binding{r.mk.add, r.pk.cancel}
	return keyList{short: list, full: [][]key.Binding{list}}
}

// leaveDialog asks whether the session is finished or kept for later; once
// nothing more can be saved from this window, it only closes this copy.
type leaveDialog struct{}

// closeCopy is the leave dialog's key once nothing more can be saved.
func (r *runner) closeCopy() key.Binding {
	if errors.Is(r.wk.Err(), model.ErrReplaced) {
		return r.mk.closeUnsaved
	}
	return r.mk.closeCopy
}

func (leaveDialog) key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	mk := r.mk
	if r.saveLost() {
		// The session is the other window's, or changed under this one,
		// or its file is gone: leaving here closes this copy only, after
		// the user has been told what it holds unsaved.
		switch {
		case key.Matches(msg, mk.later):
			left := r.env.t(r.lostKey("status.leftTakenOver", "status.leftChanged", "status.leftUnsaved"))
			r.givenUp = true
			return r, tea.Batch(popScreen, showStatus(left), r.release())
		case key.Matches(msg, mk.stay):
			r.modal = nil
			r.relayout()
		}
		return r, nil
	}
	switch {
	case key.Matches(msg, mk.readBack) && r.readBackAllowed():
		return r, r.openReadBack()
	case key.Matches(msg, mk.voice) && r.feedbackAllowed():
		if r.env.learner {
			// Its answers are kept to the companion: the learner view
			// would neither show nor take them.
			return r, showStatus(r.env.t("runner.voiceInLearner"))
		}
		return r, r.apply(model.AddFeedback{})
	case key.Matches(msg, mk.planned) && r.clockShown():
		r.planned = nextPlanned(r.planned)
		r.relayout()
	case key.Matches(msg, mk.finish):
		r.leaving = leaveFinished
		r.modal = nil
		r.pauseRound()
		cmd := r.apply(model.Finish{})
		return r, tea.Batch(cmd, r.closeIfSaved())
	case key.Matches(msg, mk.later):
		r.leaving = leaveForLater
		r.modal = nil
		r.pauseRound()
		var cmd tea.Cmd
		if r.wk.Sess.Status == model.Done {
			cmd = r.apply(model.Reopen{})
		} else {
			cmd = r.flush()
		}
		return r, tea.Batch(cmd, r.closeIfSaved())
	case key.Matches(msg, mk.stay):
		r.modal = nil
		r.relayout()
	case typedText(msg):
		return r, showStatus(r.env.t("runner.leaveNoText"))
	}
	return r, nil
}

func (leaveDialog) lines(r *runner, w, _ int) ([]string, int, bool) {
	e := r.env
	title := e.st.paneTitleFocus.Render(e.t("runner.leaveTitle"))
	if r.saveLost() {
		body := e.t(r.lostKey("runner.takenOverLeave", "runner.changedLeave", "runner.replacedLeave"))
		lines := []string{title}
		for _, l := range strings.Split(wrapText(body, w, ""), "\n") {
			lines = append(lines, e.st.errText.Render(l))
		}
		return append(append(lines, ""), keyLines(e, r.closeCopy(), r.mk.stay)...), -1, true
	}
	answered, _, total := r.wk.Sess.Counts(r.wk.Ledger)
	lines := []string{title, e.tf("runner.leaveCounts", answered, total)}
	if r.clockShown() {
		lines = append(lines, e.st.muted.Render(e.tf("runner.plannedNow", r.plannedText())))
	}
	return append(append(lines, ""), keyLines(e, leaveDialog{}.keys(r).full[0]...)...), -1, true
}

// keys are the dialog's: at the end of a conversation with a learner, the
// read-back and the learner's voice come first, as they come last in the
// conversation, then finishing or keeping it for later; the planned
// length of the quiet clock after them.
func (leaveDialog) keys(r *runner) keyList {
	mk := r.mk
	var list []key.Binding
	if r.readBackAllowed() {
		list = append(list, mk.readBack)
	}
	if r.feedbackAllowed() && !r.env.learner {
		list = append(list, mk.voice)
	}
	list = append(list, mk.finish, mk.later)
	if r.clockShown() {
		list = append(list, mk.planned)
	}
	list = append(list, mk.stay)
	if r.saveLost() {
		list = []key.Binding{r.closeCopy(), mk.stay}
	}
	return keyList{short: list, full: [][]key.Binding{list}}
}

// keyLines are a dialog's keys, one a line, as their help says them, so
// that what the dialog shows and what works cannot differ. The words
// start in one column.
func keyLines(e *env, bs ...key.Binding) []string {
	w := 0
	for _, b := range bs {
		w = max(w, lipgloss.Width(b.Help().Key))
	}
	lines := make([]string, len(bs))
	for i, b := range bs {
		h := b.Help()
		lines[i] = "  " + e.st.heading.Render(padRight(h.Key, w)) + "  " + h.Desc
	}
	return lines
}

// closeIfSaved closes now when there was nothing to save.
func (r *runner) closeIfSaved() tea.Cmd {
	if r.unsaved() {
		return nil
	}
	return r.close()
}
