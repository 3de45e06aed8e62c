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
// one; at the carried-forward steps, the worries and actions still open from
// earlier sessions, each with how it stands now.

type ledgerKind int

const (
	ledgerAnxieties ledgerKind = iota
	ledgerActions
)

type ledgerPanel struct {
	r       *runner
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

func newLedgerPanel(r *runner, st model.Step, prompt model.Prompt, kind ledgerKind) *ledgerPanel {
	return &ledgerPanel{r: r, kind: kind, step: st, prompt: prompt}
}

// ids lists the entries written down at this step, oldest first; in the
// learner view, without the private ones.
func (p *ledgerPanel) ids() []string {
	var out []string
	r := p.r
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
		return p.r.env.t("ledger.anxietiesLabel")
	}
	return p.r.env.t("ledger.actionsLabel")
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
	if p.form != nil {
		if isKey && k.String() == "esc" {
			if p.formErr != "" {
				// Closing now would drop what was typed in the bad field.
				p.formErr = p.r.env.t("ledger.fixBeforeClosing")
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
	switch k.String() {
	case "up":
		p.cursor = max(p.cursor-1, 0)
	case "down":
		p.cursor = min(p.cursor+1, len(ids))
	case "enter", "space":
		if p.cursor < len(ids) {
			p.openForm(ids[p.cursor])
		} else {
			p.openForm("")
		}
	case "x", "delete":
		if p.cursor >= len(ids) {
			return false
		}
		if !p.confirm {
			p.confirm = true
			return true
		}
		if p.kind == ledgerAnxieties {
			p.r.deleteAnxiety(ids[p.cursor])
		} else {
			p.r.deleteAction(ids[p.cursor])
		}
		p.cursor = min(p.cursor, len(p.ids()))
	default:
		p.confirm = false
		return false
	}
	if k.String() != "x" && k.String() != "delete" {
		p.confirm = false
	}
	return true
}

func (p *ledgerPanel) anxiety(id string) (model.Anxiety, bool) {
	i := slices.IndexFunc(p.r.wk.Ledger.Anxieties, func(a model.Anxiety) bool { return a.ID == id })
	if i < 0 {
		return model.Anxiety{}, false
	}
	return p.r.wk.Ledger.Anxieties[i], true
}

func (p *ledgerPanel) action(id string) (model.Action, bool) {
	i := slices.IndexFunc(p.r.wk.Ledger.Actions, func(a model.Action) bool { return a.ID == id })
	if i < 0 {
		return model.Action{}, false
	}
	return p.r.wk.Ledger.Actions[i], true
}

// openForm opens the form for an entry, or for a new one when id is "".
func (p *ledgerPanel) openForm(id string) {
	e := p.r.env
	lang := e.lang
	fs := newFieldset(&e.st)
	p.editing, p.formErr = id, ""
	if p.kind == ledgerAnxieties {
		a, ok := p.anxiety(id)
		if !ok {
			a = model.NewAnxiety(p.r.wk.Sess.EngagementID, p.r.wk.Sess.ID, p.step.Key, "")
		}
		var cats []string
		sel := -1
		for i, o := range p.prompt.Options {
			cats = append(cats, o.Text.In(p.r.wk.Sess.Lang))
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
	r := p.r
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
		r.putAnxiety(a)
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
	r.putAction(a)
	p.editing = a.ID
}

func (p *ledgerPanel) view(w, h int, focused bool) ([]string, int, int) {
	e := p.r.env
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
	if e.learner && p.kind == ledgerAnxieties && slices.ContainsFunc(p.r.wk.Ledger.Anxieties, func(a model.Anxiety) bool {
		return a.Private && a.SessionID == p.r.wk.Sess.ID && a.StepKey == p.step.Key
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
	e := p.r.env
	lang := e.lang
	if p.kind == ledgerAnxieties {
		a, _ := p.anxiety(id)
		var facts []string
		if o, ok := p.prompt.Option(a.Category); ok {
			facts = append(facts, o.Text.In(p.r.wk.Sess.Lang))
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
	e := p.r.env
	if p.form != nil {
		return []key.Binding{e.bind("key.closeForm", "esc")}
	}
	return []key.Binding{e.bindShown("enter", "key.addEdit", "enter"), e.bindShown("x", "key.delete", "x")}
}

// shown are the items on screen: in the learner view, not the private
// worries.
func (p *reviewPanel) shown() []string {
	out := p.items
	if p.r.env.learner && p.kind == ledgerAnxieties {
		out = nil
		for _, id := range p.items {
			i := slices.IndexFunc(p.r.wk.Ledger.Anxieties, func(a model.Anxiety) bool { return a.ID == id })
			if i < 0 || !p.r.wk.Ledger.Anxieties[i].Private {
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
	r       *runner
	kind    ledgerKind
	items   []string // fixed when the step opens, so nothing jumps away
	cursor  int
	noteEd  *editor.Model // open while writing the note of the item
	active  bool
	touched bool
}

func newReviewPanel(r *runner, kind ledgerKind) *reviewPanel {
	p := &reviewPanel{r: r, kind: kind}
	if kind == ledgerAnxieties {
		for _, a := range r.wk.Ledger.AnxietiesToReview(r.wk.Sess.ID) {
			p.items = append(p.items, a.ID)
		}
	} else {
		for _, a := range r.wk.Ledger.ActionsToReview(r.wk.Sess.ID) {
			p.items = append(p.items, a.ID)
		}
	}
	return p
}

func (p *reviewPanel) label() string {
	if p.kind == ledgerAnxieties {
		return p.r.env.t("review.anxietiesLabel")
	}
	return p.r.env.t("review.actionsLabel")
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
	r := p.r
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
		return model.StatusLabel(model.AnxietyStatus(v), p.r.env.lang)
	}
	return model.OutcomeLabel(model.Outcome(v), p.r.env.lang)
}

func (p *reviewPanel) note(id string) string {
	note, _, _ := p.noteScope(id)
	return note
}

// noteScope is this session's note on an item, whether it is shared, and
// whether it must stay private because its worry is private.
func (p *reviewPanel) noteScope(id string) (note string, shared, locked bool) {
	r := p.r
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
		p.r.shareAnxietyNote(id, !shared)
	default:
		p.r.shareActionNote(id, !shared)
	}
	return map[bool]string{true: "status.noteShared", false: "status.notePrivate"}[!shared]
}

// noteLabel names an item's note with who may read it.
func (p *reviewPanel) noteLabel(id string) string {
	_, shared, _ := p.noteScope(id)
	return p.r.env.t("review.note") + p.r.visibilityTag(!shared)
}

// set records value (a status or outcome) and note for item id.
func (p *reviewPanel) set(id, value, note string) {
	if p.kind == ledgerAnxieties {
		p.r.setAnxietyStatus(id, model.AnxietyStatus(value), note)
	} else {
		p.r.setActionOutcome(id, model.Outcome(value), note)
	}
}

// current is the item's value now: this session's, else the one before.
func (p *reviewPanel) current(id string) string {
	if v, ok := p.update(id); ok {
		return v
	}
	for _, a := range p.r.wk.Ledger.Anxieties {
		if a.ID == id {
			return string(model.StatusBefore(a, p.r.wk.Sess.ID))
		}
	}
	for _, a := range p.r.wk.Ledger.Actions {
		if a.ID == id {
			return string(model.OutcomeBefore(a, p.r.wk.Sess.ID))
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
	if p.noteEd != nil {
		if isKey && (k.String() == "esc" || k.String() == "enter") {
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
	switch k.String() {
	case "up":
		p.cursor = max(p.cursor-1, 0)
	case "down":
		p.cursor = min(p.cursor+1, len(p.shown())-1)
	case "right", "left":
		i := slices.Index(choices, p.current(id))
		if k.String() == "left" {
			i = (i - 1 + len(choices)) % len(choices)
		} else {
			i = (i + 1) % len(choices)
		}
		p.set(id, choices[i], p.note(id))
	case "enter":
		p.openNote(id)
	default:
		return false
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
	e := p.r.env
	if len(p.shown()) == 0 {
		return []string{e.st.muted.Render(e.t("review.nothing"))}, -1, -1
	}
	var lines []string
	row, col := -1, -1
	for i, id := range p.shown() {
		on := focused && i == p.cursor
		title := p.itemText(id)
		value := p.choiceLabel(p.current(id))
		_, here := p.update(id)
		mark := "  "
		if on {
			mark = "▸ "
		}
		status := "◀ " + value + " ▶"
		if !here {
			status = e.st.muted.Render(status + " " + e.t("review.asBefore"))
		} else {
			status = e.st.accent.Render(status)
		}
		head := truncate(mark+title, max(w-lipgloss.Width(status)-2, 10))
		if on {
			head = e.st.selected.Render(head)
			row = len(lines)
		}
		lines = append(lines, head+"  "+status)
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

func (p *reviewPanel) itemText(id string) string {
	for _, a := range p.r.wk.Ledger.Anxieties {
		if a.ID == id {
			return oneLine(a.Text)
		}
	}
	for _, a := range p.r.wk.Ledger.Actions {
		if a.ID == id {
			s := oneLine(a.Text) + "（" + model.OwnerLabel(a.Owner, p.r.env.lang)
			if !a.Due.IsZero() {
				s += "・" + a.Due.String()
			}
			return s + "）"
		}
	}
	return id
}

func (p *reviewPanel) keys() []key.Binding {
	e := p.r.env
	if p.noteEd != nil {
		return []key.Binding{e.bind("key.closeForm", "enter", "esc")}
	}
	return []key.Binding{e.bindShown("←/→", "key.status", "left"), e.bindShown("enter", "key.reviewNote", "enter")}
}
