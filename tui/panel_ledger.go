package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

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
	cursor  int           // row of the list; the last row adds
	form    *fieldset     // open while adding or changing an entry
	quick   *editor.Model // the line on the last row, open while words typed on the list add an entry
	editing string        // the entry in the form or the line ("" until a new one has text)
	confirm bool          // x was pressed once on an entry
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
	p.closeQuick()
	if p.form != nil {
		p.form.blur()
	}
}

// move goes through the form's fields; from the line that adds an entry,
// forward opens the entry's form at the field after its words (the
// category, the owner), for the details.
func (p *ledgerPanel) move(d int) bool {
	if p.quick != nil {
		id, typed := p.editing, !p.quick.Blank()
		p.closeQuick()
		if d < 0 || !typed {
			return false
		}
		p.openForm(id)
		p.form.setFocus(1)
		return true
	}
	if p.form == nil {
		return false
	}
	return p.form.move(d)
}

func (p *ledgerPanel) typing() bool { return p.quick != nil || p.form != nil && p.form.typing() }

// spot is the entry in the form and its focused field (the line that adds
// an entry counts as its words), or the entry under the cursor of the list
// ("" on the row that adds one).
func (p *ledgerPanel) spot() (string, string, *editor.Model) {
	if p.quick != nil && p.editing != "" {
		return p.editing, "text", p.quick
	}
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
func (p *ledgerPanel) holdsEsc() bool { return p.form != nil || p.quick != nil }

func (p *ledgerPanel) handle(msg tea.Msg) bool {
	k, isKey := msg.(tea.KeyPressMsg)
	ak := p.h.env.ak
	if p.quick != nil {
		if isKey && key.Matches(k, ak.quickAdd, ak.close) {
			p.closeQuick()
			return true
		}
		before := p.quick.Rev()
		*p.quick, _ = p.quick.Update(msg)
		if p.quick.Rev() != before {
			p.applyQuick()
		}
		return true
	}
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
		if pickByNumber(p.form, msg) || p.form.update(msg) {
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
		fs.addSelect("category", e.t("ledger.category"), numbered(cats), sel)
		fs.addSelect("intensity", e.t("ledger.intensity"), fitOptions(), a.Intensity-1)
		fs.addSelect("term", e.t("ledger.term"), numbered(terms), term)
		fs.addText("plan", e.t("ledger.plan"), a.Plan, e.t("ledger.planPlaceholder"), 2)
		// Who may read it: private until the learner agrees to share it.
		vis := 0
		if a.Private {
			vis = 1
		}
		fs.addSelect("visibility", e.t("ledger.visibility"), numbered([]string{e.t("visibility.shared"), e.t("visibility.private")}), vis)
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
		fs.addSelect("owner", e.t("ledger.owner"), numbered(owners), owner)
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
		a := p.anxietyInHand()
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
	a := p.actionInHand()
	a.Text = fs.get("text").value()
	if o := fs.get("owner").sel; o >= 0 {
		a.Owner = model.Owners[o]
	} else {
		a.Owner = model.OwnerLearner
	}
	due, err := model.ParseDateNear(fs.get("due").value(), r.env.today())
	if err != nil {
		p.formErr = r.env.t("form.badDate")
	} else {
		p.formErr = ""
		a.Due = due
	}
	r.wk.PutAction(a)
	p.editing = a.ID
}

// anxietyInHand is the worry in the form or the line, or a new one (private,
// as every worry starts, with nothing else said of it).
func (p *ledgerPanel) anxietyInHand() model.Anxiety {
	if a, ok := p.anxiety(p.editing); ok {
		return a
	}
	return model.NewAnxiety(p.h.wk.Sess.EngagementID, p.h.wk.Sess.ID, p.step.Key, "")
}

// actionInHand is the action in the form or the line, or a new one (the
// learner's, with no due date).
func (p *ledgerPanel) actionInHand() model.Action {
	if a, ok := p.action(p.editing); ok {
		return a
	}
	w := p.h.wk
	return model.Action{ID: model.NewID(), EngagementID: w.Sess.EngagementID, SessionID: w.Sess.ID, StepKey: p.step.Key,
		Owner: model.OwnerLearner}
}

// openQuick opens the line on the last row that adds an entry with the
// words typed, and nothing else said of it: the details come later, in
// its form.
func (p *ledgerPanel) openQuick() {
	ed := editor.New()
	ed.SingleLine = true
	ed.SetHeight(1)
	ed.Focus()
	p.quick, p.editing, p.confirm = &ed, "", false
	p.cursor = len(p.ids())
}

// applyQuick puts the line's words into its entry as they are typed: the
// entry is made once there are words, and taken out again if they are
// all rubbed out.
func (p *ledgerPanel) applyQuick() {
	text := p.quick.Value()
	if strings.TrimSpace(text) == "" {
		if p.editing != "" {
			if p.kind == ledgerAnxieties {
				p.h.wk.RemoveAnxiety(p.editing)
			} else {
				p.h.wk.RemoveAction(p.editing)
			}
			p.editing = ""
		}
		return
	}
	if p.kind == ledgerAnxieties {
		a := p.anxietyInHand()
		a.Text = text
		p.h.wk.PutAnxiety(a)
		p.editing = a.ID
		return
	}
	a := p.actionInHand()
	a.Text = text
	p.h.wk.PutAction(a)
	p.editing = a.ID
}

// closeQuick closes the line (what was typed is in its entry already) and
// leaves the cursor on the last row, for the next.
func (p *ledgerPanel) closeQuick() {
	if p.quick == nil {
		return
	}
	p.quick, p.editing = nil, ""
	p.cursor = len(p.ids())
}

func (p *ledgerPanel) view(w, h int, focused bool) ([]string, int, int) {
	e := p.h.env
	if p.form != nil {
		p.form.setWidth(w)
		lines, row, col := p.form.render(focused)
		if list := choiceList(p.form, &e.st, w); focused && len(list) > 0 {
			// The options with their numbers, under the selector.
			at := min(p.form.focusLine()+1, len(lines))
			lines = slices.Insert(lines, at, list...)
			row = at + len(list) - 1 // the whole list in view, the selector above it
		}
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
	row, col := -1, -1
	for i, id := range ids {
		if p.quick != nil && id == p.editing {
			continue // on the last row, as it is typed
		}
		text, facts := p.summary(id)
		on := focused && i == p.cursor
		if on && p.confirm {
			text = e.t("ledger.confirmDelete") + " " + text
		}
		for j, r := range entryRows(text, facts, w-2, p.kind == ledgerActions) {
			switch {
			case on && j == 0:
				row = len(lines)
				lines = append(lines, e.st.selected.Render("▸ "+r))
			case on:
				lines = append(lines, e.st.selected.Render("  "+r))
			default:
				lines = append(lines, "  "+r)
			}
		}
	}
	add := e.t("ledger.addAnxiety")
	if p.kind == ledgerActions {
		add = e.t("ledger.addAction")
	}
	switch {
	case p.quick != nil:
		lead := "▸ ＋ "
		p.quick.SetWidth(max(w-lipgloss.Width(lead), 4))
		row = len(lines)
		if x, _, ok := p.quick.Cursor(); ok && focused {
			col = lipgloss.Width(lead) + x
		}
		lines = append(lines, e.st.selected.Render(lead)+p.quick.View(),
			e.st.muted.Render(truncate("  "+e.t("ledger.quickHelp"), w)))
	case focused && p.cursor == len(ids):
		row = len(lines)
		lines = append(lines, e.st.selected.Render(truncate("▸ ＋ "+add, w)),
			e.st.muted.Render(truncate("  "+e.t("ledger.typeToAdd"), w)))
	default:
		lines = append(lines, e.st.accent.Render(truncate("  ＋ "+add, w)))
	}
	if e.learner && p.kind == ledgerAnxieties && slices.ContainsFunc(p.h.wk.Ledger.Anxieties, func(a model.Anxiety) bool {
		return a.Private && a.SessionID == p.h.wk.Sess.ID && a.StepKey == p.step.Key
	}) {
		lines = append(lines, e.st.muted.Render(truncate(e.t("learner.hidden"), w)))
	}
	if !focused {
		row = -1
	}
	return lines, row, col
}

// takeText starts a new entry with what was typed on the list (not over
// a selector of an open form), on the line of the last row: enter adds it,
// tab goes on to its details.
func (p *ledgerPanel) takeText(msg tea.Msg) bool {
	if p.form != nil {
		return false
	}
	if p.quick == nil {
		p.openQuick()
	}
	return p.handle(msg)
}

// learnerView closes the form of a private worry when the learner view
// comes on: what was typed is kept, the worry is no longer shown.
func (p *ledgerPanel) learnerView() {
	if p.kind == ledgerAnxieties {
		p.closeQuick() // a new worry is private
	}
	if a, ok := p.anxiety(p.editing); p.form != nil && (!ok || a.Private) && p.kind == ledgerAnxieties {
		p.closeForm()
	}
}

// summary is an entry's words as typed and its facts (category,
// intensity, term, owner, due date…) to follow them.
func (p *ledgerPanel) summary(id string) (text, facts string) {
	e := p.h.env
	lang := e.lang
	if p.kind == ledgerAnxieties {
		a, _ := p.anxiety(id)
		var list []string
		if o, ok := p.prompt.Option(a.Category); ok {
			list = append(list, o.Text.In(p.h.wk.Sess.Lang))
		}
		if a.Intensity > 0 {
			list = append(list, e.tf("ledger.intensityN", a.Intensity))
		}
		if a.Term != "" {
			list = append(list, model.TermLabel(a.Term, lang))
		}
		if a.Private {
			list = append(list, e.t("visibility.private"))
		}
		return a.Text, factsSuffix(list)
	}
	a, _ := p.action(id)
	return a.Text, actionFacts(a, lang)
}

// actionFacts is who does an action and by when, to follow its words.
func actionFacts(a model.Action, lang model.Lang) string {
	facts := []string{model.OwnerLabel(a.Owner, lang)}
	if !a.Due.IsZero() {
		facts = append(facts, a.Due.String())
	}
	return factsSuffix(facts)
}

// typedLines are the lines of words as typed, blank ones left out (at
// least one, maybe empty).
func typedLines(text string) []string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

// entryRows lays out an entry's words as typed, a row for each line (blank
// ones left out), with facts after the last, in w cells. With whole, the
// words are cut to fit and never the facts, so that an action's due date
// stays whole; otherwise the row is cut at its end, the words first.
func entryRows(text, facts string, w int, whole bool) []string {
	lines := typedLines(text)
	last := len(lines) - 1
	for i, l := range lines {
		fw := 0
		if i == last {
			fw = lipgloss.Width(shownLine(facts))
		}
		if i == last && (!whole || fw+2 > w) {
			lines[i] = truncate(l+facts, w)
			continue
		}
		lines[i] = truncate(l, w-fw)
		if i == last {
			lines[i] += shownLine(facts)
		}
	}
	return lines
}

func factsSuffix(facts []string) string {
	if len(facts) == 0 {
		return ""
	}
	return "（" + strings.Join(facts, "・") + "）"
}

func (p *ledgerPanel) keys() []key.Binding {
	e := p.h.env
	switch {
	case p.quick != nil:
		return []key.Binding{e.ak.quickAddShown, e.ak.quickDetails}
	case p.form != nil && p.form.typing():
		return []key.Binding{e.ak.closeForm}
	case p.form != nil:
		return []key.Binding{e.ak.pickNumber, e.ak.closeForm}
	}
	return []key.Binding{e.ak.addEdit, e.ak.delete}
}
