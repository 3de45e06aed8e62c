package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
)

// engagementForm creates or edits an engagement: the learner, the two
// organisations, the dates and the companions with their type.
type engagementForm struct {
	env      *env
	k        formKeys
	w, h     int
	original *model.Engagement // nil when creating
	fields   []*formField      // learner, sending, host, start, end
	comps    []*companionRow
	focus    int
	errs     map[string]string
	confirm  bool // asking whether to discard changes
	saving   bool
	quitting bool
	baseline string

	// The draft (form_draft.go): kept under the engagement's uid, chosen
	// now for a new engagement.
	uid        string
	keeper     *draftKeeper
	draftSaved string // the snapshot last written as the draft
	draftTick  bool   // a draft write is scheduled
	draftBusy  bool   // a draft write is under way
	draftErr   error
	draftRetry time.Duration
}

type formField struct {
	name  string
	label string
	ed    editor.Model
}

type companionRow struct {
	name formField
	typ  model.CompanionType
}

type engagementSavedMsg struct {
	e       model.Engagement
	created bool
	err     error
}

const (
	fieldLearner = iota
	fieldSending
	fieldHost
	fieldStart
	fieldEnd
	fieldEarly
	fieldLater
)

func newEngagementForm(e *env, original *model.Engagement) *engagementForm {
	f := &engagementForm{env: e, k: newFormKeys(e), original: original, errs: map[string]string{}}
	mk := func(name, label, placeholder string) *formField {
		ed := editor.New()
		ed.SingleLine = true
		ed.SetHeight(1)
		ed.Placeholder = placeholder
		ed.PlaceholderStyle = func(s string) string { return e.st.muted.Render(s) }
		return &formField{name: name, label: e.t(label), ed: ed}
	}
	f.fields = []*formField{
		mk("learner", "form.learner", e.t("form.learnerPlaceholder")),
		mk("sending", "form.sending", ""),
		mk("host", "form.host", ""),
		mk("start", "form.start", "2026-04-01"),
		mk("end", "form.end", "2026-09-30"),
		mk("early", "form.early", fmt.Sprint(model.DefaultEarlyDays)),
		mk("later", "form.later", fmt.Sprint(model.DefaultLaterDays)),
	}
	if original != nil {
		vals := []string{original.Learner.Name, original.SendingOrg, original.HostOrg,
			original.Start.String(), original.End.String(), days(original.CheckinEarlyDays), days(original.CheckinLaterDays)}
		for i, v := range vals {
			f.fields[i].ed.SetValue(v)
		}
		for _, c := range original.Companions {
			row := f.newCompanionRow()
			row.name.ed.SetValue(c.Name)
			row.typ = c.Type
			f.comps = append(f.comps, row)
		}
	}
	f.comps = append(f.comps, f.newCompanionRow())
	f.baseline = f.snapshot()
	f.draftSaved = f.baseline // nothing to keep yet
	f.uid = model.NewID()
	if original != nil && original.UID != "" {
		f.uid = original.UID
	}
	f.keeper = &draftKeeper{store: e.store}
	f.setFocus(0)
	return f
}

func (f *engagementForm) newCompanionRow() *companionRow {
	ed := editor.New()
	ed.SingleLine = true
	ed.SetHeight(1)
	ed.Placeholder = f.env.t("form.companionPlaceholder")
	ed.PlaceholderStyle = func(s string) string { return f.env.st.muted.Render(s) }
	return &companionRow{name: formField{name: "companion", ed: ed}, typ: model.Sending}
}

// snapshot is the form's content, to tell whether anything changed.
func (f *engagementForm) snapshot() string {
	var b strings.Builder
	for _, fl := range f.fields {
		b.WriteString(fl.ed.Value() + "\x00")
	}
	for _, c := range f.comps {
		if c.name.ed.Value() != "" {
			b.WriteString(c.name.ed.Value() + "\x00" + string(c.typ) + "\x00")
		}
	}
	return b.String()
}

func (f *engagementForm) stops() int { return len(f.fields) + 2*len(f.comps) }

// at returns the text field at focus stop i, or the companion row when the
// stop is a type selector.
func (f *engagementForm) at(i int) (*formField, *companionRow) {
	if i < len(f.fields) {
		return f.fields[i], nil
	}
	j := i - len(f.fields)
	row := f.comps[j/2]
	if j%2 == 0 {
		return &row.name, nil
	}
	return nil, row
}

func (f *engagementForm) setFocus(i int) {
	if fl, _ := f.at(f.focus); fl != nil {
		fl.ed.Blur()
	}
	f.focus = (i + f.stops()) % f.stops()
	if fl, _ := f.at(f.focus); fl != nil {
		fl.ed.Focus()
	}
}

// init writes at once the draft a form was opened from (see newDraftForm).
func (f *engagementForm) init() tea.Cmd { return f.draftChanged() }

func (f *engagementForm) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		f.w, f.h = msg.w, msg.h
		f.layout()
	case draftTickMsg:
		if msg.uid == f.uid {
			f.draftTick = false
			return f, f.writeDraft()
		}
	case draftSavedMsg:
		if msg.uid == f.uid {
			return f, f.draftWritten(msg)
		}
	case engagementSavedMsg:
		f.saving = false
		if msg.err != nil {
			var fe model.FieldErrors
			if errors.As(msg.err, &fe) {
				f.setFieldErrors(fe)
				return f, f.draftChanged()
			}
			return f, tea.Batch(showError(f.env.describeErr(msg.err)), f.draftChanged())
		}
		if msg.created {
			return f, tea.Batch(replaceScreen(newEngagementScreen(f.env, msg.e.ID)), showStatus(f.env.t("status.created")))
		}
		return f, tea.Batch(popScreen, showStatus(f.env.t("status.saved")))
	case quitRequestMsg:
		// Quitting keeps a complete form rather than dropping it; an
		// incomplete one cannot be saved and is kept as a draft, offered
		// on the next start.
		f.quitting = true
		if f.snapshot() != f.baseline {
			if _, errs := f.engagement(); len(errs) == 0 {
				return f.save()
			}
		}
		return f, f.writeDraft()
	case tea.PasteMsg:
		return f.forward(msg)
	case tea.KeyPressMsg:
		return f.handleKey(msg)
	}
	return f, nil
}

func (f *engagementForm) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := f.k
	if f.confirm {
		switch msg.String() {
		case "y", "enter":
			return f, tea.Batch(popScreen, f.discardDraft())
		default:
			f.confirm = false
		}
		return f, nil
	}
	fl, row := f.at(f.focus)
	switch {
	case key.Matches(msg, k.save):
		return f.save()
	case key.Matches(msg, k.cancel):
		if f.snapshot() != f.baseline {
			f.confirm = true
			return f, nil
		}
		return f, tea.Batch(popScreen, f.discardDraft())
	case msg.String() == "enter":
		if f.focus == f.stops()-1 || (fl != nil && f.focus >= len(f.fields) && fl.ed.Empty()) {
			return f.save()
		}
		f.setFocus(f.focus + 1)
	case key.Matches(msg, k.next):
		f.setFocus(f.focus + 1)
	case key.Matches(msg, k.prev):
		f.setFocus(f.focus - 1)
	case row != nil && key.Matches(msg, k.cycle):
		row.typ = cycleType(row.typ, msg.String() == "left")
		return f, f.draftChanged()
	default:
		return f.forward(msg)
	}
	return f, nil
}

func (f *engagementForm) forward(msg tea.Msg) (screen, tea.Cmd) {
	fl, _ := f.at(f.focus)
	if fl == nil {
		return f, nil
	}
	var cmd tea.Cmd
	fl.ed, cmd = fl.ed.Update(msg)
	delete(f.errs, fl.name)
	// Keep one empty companion row at the end to type into.
	if last := f.comps[len(f.comps)-1]; !last.name.ed.Empty() {
		f.comps = append(f.comps, f.newCompanionRow())
		f.layout()
	}
	return f, tea.Batch(cmd, f.draftChanged())
}

func cycleType(t model.CompanionType, back bool) model.CompanionType {
	types := model.CompanionTypes
	i := 0
	for j, x := range types {
		if x == t {
			i = j
		}
	}
	if back {
		return types[(i+len(types)-1)%len(types)]
	}
	return types[(i+1)%len(types)]
}

// engagement builds the engagement from the form, with parse errors by field.
func (f *engagementForm) engagement() (model.Engagement, model.FieldErrors) {
	e := model.Engagement{UID: f.uid}
	if f.original != nil {
		e = *f.original
	}
	errs := model.FieldErrors{}
	e.Learner.Name = strings.TrimSpace(f.fields[fieldLearner].ed.Value())
	e.SendingOrg = strings.TrimSpace(f.fields[fieldSending].ed.Value())
	e.HostOrg = strings.TrimSpace(f.fields[fieldHost].ed.Value())
	var err error
	if e.Start, err = model.ParseDate(f.fields[fieldStart].ed.Value()); err != nil {
		errs["start"] = err
	}
	if e.End, err = model.ParseDate(f.fields[fieldEnd].ed.Value()); err != nil {
		errs["end"] = err
	}
	for _, c := range []struct {
		i   int
		dst *int
	}{{fieldEarly, &e.CheckinEarlyDays}, {fieldLater, &e.CheckinLaterDays}} {
		text := strings.TrimSpace(toASCIIDigits(f.fields[c.i].ed.Value()))
		*c.dst = 0
		if text == "" {
			continue
		}
		n, err := strconv.Atoi(text)
		if err != nil || n < 1 || n > model.MaxCadenceDays {
			errs[f.fields[c.i].name] = model.ErrBadCadence
			continue
		}
		*c.dst = n
	}
	e.Companions = nil
	for _, c := range f.comps {
		if name := strings.TrimSpace(c.name.ed.Value()); name != "" {
			e.Companions = append(e.Companions, model.Companion{Name: name, Type: c.typ})
		}
	}
	for k, v := range e.Validate() {
		if _, seen := errs[k]; !seen {
			errs[k] = v
		}
	}
	return e, errs
}

func (f *engagementForm) save() (screen, tea.Cmd) {
	if f.saving {
		return f, nil
	}
	e, errs := f.engagement()
	if len(errs) > 0 {
		f.setFieldErrors(errs)
		return f, showError(f.env.t("form.fixErrors"))
	}
	f.saving = true
	store, keeper, created := f.env.store, f.keeper, f.original == nil
	return f, func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		// After any draft write under way; saving removes the draft.
		err := keeper.end(func() error {
			var err error
			if created {
				e, err = store.CreateEngagement(ctx, e)
			} else {
				e, err = store.UpdateEngagement(ctx, e)
			}
			return err
		})
		return engagementSavedMsg{e, created, err}
	}
}

func (f *engagementForm) setFieldErrors(errs model.FieldErrors) {
	f.errs = map[string]string{}
	for k, err := range errs {
		switch {
		case errors.Is(err, model.ErrRequired):
			f.errs[k] = f.env.t("form.required")
		case errors.Is(err, model.ErrBadDate):
			f.errs[k] = f.env.t("form.badDate")
		case errors.Is(err, model.ErrEndBeforeStart):
			f.errs[k] = f.env.t("form.endBeforeStart")
		case errors.Is(err, model.ErrBadCadence):
			f.errs[k] = f.env.tf("form.badCadence", model.MaxCadenceDays)
		default:
			f.errs[k] = err.Error()
		}
	}
	for i, fl := range f.fields {
		if _, bad := f.errs[fl.name]; bad {
			f.setFocus(i)
			return
		}
	}
}

func (f *engagementForm) labelWidth() int {
	w := 0
	for _, fl := range f.fields {
		w = max(w, lipgloss.Width(fl.label))
	}
	return w + 2
}

const typeSelectorWidth = 16

func (f *engagementForm) layout() {
	lw := f.labelWidth()
	fw := max(f.w-lw-4, 10)
	for i, fl := range f.fields {
		switch i {
		case fieldStart, fieldEnd:
			fl.ed.SetWidth(min(fw, 14))
			continue
		case fieldEarly, fieldLater:
			fl.ed.SetWidth(min(fw, 6))
			continue
		}
		fl.ed.SetWidth(fw)
	}
	for _, c := range f.comps {
		c.name.ed.SetWidth(max(fw-typeSelectorWidth-2, 8))
	}
}

// lines draws the form; it also returns the row and column where the
// focused field's text starts.
func (f *engagementForm) lines() ([]string, int, int) {
	e := f.env
	lw := f.labelWidth()
	title := e.t("form.newTitle")
	if f.original != nil {
		title = e.tf("form.editTitle", shownLine(f.original.Learner.Name))
	}
	top := e.st.title.Render(title)
	if state := f.draftState(); state != "" {
		top += "  " + state
	}
	lines := []string{ansi.Truncate(top, max(f.w, 1), "…"), ""}
	curRow, curCol := -1, 0
	gutter := func(focused bool) string {
		if focused {
			return e.st.gutterFocus.Render("┃ ")
		}
		return e.st.gutter.Render("│ ")
	}
	for i, fl := range f.fields {
		focused := f.focus == i
		label := padRight(fl.label, lw)
		if focused {
			curRow, curCol = len(lines), lw+2
			label = e.st.heading.Render(label)
		}
		line := label + gutter(focused) + fl.ed.View()
		switch i {
		case fieldStart, fieldEnd:
			line += " " + e.st.muted.Render("YYYY-MM-DD")
		case fieldEarly, fieldLater:
			line += " " + e.st.muted.Render(e.t("form.days"))
		}
		lines = append(lines, line)
		if msg, bad := f.errs[fl.name]; bad {
			lines = append(lines, strings.Repeat(" ", lw+2)+e.st.errText.Render("✗ "+msg))
		}
	}
	head := e.t("form.companions")
	help := ansi.Truncate(e.t("form.companionsHelp"), max(f.w-lipgloss.Width(head)-2, 0), "…")
	lines = append(lines, "", e.st.heading.Render(head)+"  "+e.st.muted.Render(help))
	for j, c := range f.comps {
		nameStop := len(f.fields) + 2*j
		focused := f.focus == nameStop
		typeFocused := f.focus == nameStop+1
		label := padRight(fmt.Sprintf("%d", j+1), lw)
		if focused || typeFocused {
			curRow, curCol = len(lines), lw+2
		}
		sel := fmt.Sprintf("◀ %s ▶", e.companionType(c.typ))
		sel = padRight(sel, typeSelectorWidth)
		if typeFocused {
			sel = e.st.selected.Render(sel)
		} else {
			sel = e.st.muted.Render(sel)
		}
		lines = append(lines, label+gutter(focused)+c.name.ed.View()+"  "+sel)
	}
	if f.confirm {
		lines = append(lines, "", e.st.warnText.Render(e.t("form.discard")))
	}
	return lines, curRow, curCol
}

func (f *engagementForm) view() string {
	lines, row, _ := f.lines()
	return strings.Join(window(lines, max(row, 0), f.h, 2), "\n")
}

func (f *engagementForm) caret() *tea.Cursor {
	fl, _ := f.at(f.focus)
	if fl == nil || f.confirm {
		return nil
	}
	lines, row, col := f.lines()
	if row < 0 {
		return nil
	}
	x, y, ok := fl.ed.Cursor()
	if !ok {
		return nil
	}
	top := windowTop(len(lines), row, f.h, 2)
	return tea.NewCursor(col+x, row-top+y)
}

// unsaved reports a save in flight, or typing not yet kept as a draft, so
// that quitting waits for it.
func (f *engagementForm) unsaved() bool {
	return f.saving || f.draftBusy || f.snapshot() != f.draftSaved
}

func (f *engagementForm) typing() bool {
	fl, _ := f.at(f.focus)
	return fl != nil
}

func (f *engagementForm) keys() help.KeyMap {
	k := f.k
	_, row := f.at(f.focus)
	k.cycle.SetEnabled(row != nil)
	return keyList{
		short: []key.Binding{k.next, k.prev, k.cycle, k.save, k.cancel},
		full:  [][]key.Binding{{k.next, k.prev, k.cycle}, {k.save, k.cancel}},
	}
}

func (e *env) companionType(t model.CompanionType) string { return e.t("companion." + string(t)) }

// days writes a cadence, or nothing for the default.
func days(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// toASCIIDigits reads full-width digits (１４) as ASCII.
func toASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}
