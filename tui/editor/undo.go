package editor

// editKind groups keystrokes into undo steps: typing a word is one step,
// deleting a run of characters another, and every paste or bigger deletion
// a step of its own.
type editKind int

const (
	editNone   editKind = iota
	editType            // typing characters
	editBreak           // typing a space or a newline, which ends a typing step
	editDelete          // backspace or delete
	editBig             // word or line deletion
	editPaste           // a paste
)

const historyLimit = 200

type snapshot struct {
	lines    []string
	row, col int
}

type history struct {
	undo, redo []snapshot
	last       editKind
}

// edit records the text as it is before an edit of the given kind, unless
// the edit continues the previous step.
func (m *Model) edit(kind editKind) {
	h := &m.hist
	continues := kind == h.last && (kind == editType || kind == editDelete)
	if kind == editType && h.last == editBreak {
		continues = false
	}
	h.last = kind
	if continues {
		return
	}
	h.undo = append(h.undo, m.snapshot())
	if len(h.undo) > historyLimit {
		h.undo = h.undo[len(h.undo)-historyLimit:]
	}
	h.redo = h.redo[:0]
}

func (m *Model) snapshot() snapshot {
	return snapshot{lines: append([]string(nil), m.lines...), row: m.row, col: m.col}
}

func (m *Model) restore(s snapshot) {
	m.lines = s.lines
	m.layouts = make([]lineLayout, len(m.lines))
	m.row, m.col = s.row, s.col
	m.goalX = -1
	m.rev++
	m.ensureVisible()
}

func (m *Model) undo() {
	h := &m.hist
	if len(h.undo) == 0 {
		return
	}
	s := h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, m.snapshot())
	h.last = editNone
	m.restore(s)
}

func (m *Model) redo() {
	h := &m.hist
	if len(h.redo) == 0 {
		return
	}
	s := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, m.snapshot())
	h.last = editNone
	m.restore(s)
}
