package tui

import (
	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// answerHidden reports whether the answer on screen is private and the
// learner view is on: it is then neither shown nor edited.
func (r *runner) answerHidden() bool {
	return r.env.learner && r.answerHasVisibility() && r.currentStep().AnswerPrivate
}

// enterLearnerView takes the keyboard to the answer and closes what the
// learner view must not show.
func (r *runner) enterLearnerView() {
	if _, ok := r.modal.(*stepPicker); ok && r.lay.paneW > 0 {
		r.modal = nil
	}
	if r.focus != focusAnswer {
		r.setFocus(focusAnswer)
	}
	if p, ok := r.panel.(interface{ learnerView() }); ok {
		p.learnerView()
	}
}

// learnerSafe: the session screen shows itself in the learner view,
// leaving out what is private.
func (r *runner) learnerSafe() bool { return true }

// answerHasVisibility reports whether the current step's answer is the
// learner's words or points, which can be kept private; worries carry their
// own visibility and the agreement is the three parties' by nature.
// reviewing is the panel of the worries or actions brought back, whose
// notes each have their own scope, or nil.
func (r *runner) reviewing() *reviewPanel {
	p, _ := r.panel.(*reviewPanel)
	return p
}

func (r *runner) answerHasVisibility() bool {
	switch r.panel.(type) {
	case *textPanel, *choicePanel, *skillPanel, *focusPanel:
		return true
	}
	return false
}

// answerLabel is the answer panel's label with who may read the answer.
func (r *runner) answerLabel() string {
	switch p := r.panel.(type) {
	case *skillPanel, *focusPanel:
		return r.panel.label() // the tag is on the evidence or the plan
	case *agreementPanel:
		// The agreement is the three parties' by its nature.
		return p.label() + r.visibilityTag(false)
	case *ledgerPanel:
		if p.kind == ledgerActions {
			// Actions are agreed with the learner: always shared. (Each
			// worry says its own scope, in the list and its form.)
			return p.label() + r.visibilityTag(false)
		}
	}
	if !r.answerHasVisibility() {
		return r.panel.label()
	}
	return r.panel.label() + r.visibilityTag(r.currentStep().AnswerPrivate)
}

// noteLabel is the note's label with who may read it; notes are private
// unless marked shared.
func (r *runner) noteLabel() string {
	label := r.env.t("runner.noteLabel")
	if r.wk.Sess.IsRound() {
		label = r.env.t("round.noteLabel")
	}
	return label + r.visibilityTag(!r.currentStep().NoteShared)
}

func (r *runner) visibilityTag(private bool) string { return visibilityTag(r.env, private) }

// visibilityTag says who may read a record: ［非公開］ or ［共有］, and
// nothing in the learner view, where nothing private is on screen.
func visibilityTag(e *env, private bool) string {
	if e.learner {
		return ""
	}
	if private {
		return e.t("visibility.privateTag")
	}
	return e.t("visibility.sharedTag")
}

// toggleVisibility switches the focused answer or note between private (the
// companion only) and shared (may go into exports for the learner or the
// organisations), and writes it at once.
func (r *runner) toggleVisibility() tea.Cmd {
	if r.env.learner {
		return showStatus(r.env.t("learner.noScope"))
	}
	st := r.currentStep()
	var ev model.Event
	var said string
	switch {
	case r.focus == focusNote:
		ev = model.SetNoteShared{Shared: !st.NoteShared}
		said = map[bool]string{true: "status.noteShared", false: "status.notePrivate"}[!st.NoteShared]
	case r.focus == focusAnswer && r.answerHasVisibility():
		ev = model.SetAnswerPrivate{Private: !st.AnswerPrivate}
		said = map[bool]string{true: "status.answerPrivate", false: "status.answerShared"}[!st.AnswerPrivate]
	case r.focus == focusAnswer && r.reviewing() != nil:
		said = r.reviewing().toggleScope()
		if said == "" {
			return nil
		}
		r.relayout()
		return tea.Batch(r.flush(), showStatus(r.env.t(said)))
	default:
		return nil
	}
	r.wk.Apply(ev)
	r.relayout()
	return tea.Batch(r.flush(), showStatus(r.env.t(said)))
}
