package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
	"bansou/work"
)

// compareScreen sets an engagement's early words beside its later ones, in
// two columns: the purpose before departure and the reflection after
// return, the worries at departure and now, the agreement as first agreed
// and as last revisited.
type compareScreen struct {
	env  *env
	k    compareKeys
	id   int64
	w, h int
	eng  model.Engagement
	cmp  model.Comparison
	loadState

	lines    []string // the document at width w
	sections []int    // first line of each section
	top      int
}

type compareLoadedMsg struct {
	id  int64
	eng model.Engagement
	cmp model.Comparison
	err error
}

func newCompare(e *env, id int64) *compareScreen {
	return &compareScreen{env: e, k: newCompareKeys(e), id: id}
}

func (s *compareScreen) init() tea.Cmd { return s.load() }

// load reads the engagement, its ledger and the sessions of the flows that
// take part in a comparison (a prompt echoes, or is echoed by, another).
func (s *compareScreen) load() tea.Cmd {
	store, id, lib, lang, loc := s.env.store, s.id, s.env.lib, s.env.lang, s.env.loc
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		eng, cmp, err := work.Comparison(ctx, store, lib, id, lang, loc)
		return compareLoadedMsg{id, eng, cmp, err}
	}
}

func (s *compareScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
		s.build()
	case refreshMsg:
		return s, s.load()
	case compareLoadedMsg:
		if !s.arrived(s.env, msg.id == s.id, msg.err) {
			return s, nil
		}
		s.eng, s.cmp = msg.eng, msg.cmp
		s.build()
	case tea.KeyPressMsg:
		k := s.k
		switch {
		case key.Matches(msg, k.back):
			return s, popScreen
		case key.Matches(msg, k.up):
			s.scroll(-1)
		case key.Matches(msg, k.down):
			s.scroll(1)
		case key.Matches(msg, k.pageUp):
			s.scroll(-max(s.h-2, 1))
		case key.Matches(msg, k.pageDown):
			s.scroll(max(s.h-2, 1))
		case key.Matches(msg, k.nextSection):
			s.jumpSection(1)
		case key.Matches(msg, k.prevSection):
			s.jumpSection(-1)
		}
	}
	return s, nil
}

func (s *compareScreen) scroll(d int) {
	s.top = max(0, min(s.top+d, len(s.lines)-s.h))
}

func (s *compareScreen) jumpSection(d int) {
	if len(s.sections) == 0 {
		return
	}
	cur := 0
	for i, at := range s.sections {
		if at <= s.top {
			cur = i
		}
	}
	next := max(0, min(cur+d, len(s.sections)-1))
	if d > 0 && s.sections[cur] > s.top {
		next = cur
	}
	s.top = 0
	s.scroll(s.sections[next])
}

// build lays the document out at the current width; it runs when the data
// or the size changes, not on every frame.
func (s *compareScreen) build() {
	if !s.loaded || s.err != "" || s.w <= 0 {
		return
	}
	e := s.env
	w := max(s.w, 20)
	s.lines, s.sections = nil, nil
	add := func(l ...string) { s.lines = append(s.lines, l...) }
	add(e.st.title.Render(truncate(e.tf("compare.title", s.eng.Learner.Name), w)))
	intro := e.t("compare.intro")
	if !s.cmp.Departure.IsZero() {
		intro = e.tf("compare.introDated", s.cmp.Departure.String())
	}
	for _, row := range editor.Wrap(intro, w) {
		add(e.st.muted.Render(row))
	}

	s.section(e.t("compare.purpose"), w)
	if len(s.cmp.Purpose) == 0 {
		add(s.wrapped(e.t("compare.noPurpose"), w, e.st.muted)...)
	}
	for _, p := range s.cmp.Purpose {
		add(e.st.heading.Render(truncate(p.BeforeTitle+" → "+p.AfterTitle, w)))
		add(s.columns(w, s.saidColumn(e.t("compare.before"), p.Before), s.saidColumn(e.t("compare.after"), p.After))...)
		add("")
	}

	s.section(e.t("compare.anxieties"), w)
	if len(s.cmp.Anxieties) == 0 {
		add(s.wrapped(e.t("compare.noAnxieties"), w, e.st.muted)...)
	}
	s.anxietyRows(w)

	s.section(e.t("compare.agreement"), w)
	if len(s.cmp.Agreement) == 0 {
		add(s.wrapped(e.t("compare.noAgreement"), w, e.st.muted)...)
	}
	for _, a := range s.cmp.Agreement {
		add(s.agreementRows(a, w)...)
		add("")
	}
	s.scroll(0)
}

func (s *compareScreen) section(title string, w int) {
	s.lines = append(s.lines, "")
	s.sections = append(s.sections, len(s.lines))
	s.lines = append(s.lines, s.env.st.title.Render(truncate("■ "+title, w)), "")
}

func (s *compareScreen) wrapped(text string, w int, st lipgloss.Style) []string {
	var out []string
	for _, row := range editor.Wrap(shown(text), max(w, 10)) {
		out = append(out, st.Render(row))
	}
	return out
}

// column is a labelled block of plain text for one side.
type column struct {
	label string
	text  string
	muted bool // the text is a stand-in ("not yet")
}

func (s *compareScreen) saidColumn(side string, said model.Said) column {
	e := s.env
	if !said.Given() {
		return column{label: side, text: e.t("compare.notYet"), muted: true}
	}
	// Labelled with the phase the answer was actually given in: a purpose
	// put into words only after departure says so.
	day := said.At.In(e.loc)
	label := fmt.Sprintf("%s %s %s", e.phaseName(s.eng.PhaseOn(model.DateOf(day))), day.Format("2006-01-02"), said.FlowTitle)
	if said.Private {
		label += e.t("visibility.privateTag")
	}
	return column{label: label, text: said.Text}
}

// columns lays two blocks side by side, or one under the other when the
// terminal is too narrow for two readable columns.
func (s *compareScreen) columns(w int, left, right column) []string {
	e := s.env
	render := func(c column, cw int) []string {
		out := []string{e.st.label.Render(truncate(c.label, cw))}
		st := lipgloss.NewStyle()
		if c.muted {
			st = e.st.muted
		}
		for _, row := range editor.Wrap(shown(c.text), max(cw, 4)) {
			out = append(out, st.Render(row))
		}
		return out
	}
	if w < 60 {
		out := render(left, w-2)
		out = append(out, render(right, w-2)...)
		return prefixStyled(out, "  ")
	}
	colW := (w - 5) / 2
	l, r := render(left, colW), render(right, colW)
	var out []string
	for i := 0; i < max(len(l), len(r)); i++ {
		a, b := "", ""
		if i < len(l) {
			a = l[i]
		}
		if i < len(r) {
			b = r[i]
		}
		out = append(out, "  "+padRight(a, colW)+e.st.muted.Render(" │ ")+b)
	}
	return out
}

// anxietyRows lists the worries, each with its status at departure and
// now, aligned in a column after the longest worry that fits.
func (s *compareScreen) anxietyRows(w int) {
	e := s.env
	type row struct {
		lines  []string // the worry as typed, a line for each line
		change string
	}
	var rows []row
	textW, changeW := 0, lipgloss.Width(e.t("compare.thenNow"))
	for _, a := range s.cmp.Anxieties {
		then := e.t("compare.voicedLater")
		if a.AtDeparture != "" {
			then = model.StatusLabel(a.AtDeparture, e.lang)
		}
		r := row{lines: typedLines(a.Anxiety.Text), change: then + " → " + model.StatusLabel(a.Now, e.lang)}
		if a.Anxiety.Private {
			r.lines[len(r.lines)-1] += e.t("visibility.privateTag")
		}
		for i, l := range r.lines {
			r.lines[i] = shown(l)
			textW = max(textW, lipgloss.Width(r.lines[i]))
		}
		rows = append(rows, r)
		changeW = max(changeW, lipgloss.Width(r.change))
	}
	stacked := w < 60 || changeW > w/2
	textW = min(textW, w-2-changeW-2)
	if !stacked {
		s.lines = append(s.lines, e.st.muted.Render("  "+strings.Repeat(" ", textW)+"  "+e.t("compare.thenNow")))
	}
	for i, r := range rows {
		a := s.cmp.Anxieties[i]
		st := e.st.heading
		if a.AtDeparture != "" && a.AtDeparture != a.Now {
			st = e.st.accent
		}
		if stacked {
			for _, l := range r.lines {
				s.lines = append(s.lines, "  "+truncate(l, w-2))
			}
			s.lines = append(s.lines, "    "+st.Render(truncate(r.change, w-4)))
			continue
		}
		for j, l := range r.lines {
			if j == 0 {
				s.lines = append(s.lines, "  "+padRight(truncate(l, textW), textW)+"  "+st.Render(r.change))
				continue
			}
			s.lines = append(s.lines, "  "+truncate(l, textW))
		}
	}
}

// agreementRows is one topic: as first agreed beside as last revisited,
// each with its agreed text and the three fit scores, then what changed.
func (s *compareScreen) agreementRows(a model.AgreementThenNow, w int) []string {
	e := s.env
	out := []string{e.st.heading.Render(truncate(a.Latest.Title, w))}
	side := func(label string, it model.AgreementItem) column {
		label = fmt.Sprintf("%s %s", label, it.SessionStarted.In(e.loc).Format("2006-01-02"))
		text := strings.TrimSpace(it.Agreed)
		if text == "" {
			text = e.t("compare.noAgreedText")
		}
		return column{label: label, text: text + "\n" + fitLine(e, it)}
	}
	if !a.Revisited {
		right := column{label: e.t("compare.latest"), text: e.t("compare.notRevisited"), muted: true}
		return append(out, s.columns(w, side(e.t("compare.asAgreed"), a.First), right)...)
	}
	out = append(out, s.columns(w, side(e.t("compare.asAgreed"), a.First), side(e.t("compare.latest"), a.Latest))...)
	if len(a.Changes) == 0 {
		return append(out, e.st.muted.Render(truncate("  "+e.t("compare.unchanged"), w)))
	}
	return append(out, s.wrapped("  "+e.tf("compare.changed", model.ChangeWords(a.Changes, e.lang)), w, e.st.warnText)...)
}

// fitLine is the three parties' fit scores on one line.
func fitLine(e *env, it model.AgreementItem) string {
	return e.t("compare.fit") + " " + model.FitWords(it, e.lang)
}

func (s *compareScreen) view() string {
	e := s.env
	switch {
	case s.err != "":
		return e.st.errText.Render(s.err)
	case !s.loaded:
		return e.st.muted.Render(e.t("common.loading"))
	}
	end := min(s.top+s.h, len(s.lines))
	lines := make([]string, 0, end-s.top)
	for _, l := range s.lines[s.top:end] {
		if ansi.StringWidth(l) > s.w {
			l = ansi.Truncate(l, s.w, "")
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

func (s *compareScreen) caret() *tea.Cursor { return nil }
func (s *compareScreen) typing() bool       { return false }

func (s *compareScreen) keys() help.KeyMap {
	k := s.k
	more := len(s.lines) > s.h
	k.up.SetEnabled(more)
	k.down.SetEnabled(more)
	k.pageUp.SetEnabled(more)
	k.pageDown.SetEnabled(more)
	return keyList{
		short: []key.Binding{k.down, k.up, k.nextSection, k.back},
		full:  [][]key.Binding{{k.up, k.down, k.pageUp, k.pageDown}, {k.nextSection, k.prevSection, k.back}},
	}
}
