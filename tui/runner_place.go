package tui

import (
	tea "charm.land/bubbletea/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// place is where in the step the keys are: the area, the entry and field
// of the answer area, and the caret in its text.
func (r *runner) place() model.Place {
	switch r.focus {
	case focusNote:
		return model.Place{Area: model.AreaNote, Caret: r.note.Caret(), Of: r.note.Len()}
	case focusAnswer:
		if r.panel == nil {
			return model.Place{}
		}
		pl := model.Place{Area: model.AreaAnswer}
		var ed *editor.Model
		pl.Entry, pl.Field, ed = r.panel.spot()
		if ed != nil {
			pl.Caret, pl.Of = ed.Caret(), ed.Len()
		}
		return pl
	}
	return model.Place{} // the list of prompts is not a place to resume in
}

func (r *runner) placeMark() placeMark {
	m := placeMark{focus: r.focus, step: r.wk.Sess.CurrentKey}
	switch {
	case r.focus == focusNote:
		m.ed = &r.note
	case r.focus == focusAnswer && r.panel != nil:
		m.entry, m.field, m.ed = r.panel.spot()
	}
	if m.ed != nil {
		m.row, m.col, m.rev = m.ed.At()
	}
	return m
}

// placeMark is what notePlace compares on every key: where the keys are,
// without counting the caret's characters (which a long answer makes
// slow); the place itself is worked out when saving.
type placeMark struct {
	focus         focusArea
	entry, field  string
	ed            *editor.Model
	row, col, rev int
	step          string
}

// notePlace schedules a save when the keys have moved to another field,
// entry or caret position since the last key, so that a resume comes back
// there even if nothing was typed since.
func (r *runner) notePlace() tea.Cmd {
	if !r.loaded {
		return nil
	}
	m := r.placeMark()
	if m == r.mark {
		return nil
	}
	r.mark = m
	r.wk.Moved()
	return r.scheduleSave()
}

// restorePlace gives the keys back to where they were at the last save:
// the note, or the entry and field of the answer area, with the caret where
// it was. A place that is gone (an entry deleted since) leaves the step
// as it opens.
func (r *runner) restorePlace(pl model.Place) {
	switch pl.Area {
	case model.AreaNote:
		r.setFocus(focusNote)
		putCaret(&r.note, pl)
	case model.AreaAnswer:
		if r.panel == nil {
			return
		}
		if ed := r.panel.goTo(pl.Entry, pl.Field); ed != nil {
			putCaret(ed, pl)
		}
	}
}

// putCaret puts the caret back where the place says, if the text is the
// one it was in (as long as it was); otherwise it stays at the end.
func putCaret(ed *editor.Model, pl model.Place) {
	if ed.Len() == pl.Of {
		ed.SetCaret(pl.Caret)
	}
}
