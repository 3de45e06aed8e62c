package tui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
)

// engagementForm creates or edits an engagement: the learner, the two
// organisations, the dates, how often to meet, and the companions with
// their type, a list that grows as names are typed. Its fields are a
// fieldset: this file says which, reads and checks them, and saves.
type engagementForm struct {
	env      *env
	k        formKeys
	w, h     int
	original *model.Engagement // nil when creating
	example  model.Date        // the start its placeholder shows (never past)
	fs       *fieldset         // the fields of formFields, then a row per companion
	confirm  bool              // asking whether to discard changes
	saving   bool
	quitting bool
	baseline string

	// The draft (form_draft.go): kept under the engagement's uid, chosen
	// now for a new engagement.
	uid    string
	keeper *draftKeeper
	pace   draftPace
}

type engagementSavedMsg struct {
	e       model.Engagement
	created bool
	err     error
}

// formFields are the form's fields before the companions, in the order of
// draftValues.
var formFields = []string{"learner", "sending", "host", "start", "end", "early", "later"}

const typeSelectorWidth = 20 // ◀ third party ▶ and the keys that turn it

func newEngagementForm(e *env, original *model.Engagement) *engagementForm {
	f := &engagementForm{env: e, k: newFormKeys(e), original: original, fs: newFieldset(&e.st)}
	f.fs.plain = true
	f.fs.turn = f.k.cycle.Help().Key
	// Placeholders read as examples or defaults, never as values: an
	// example stint starts on the first of next month, so that it is never
	// a day already past, and lasts six months.
	today := e.today()
	start := model.NewDate(today.Time().Year(), today.Time().Month()+1, 1)
	end := start.AddMonths(6).AddDays(-1)
	f.example = start
	placeholders := []string{e.t("form.learnerPlaceholder"), "", "", e.tf("form.example", start), e.tf("form.example", end),
		e.tf("form.defaultDays", model.DefaultEarlyDays), e.tf("form.defaultDays", model.DefaultLaterDays)}
	for i, name := range formFields {
		fl := f.fs.addText(name, e.t("form."+name), "", placeholders[i], 1)
		switch name {
		case "start", "end":
			fl.hint, fl.width = "YYYY-MM-DD", 16
		case "early", "later":
			fl.hint, fl.width = e.t("form.days"), 11
		}
	}
	var types []string
	for _, t := range model.CompanionTypes {
		types = append(types, e.companionType(t))
	}
	f.fs.addSelect("mytype", e.t("form.myType"), types, 0).hint = e.t("form.myTypeHint")
	f.fs.startList(0, false, func() []*field {
		name := f.fs.textField("companion", "", "", e.t("form.companionPlaceholder"), 1)
		return []*field{name, {key: "type", options: types, sel: 0, beside: true, width: typeSelectorWidth}}
	})
	var d model.EngagementDraft
	if original != nil {
		d = model.EngagementDraft{Learner: original.Learner.Name, SendingOrg: original.SendingOrg, HostOrg: original.HostOrg,
			Start: original.Start.String(), End: original.End.String(), EarlyDays: days(original.CheckinEarlyDays),
			LaterDays: days(original.CheckinLaterDays), Companions: original.Companions, MyType: original.MyType}
	}
	f.fill(d)
	f.baseline = f.snapshot()
	f.pace.saved = f.baseline // nothing to keep yet
	f.uid = model.NewID()
	if original != nil && original.UID != "" {
		f.uid = original.UID
	}
	f.keeper = &draftKeeper{store: e.store}
	return f
}

// fill puts what a draft holds in the fields, a row for each companion
// and an empty one after them, and focuses the first field.
func (f *engagementForm) fill(d model.EngagementDraft) {
	for i, v := range draftValues(&d) {
		f.fs.fields[i].ed.SetValue(*v)
	}
	my := d.MyType
	if !my.Valid() {
		my = f.env.usualType
	}
	f.fs.get("mytype").sel = slices.Index(model.CompanionTypes, my)
	f.fs.clearRows()
	for _, c := range d.Companions {
		row := f.fs.addRow()
		row[0].ed.SetValue(c.Name)
		row[1].sel = max(slices.Index(model.CompanionTypes, c.Type), 0)
	}
	f.fs.addRow()
	f.fs.setFocus(0)
}

func (f *engagementForm) value(key string) string { return f.fs.get(key).value() }

// companions are the rows with a name, as typed.
func (f *engagementForm) companions() []model.Companion {
	var out []model.Companion
	for r := range f.fs.list.n {
		if row := f.fs.row(r); row[0].value() != "" {
			out = append(out, model.Companion{Name: row[0].value(), Type: model.CompanionTypes[row[1].sel]})
		}
	}
	return out
}

// snapshot is what the form holds, to tell whether anything changed.
func (f *engagementForm) snapshot() string {
	d := f.draft()
	d.UID = ""
	return fmt.Sprintf("%#v", d)
}

// init writes at once the draft a form was opened from (see newDraftForm).
func (f *engagementForm) init() tea.Cmd { return f.draftChanged() }

func (f *engagementForm) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		f.w, f.h = msg.w, msg.h
		f.fs.sizeText(max(f.w-f.fs.labelWidth()-4, 10))
	case draftTickMsg:
		if msg.uid == f.uid {
			f.pace.tick = false
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
	k, fs := f.k, f.fs
	if f.confirm {
		if key.Matches(msg, k.confirm) {
			return f, tea.Batch(popScreen, f.discardDraft())
		}
		f.confirm = false
		return f, nil
	}
	switch {
	case key.Matches(msg, k.save):
		return f.save()
	case key.Matches(msg, k.cancel):
		if f.snapshot() != f.baseline {
			f.confirm = true
			return f, nil
		}
		return f, tea.Batch(popScreen, f.discardDraft())
	case key.Matches(msg, k.enter):
		// On the last field, or on an empty companion row, enter saves.
		if fs.focus == len(fs.fields)-1 || (fs.rowOf(fs.focus) >= 0 && fs.typing() && fs.current().ed.Empty()) {
			return f.save()
		}
		fs.cycle(1)
	case key.Matches(msg, k.next):
		fs.cycle(1)
	case key.Matches(msg, k.prev):
		fs.cycle(-1)
	case !fs.typing() && key.Matches(msg, k.cycle):
		d := 1
		if key.Matches(msg, k.left) {
			d = -1
		}
		fs.current().step(d)
		return f, f.draftChanged()
	default:
		return f.forward(msg)
	}
	return f, nil
}

// forward gives a key or paste to the text field being typed in, keeping
// one empty companion row at the end to type into.
func (f *engagementForm) forward(msg tea.Msg) (screen, tea.Cmd) {
	if !f.fs.typing() {
		return f, nil
	}
	f.fs.update(msg)
	f.fs.grow()
	return f, f.draftChanged()
}

// engagement builds the engagement from the form, with parse errors by field.
func (f *engagementForm) engagement() (model.Engagement, model.FieldErrors) {
	e := model.Engagement{UID: f.uid}
	if f.original != nil {
		e = *f.original
	}
	errs := model.FieldErrors{}
	e.Learner.Name = strings.TrimSpace(f.value("learner"))
	e.SendingOrg = strings.TrimSpace(f.value("sending"))
	e.HostOrg = strings.TrimSpace(f.value("host"))
	var err error
	if e.Start, err = model.ParseDateNear(f.value("start"), f.env.today()); err != nil {
		errs["start"] = err
	}
	// An end without its year is the first such day after the start.
	endNear, ref := model.ParseDateNear, f.env.today()
	if !e.Start.IsZero() {
		endNear, ref = model.ParseDateAfter, e.Start
	}
	if e.End, err = endNear(f.value("end"), ref); err != nil {
		errs["end"] = err
	}
	for _, c := range []struct {
		key string
		dst *int
	}{{"early", &e.CheckinEarlyDays}, {"later", &e.CheckinLaterDays}} {
		text := strings.TrimSpace(toASCIIDigits(f.value(c.key)))
		*c.dst = 0
		if text == "" {
			continue
		}
		n, err := strconv.Atoi(text)
		if err != nil || n < 1 || n > model.MaxCadenceDays {
			errs[c.key] = model.ErrBadCadence
			continue
		}
		*c.dst = n
	}
	e.MyType = model.CompanionTypes[f.fs.get("mytype").sel]
	e.Companions = nil
	for _, c := range f.companions() {
		if name := strings.TrimSpace(c.Name); name != "" {
			e.Companions = append(e.Companions, model.Companion{Name: name, Type: c.Type})
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

// setFieldErrors says under each field what is wrong with it, and goes to
// the first.
func (f *engagementForm) setFieldErrors(errs model.FieldErrors) {
	msgs := map[string]string{}
	for k, err := range errs {
		switch {
		case errors.Is(err, model.ErrRequired):
			msgs[k] = f.env.t("form.required")
		case errors.Is(err, model.ErrBadDate):
			msgs[k] = f.env.tf("form.badDateLike", f.example)
		case errors.Is(err, model.ErrEndBeforeStart):
			msgs[k] = f.env.t("form.endBeforeStart")
		case errors.Is(err, model.ErrBadCadence):
			msgs[k] = f.env.tf("form.badCadence", model.MaxCadenceDays)
		default:
			msgs[k] = err.Error()
		}
	}
	f.fs.setErrors(msgs)
}

// lines draws the form; it also returns the line of the focused field and
// where the caret is (line and column, or -1).
func (f *engagementForm) lines() (lines []string, at, caretRow, caretCol int) {
	e := f.env
	title := e.t("form.newTitle")
	if f.original != nil {
		title = e.tf("form.editTitle", shownLine(f.original.Learner.Name))
	}
	top := e.st.title.Render(title)
	if state := f.draftState(); state != "" {
		top += "  " + state
	}
	head := e.t("form.companions")
	help := ansi.Truncate(e.t("form.companionsHelp"), max(f.w-lipgloss.Width(head)-2, 0), "…")
	f.fs.row(0)[0].above = []string{"", e.st.heading.Render(head) + "  " + e.st.muted.Render(help)}
	lines = []string{ansi.Truncate(top, max(f.w, 1), "…"), ""}
	body, caretRow, caretCol := f.fs.render(true)
	at = len(lines) + f.fs.focusLine()
	if caretRow >= 0 {
		caretRow += len(lines)
	}
	lines = append(lines, body...)
	if f.confirm {
		lines = append(lines, "", e.st.warnText.Render(e.t("form.discard")))
	}
	return lines, at, caretRow, caretCol
}

func (f *engagementForm) view() string {
	lines, at, _, _ := f.lines()
	return strings.Join(window(lines, at, f.h, 2), "\n")
}

func (f *engagementForm) caret() *tea.Cursor {
	if f.confirm {
		return nil
	}
	lines, at, row, col := f.lines()
	if row < 0 {
		return nil
	}
	return tea.NewCursor(col, row-windowTop(len(lines), at, f.h, 2))
}

// unsaved reports a save in flight, or typing not yet kept as a draft, so
// that quitting waits for it.
func (f *engagementForm) unsaved() bool {
	return f.saving || f.pace.busy || f.snapshot() != f.pace.saved
}

func (f *engagementForm) typing() bool { return f.fs.typing() }

func (f *engagementForm) keys() help.KeyMap {
	k := f.k
	k.cycle.SetEnabled(!f.fs.typing())
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
