package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// The ledger panels: at an anxiety or action prompt, a list of the worries
// or actions written down at this step with a small form to add or change
// one. (The carried-forward steps are in panel_review.go.)

type ledgerKind int

const (
	ledgerAnxieties ledgerKind = iota
	ledgerActions
)

type ledgerPanel struct {
	h       *stepHandle
	kind    ledgerKind
	step    model.Step
	prompt  model.Prompt
	cursor  int       // row of the list; the last row adds
	form    *fieldset // open while adding or changing an entry
	editing string    // the entry in the form ("" until a new one has text)
	confirm bool      // x was pressed once on an entry
	formErr string
	active  bool
}

func newLedgerPanel(h *stepHandle, st model.Step, prompt model.Prompt, kind ledgerKind) *ledgerPanel {
	return &ledgerPanel{h: h, kind: kind, step: st, prompt: prompt}
}

// ids lists the entries written down at this step, oldest first; in the
// learner view, without the private ones.
func (p *ledgerPanel) ids() []string {
	var out []string
	r := p.h
	if p.kind == ledgerAnxieties {
		for _, a := range r.wk.Ledger.Anxieties {
			if a.SessionID == r.wk.Sess.ID && a.StepKey == p.step.Key && !(r.env.learner && a.Private) {
				out = append(out, a.ID)
			}
		}
		return out
	}
	for _, a := range r.wk.Ledger.Actions {
		if a.SessionID == r.wk.Sess.ID && a.StepKey == p.step.Key {
			out = append(out, a.ID)
		}
	}
	return out
}

func (p *ledgerPanel) label() string {
	if p.kind == ledgerAnxieties {
		return p.h.env.t("ledger.anxietiesLabel")
	}
	return p.h.env.t("ledger.actionsLabel")
}

func (p *ledgerPanel) enter(dir int) {
	p.active = true
	if p.form != nil {
		if dir < 0 {
			p.form.setFocus(len(p.form.fields) - 1)
		} else {
			p.form.setFocus(0)
		}
	}
}

func (p *ledgerPanel) leave() {
	p.active = false
	if p.form != nil {
		p.form.blur()
	}
}

func (p *ledgerPanel) move(d int) bool {
	if p.form == nil {
		return false
	}
	return p.form.move(d)
}

func (p *ledgerPanel) typing() bool { return p.form != nil && p.form.typing() }

// spot is the entry in the form and its focused field, or the entry under
// the cursor of the list ("" on the row that adds one).
func (p *ledgerPanel) spot() (string, string, *editor.Model) {
	if p.form != nil {
		field, ed := p.form.spot()
		return p.editing, field, ed
	}
	if ids := p.ids(); p.cursor < len(ids) {
		return ids[p.cursor], "", nil
	}
	return "", "", nil
}

// goTo opens the form of the entry again at its field (a new entry's when
// entry is ""), or puts the cursor on the entry in the list.
func (p *ledgerPanel) goTo(entry, field string) *editor.Model {
	ids := p.ids()
	i := slices.Index(ids, entry)
	if entry != "" && i < 0 {
		return nil // deleted since, or hidden
	}
	if i >= 0 {
		p.cursor = i
	}
	if field == "" {
		return nil
	}
	p.openForm(entry)
	return p.form.goTo(field)
}
func (p *ledgerPanel) holdsEsc() bool { return p.form != nil }

func (p *ledgerPanel) handle(msg tea.Msg) bool {
	k, isKey := msg.(tea.KeyPressMsg)
	ak := p.h.env.ak
	if p.form != nil {
		if isKey && key.Matches(k, ak.close) {
			if p.formErr != "" {
				// Closing now would drop what was typed in the bad field.
				p.formErr = p.h.env.t("ledger.fixBeforeClosing")
				return true
			}
			p.closeForm()
			return true
		}
		if p.form.update(msg) {
			p.applyForm()
			return true
		}
		// Words typed on a selector are not taken as a choice: the
		// session says where to type.
		return !typedText(msg)
	}
	if !isKey {
		return false
	}
	ids := p.ids()
	removing := key.Matches(k, ak.remove)
	switch {
	case key.Matches(k, ak.up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, ak.down):
		p.cursor = min(p.cursor+1, len(ids))
	case key.Matches(k, ak.choose):
		if p.cursor < len(ids) {
			p.openForm(ids[p.cursor])
		} else {
			p.openForm("")
		}
	case removing:
		if p.cursor >= len(ids) {
			return false
		}
		if !p.confirm {
			p.confirm = true
			return true
		}
		if p.kind == ledgerAnxieties {
			p.h.wk.RemoveAnxiety(ids[p.cursor])
		} else {
			p.h.wk.RemoveAction(ids[p.cursor])
		}
		p.cursor = min(p.cursor, len(p.ids()))
	default:
		p.confirm = false
		return false
	}
	if !removing {
		p.confirm = false
	}
	return true
}

func (p *ledgerPanel) anxiety(id string) (model.Anxiety, bool) {
	i := slices.IndexFunc(p.h.wk.Ledger.Anxieties, func(a model.Anxiety) bool { return a.ID == id })
	if i < 0 {
		return model.Anxiety{}, false
	}
	return p.h.wk.Ledger.Anxieties[i], true
}

func (p *ledgerPanel) action(id string) (model.Action, bool) {
	i := slices.IndexFunc(p.h.wk.Ledger.Actions, func(a model.Action) bool { return a.ID == id })
	if i < 0 {
		return model.Action{}, false
	}
	return p.h.wk.Ledger.Actions[i], true
}

// openForm opens the form for an entry, or for a new one when id is "".
func (p *ledgerPanel) openForm(id string) {
	e := p.h.env
	lang := e.lang
	fs := newFieldset(&e.st)
	p.editing, p.formErr = id, ""
	if p.kind == ledgerAnxieties {
		a, ok := p.anxiety(id)
		if !ok {
			a = model.NewAnxiety(p.h.wk.Sess.EngagementID, p.h.wk.Sess.ID, p.step.Key, "")
		}
		var cats []string
		sel := -1
		for i, o := range p.prompt.Options {
			cats = append(cats, o.Text.In(p.h.wk.Sess.Lang))
			if o.ID == a.Category {
				sel = i
			}
		}
		terms := []string{model.TermLabel(model.ShortTerm, lang), model.TermLabel(model.LongTerm, lang)}
		term := map[model.Term]int{model.ShortTerm: 0, model.LongTerm: 1}[a.Term]
		if a.Term == "" {
			term = -1
		}
		fs.addText("text", e.t("ledger.worry"), a.Text, e.t("ledger.worryPlaceholder"), 2)
		fs.addSelect("category", e.t("ledger.category"), cats, sel)
		fs.addSelect("intensity", e.t("ledger.intensity"), fitOptions(), a.Intensity-1)
		fs.addSelect("term", e.t("ledger.term"), terms, term)
		fs.addText("plan", e.t("ledger.plan"), a.Plan, e.t("ledger.planPlaceholder"), 2)
		// Who may read it: private until the learner agrees to share it.
		vis := 0
		if a.Private {
			vis = 1
		}
		fs.addSelect("visibility", e.t("ledger.visibility"), []string{e.t("visibility.shared"), e.t("visibility.private")}, vis)
	} else {
		a, ok := p.action(id)
		owners := make([]string, len(model.Owners))
		for i, o := range model.Owners {
			owners[i] = model.OwnerLabel(o, lang)
		}
		owner := 0 // the learner by default: the learner decides
		if ok {
			owner = slices.Index(model.Owners, a.Owner)
		}
		fs.addText("text", e.t("ledger.action"), a.Text, e.t("ledger.actionPlaceholder"), 2)
		fs.addSelect("owner", e.t("ledger.owner"), owners, owner)
		fs.addText("due", e.t("ledger.due"), a.Due.String(), "2026-12-01", 1)
	}
	p.form = fs
	if p.active {
		fs.setFocus(0)
	} else {
		fs.blur()
	}
}

func (p *ledgerPanel) closeForm() {
	p.form = nil
	p.formErr = ""
	if p.editing == "" {
		p.cursor = len(p.ids())
	}
}

// applyForm puts the form's values into the ledger as they are typed. A new
// entry is created once it has words.
func (p *ledgerPanel) applyForm() {
	r := p.h
	fs := p.form
	text := strings.TrimSpace(fs.get("text").value())
	if p.editing == "" && text == "" {
		return
	}
	if p.kind == ledgerAnxieties {
		a, ok := p.anxiety(p.editing)
		if !ok {
			a = model.NewAnxiety(r.wk.Sess.EngagementID, r.wk.Sess.ID, p.step.Key, "")
		}
		a.Text = fs.get("text").value()
		if c := fs.get("category").sel; c >= 0 && c < len(p.prompt.Options) {
			a.Category = p.prompt.Options[c].ID
		} else {
			a.Category = ""
		}
		a.Intensity = fs.get("intensity").sel + 1
		a.Term = ""
		switch fs.get("term").sel {
		case 0:
			a.Term = model.ShortTerm
		case 1:
			a.Term = model.LongTerm
		}
		a.Plan = fs.get("plan").value()
		a.Private = fs.get("visibility").sel == 1
		r.wk.PutAnxiety(a)
		p.editing = a.ID
		return
	}
	a, ok := p.action(p.editing)
	if !ok {
		a = model.Action{ID: model.NewID(), EngagementID: r.wk.Sess.EngagementID, SessionID: r.wk.Sess.ID, StepKey: p.step.Key}
	}
	a.Text = fs.get("text").value()
	if o := fs.get("owner").sel; o >= 0 {
		a.Owner = model.Owners[o]
	} else {
		a.Owner = model.OwnerLearner
	}
	due, err := model.ParseDate(fs.get("due").value())
	if err != nil {
		p.formErr = r.env.t("form.badDate")
	} else {
		p.formErr = ""
		a.Due = due
	}
	r.wk.PutAction(a)
	p.editing = a.ID
}

func (p *ledgerPanel) view(w, h int, focused bool) ([]string, int, int) {
	e := p.h.env
	if p.form != nil {
		p.form.setWidth(w)
		lines, row, col := p.form.render(focused)
		if p.formErr != "" {
			lines = append(lines, e.st.errText.Render("✗ "+p.formErr))
		}
		lines = append(lines, e.st.muted.Render(truncate(e.t("ledger.formHelp"), w)))
		if focused && row < 0 {
			row = 0
		}
		return lines, row, col
	}
	var lines []string
	ids := p.ids()
	p.cursor = min(p.cursor, len(ids))
	for i, id := range ids {
		text := p.summary(id)
		if focused && i == p.cursor {
			if p.confirm {
				text = e.t("ledger.confirmDelete") + " " + text
			}
			lines = append(lines, e.st.selected.Render(truncate("▸ "+text, w)))
		} else {
			lines = append(lines, truncate("  "+text, w))
		}
	}
	add := e.t("ledger.addAnxiety")
	if p.kind == ledgerActions {
		add = e.t("ledger.addAction")
	}
	if focused && p.cursor == len(ids) {
		lines = append(lines, e.st.selected.Render(truncate("▸ ＋ "+add, w)))
	} else {
		lines = append(lines, e.st.accent.Render(truncate("  ＋ "+add, w)))
	}
	if e.learner && p.kind == ledgerAnxieties && slices.ContainsFunc(p.h.wk.Ledger.Anxieties, func(a model.Anxiety) bool {
		return a.Private && a.SessionID == p.h.wk.Sess.ID && a.StepKey == p.step.Key
	}) {
		lines = append(lines, e.st.muted.Render(truncate(e.t("learner.hidden"), w)))
	}
	row := -1
	if focused {
		row = p.cursor
	}
	return lines, row, -1
}

// takeText starts a new entry with what was typed on the list (not over
// a selector of an open form).
func (p *ledgerPanel) takeText(msg tea.Msg) bool {
	if p.form != nil {
		return false
	}
	p.confirm = false
	p.openForm("")
	p.form.setFocus(0)
	if p.form.update(msg) {
		p.applyForm()
	}
	return true
}

// learnerView closes the form of a private worry when the learner view
// comes on: what was typed is kept, the worry is no longer shown.
func (p *ledgerPanel) learnerView() {
	if a, ok := p.anxiety(p.editing); p.form != nil && (!ok || a.Private) && p.kind == ledgerAnxieties {
		p.closeForm()
	}
}

// summary is one line for an entry.
func (p *ledgerPanel) summary(id string) string {
	e := p.h.env
	lang := e.lang
	if p.kind == ledgerAnxieties {
		a, _ := p.anxiety(id)
		var facts []string
		if o, ok := p.prompt.Option(a.Category); ok {
			facts = append(facts, o.Text.In(p.h.wk.Sess.Lang))
		}
		if a.Intensity > 0 {
			facts = append(facts, e.tf("ledger.intensityN", a.Intensity))
		}
		if a.Term != "" {
			facts = append(facts, model.TermLabel(a.Term, lang))
		}
		if a.Private {
			facts = append(facts, e.t("visibility.private"))
		}
		return oneLine(a.Text) + factsSuffix(facts)
	}
	a, _ := p.action(id)
	facts := []string{model.OwnerLabel(a.Owner, lang)}
	if !a.Due.IsZero() {
		facts = append(facts, a.Due.String())
	}
	return oneLine(a.Text) + factsSuffix(facts)
}

func factsSuffix(facts []string) string {
	if len(facts) == 0 {
		return ""
	}
	return "（" + strings.Join(facts, "・") + "）"
}

func (p *ledgerPanel) keys() []key.Binding {
	e := p.h.env
	if p.form != nil {
		return []key.Binding{e.ak.closeForm}
	}
	return []key.Binding{e.ak.addEdit, e.ak.delete}
}
