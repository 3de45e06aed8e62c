package tui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
)

// The carried-forward panels: at the steps that bring back the worries and
// actions still open from earlier sessions, each with how it stands now
// and a note.

// shown are the items on screen: in the learner view, not the private
// worries.
func (p *reviewPanel) shown() []string {
	out := p.items
	if p.h.env.learner && p.kind == ledgerAnxieties {
		out = nil
		for _, id := range p.items {
			i := slices.IndexFunc(p.h.wk.Ledger.Anxieties, func(a model.Anxiety) bool { return a.ID == id })
			if i < 0 || !p.h.wk.Ledger.Anxieties[i].Private {
				out = append(out, id)
			}
		}
	}
	p.cursor = max(min(p.cursor, len(out)-1), 0)
	return out
}

// learnerView closes what the learner view must not show: the note being
// written, whose item may now be hidden.
func (p *reviewPanel) learnerView() { p.noteEd = nil }

// reviewPanel brings back the worries (or actions) still open when the
// session began, and records for each how it stands now, with a note.
type reviewPanel struct {
	h       *stepHandle
	kind    ledgerKind
	items   []string // fixed when the step opens, so nothing jumps away
	cursor  int
	noteEd  *editor.Model // open while writing the note of the item
	active  bool
	touched bool
}

func newReviewPanel(h *stepHandle, kind ledgerKind) *reviewPanel {
	p := &reviewPanel{h: h, kind: kind}
	if kind == ledgerAnxieties {
		for _, a := range h.wk.Ledger.AnxietiesToAsk(h.wk.Sess) {
			p.items = append(p.items, a.ID)
		}
	} else {
		for _, a := range h.wk.Ledger.ActionsToReview(h.wk.Sess.ID) {
			p.items = append(p.items, a.ID)
		}
	}
	return p
}

func (p *reviewPanel) label() string {
	if p.kind == ledgerAnxieties {
		return p.h.env.t("review.anxietiesLabel")
	}
	return p.h.env.t("review.actionsLabel")
}

func (p *reviewPanel) enter(int) {
	p.active = true
	if p.noteEd != nil {
		p.noteEd.Focus()
	}
}

func (p *reviewPanel) leave() {
	p.active = false
	if p.noteEd != nil {
		p.noteEd.Blur()
	}
}

func (p *reviewPanel) move(int) bool { return false }
func (p *reviewPanel) typing() bool  { return p.noteEd != nil }

// spot is the item under the cursor, and its note when it is open.
func (p *reviewPanel) spot() (string, string, *editor.Model) {
	ids := p.shown()
	if len(ids) == 0 {
		return "", "", nil
	}
	if p.noteEd != nil {
		return ids[p.cursor], "note", p.noteEd
	}
	return ids[p.cursor], "", nil
}

// goTo puts the cursor on the item again, and opens its note.
func (p *reviewPanel) goTo(entry, field string) *editor.Model {
	i := slices.Index(p.shown(), entry)
	if i < 0 {
		return nil
	}
	p.cursor = i
	if field != "note" {
		return nil
	}
	p.openNote(entry)
	if !p.active {
		p.noteEd.Blur()
	}
	return p.noteEd
}
func (p *reviewPanel) holdsEsc() bool { return p.noteEd != nil }

// update returns the item's status (or outcome) recorded in this session.
func (p *reviewPanel) update(id string) (string, bool) {
	r := p.h
	if p.kind == ledgerAnxieties {
		for _, a := range r.wk.Ledger.Anxieties {
			if a.ID == id {
				if u, ok := a.UpdateIn(r.wk.Sess.ID); ok {
					return string(u.Status), true
				}
			}
		}
		return "", false
	}
	for _, a := range r.wk.Ledger.Actions {
		if a.ID == id {
			if u, ok := a.UpdateIn(r.wk.Sess.ID); ok {
				return string(u.Outcome), true
			}
		}
	}
	return "", false
}

// choices are the statuses (or outcomes) an item can be given here.
func (p *reviewPanel) choices() []string {
	if p.kind == ledgerAnxieties {
		out := make([]string, len(model.AnxietyStatuses))
		for i, s := range model.AnxietyStatuses {
			out[i] = string(s)
		}
		return out
	}
	out := make([]string, len(model.ReviewOutcomes))
	for i, o := range model.ReviewOutcomes {
		out[i] = string(o)
	}
	return out
}

func (p *reviewPanel) choiceLabel(v string) string {
	if p.kind == ledgerAnxieties {
		return model.StatusLabel(model.AnxietyStatus(v), p.h.env.lang)
	}
	return model.OutcomeLabel(model.Outcome(v), p.h.env.lang)
}

func (p *reviewPanel) note(id string) string {
	note, _, _ := p.noteScope(id)
	return note
}

// noteScope is this session's note on an item, whether it is shared, and
// whether it must stay private because its worry is private.
func (p *reviewPanel) noteScope(id string) (note string, shared, locked bool) {
	r := p.h
	if p.kind == ledgerAnxieties {
		for _, a := range r.wk.Ledger.Anxieties {
			if a.ID == id {
				u, _ := a.UpdateIn(r.wk.Sess.ID)
				return u.Note, u.NoteShared && !a.Private, a.Private
			}
		}
		return "", false, false
	}
	for _, a := range r.wk.Ledger.Actions {
		if a.ID == id {
			u, _ := a.UpdateIn(r.wk.Sess.ID)
			return u.Note, u.NoteShared, false
		}
	}
	return "", false, false
}

// toggleScope switches the note of the item under the cursor between
// private and shared, and returns what to tell the user.
func (p *reviewPanel) toggleScope() string {
	if len(p.shown()) == 0 {
		return ""
	}
	id := p.shown()[p.cursor]
	_, shared, locked := p.noteScope(id)
	switch {
	case locked:
		return "status.noteOfPrivateWorry"
	case p.kind == ledgerAnxieties:
		p.h.wk.ShareAnxietyNote(id, !shared)
	default:
		p.h.wk.ShareActionNote(id, !shared)
	}
	return map[bool]string{true: "status.noteShared", false: "status.notePrivate"}[!shared]
}

// noteLabel names an item's note with who may read it.
func (p *reviewPanel) noteLabel(id string) string {
	_, shared, _ := p.noteScope(id)
	return p.h.env.t("review.note") + p.h.visibilityTag(!shared)
}

// set records value (a status or outcome) and note for item id.
func (p *reviewPanel) set(id, value, note string) {
	if p.kind == ledgerAnxieties {
		p.h.wk.SetAnxietyStatus(id, model.AnxietyStatus(value), note)
	} else {
		p.h.wk.SetActionOutcome(id, model.Outcome(value), note)
	}
}

// current is the item's value now: this session's, else the one before.
func (p *reviewPanel) current(id string) string {
	if v, ok := p.update(id); ok {
		return v
	}
	for _, a := range p.h.wk.Ledger.Anxieties {
		if a.ID == id {
			return string(model.StatusBefore(a, p.h.wk.Sess.ID))
		}
	}
	for _, a := range p.h.wk.Ledger.Actions {
		if a.ID == id {
			return string(model.OutcomeBefore(a, p.h.wk.Sess.ID))
		}
	}
	return ""
}

func (p *reviewPanel) handle(msg tea.Msg) bool {
	if len(p.shown()) == 0 {
		return false
	}
	id := p.shown()[p.cursor]
	k, isKey := msg.(tea.KeyPressMsg)
	ak := p.h.env.ak
	if p.noteEd != nil {
		if isKey && key.Matches(k, ak.closeNote) {
			p.noteEd = nil
			return true
		}
		before := p.noteEd.Rev()
		*p.noteEd, _ = p.noteEd.Update(msg)
		if p.noteEd.Rev() != before {
			p.set(id, p.current(id), p.noteEd.Value())
		}
		return true
	}
	if !isKey {
		return false
	}
	choices := p.choices()
	switch {
	case key.Matches(k, ak.up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, ak.down):
		p.cursor = min(p.cursor+1, len(p.shown())-1)
	case key.Matches(k, ak.left, ak.right):
		i := slices.Index(choices, p.current(id))
		if key.Matches(k, ak.left) {
			i = (i - 1 + len(choices)) % len(choices)
		} else {
			i = (i + 1) % len(choices)
		}
		p.set(id, choices[i], p.note(id))
	case key.Matches(k, ak.open):
		p.openNote(id)
	default:
		n, ok := digitKey(k)
		if !ok || n > len(choices) {
			return false
		}
		p.set(id, choices[n-1], p.note(id))
	}
	return true
}

// openNote opens the editor of an item's note.
func (p *reviewPanel) openNote(id string) {
	ed := editor.New()
	ed.SingleLine = true
	ed.SetHeight(1)
	ed.SetValue(p.note(id))
	ed.Focus()
	p.noteEd = &ed
}

// takeText adds what was typed on an item to its note.
func (p *reviewPanel) takeText(msg tea.Msg) bool {
	ids := p.shown()
	if len(ids) == 0 {
		return false
	}
	if p.noteEd == nil {
		p.openNote(ids[p.cursor])
	}
	return p.handle(msg)
}

func (p *reviewPanel) view(w, h int, focused bool) ([]string, int, int) {
	e := p.h.env
	if len(p.shown()) == 0 {
		return []string{e.st.muted.Render(e.t("review.nothing"))}, -1, -1
	}
	var lines []string
	row, col := -1, -1
	choices := p.choices()
	for i, id := range p.shown() {
		on := focused && i == p.cursor
		value := p.current(id)
		status := "◀ " + p.choiceLabel(value) + " ▶"
		if n := slices.Index(choices, value); n >= 0 {
			status = fmt.Sprintf("◀ %d %s ▶", n+1, p.choiceLabel(value))
		}
		if _, here := p.update(id); !here {
			status = e.st.muted.Render(status + " " + e.t("review.asBefore"))
		} else {
			status = e.st.accent.Render(status)
		}
		// The status beside the words, or under them when too narrow.
		text, facts := p.itemText(id)
		avail := w - lipgloss.Width(status) - 2
		beside := avail >= 12
		if !beside {
			avail = w
		}
		for j, r := range entryRows(text, facts, avail-2, true) {
			mark := "  "
			if on && j == 0 {
				mark = "▸ "
				row = len(lines)
			}
			r = mark + r
			if on {
				r = e.st.selected.Render(r)
			}
			if j == 0 && beside {
				r = padRight(r, avail) + "  " + status
			}
			lines = append(lines, r)
		}
		if !beside {
			lines = append(lines, "    "+ansi.Truncate(status, max(w-4, 4), "…"))
		}
		if p.askHowCoped(id) {
			lines = append(lines, e.st.accent.Render(truncate("    "+model.HappenedQuestion(p.h.wk.Sess.Lang), w)))
		}
		if p.noteEd != nil && on {
			lines = append(lines, "    "+e.st.paneTitleFocus.Render(truncate(p.noteLabel(id), max(w-4, 4))))
			p.noteEd.SetWidth(max(w-8, 8))
			if x, _, ok := p.noteEd.Cursor(); ok {
				row, col = len(lines), 6+x
			}
			lines = append(lines, "    "+e.st.gutterFocus.Render("┃ ")+p.noteEd.View())
		} else if n, shared, _ := p.noteScope(id); n != "" && (shared || !e.learner) {
			lines = append(lines, e.st.muted.Render(truncate("    "+p.noteLabel(id)+" "+oneLine(n), w)))
		}
	}
	return lines, row, col
}

// askHowCoped reports whether the item is a worry that happened, brought
// back to ask how the learner coped.
func (p *reviewPanel) askHowCoped(id string) bool {
	if p.kind != ledgerAnxieties {
		return false
	}
	i := slices.IndexFunc(p.h.wk.Ledger.Anxieties, func(a model.Anxiety) bool { return a.ID == id })
	return i >= 0 && model.AskHowCoped(p.h.wk.Ledger.Anxieties[i], p.h.wk.Sess.ID)
}

// itemText is an item's words as typed and, for an action, who does it
// and by when.
func (p *reviewPanel) itemText(id string) (text, facts string) {
	for _, a := range p.h.wk.Ledger.Anxieties {
		if a.ID == id {
			return a.Text, ""
		}
	}
	for _, a := range p.h.wk.Ledger.Actions {
		if a.ID == id {
			return a.Text, actionFacts(a, p.h.env.lang)
		}
	}
	return id, ""
}

func (p *reviewPanel) keys() []key.Binding {
	e := p.h.env
	if p.noteEd != nil {
		return []key.Binding{e.ak.closeNote2}
	}
	if p.kind == ledgerActions {
		return []key.Binding{e.ak.outcome, e.ak.reviewNote}
	}
	return []key.Binding{e.ak.status, e.ak.reviewNote}
}
