package tui

import (
	"fmt"
	"slices"
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

// roundSetup prepares a peer round: the participants with their companion
// type, the format, who facilitates, presents and takes notes (the
// presenter suggested by the rotation), the roles of a role-play, a case
// card, and the minutes of each phase. The last round's participants and
// facilitator are filled in.
type roundSetup struct {
	env  *env
	k    roundSetupKeys
	w, h int

	rounds []model.RoundEntry
	names  []editor.Model
	types  []model.CompanionType

	format int // among the content's formats
	// The roles are rows of names (-1 for nobody), so that correcting a
	// name keeps the role.
	facilitator, presenter, scribe int
	// presenterSet is true once the facilitator chose the presenter; until
	// then the rotation's suggestion follows the participants.
	presenterSet bool
	scribeSet    bool
	cast         map[string]int // role id → row
	card         int            // among the cases, -1 for none
	minutes      [][]int        // per format, per phase

	row       int
	caretAt   int // the screen row of the name being typed, or -1
	caretCol  int
	starting  bool
	dirty     bool
	armedExit bool
}

type roundStartedMsg struct {
	id  int64
	err error
}

// Kinds of rows in the setup.
const (
	rowName = iota
	rowFormat
	rowFacilitator
	rowPresenter
	rowScribe
	rowCast
	rowCase
	rowPhase
	rowStart
)

type setupRow struct{ kind, i int }

// maxParticipants is the most participants a round takes.
const maxParticipants = 12

func newRoundSetup(e *env, rounds []model.RoundEntry) *roundSetup {
	s := &roundSetup{env: e, k: newRoundSetupKeys(e), rounds: rounds, card: -1, cast: map[string]int{},
		facilitator: -1, presenter: -1, scribe: -1}
	c := e.lib.Rounds
	for i, f := range c.Formats {
		if f == c.DefaultFormat() {
			s.format = i
		}
		var m []int
		for _, p := range f.Phases {
			m = append(m, int(p.Planned/time.Minute))
		}
		s.minutes = append(s.minutes, m)
	}
	if last, ok := lastRound(rounds); ok {
		for _, p := range last.Round.Participants {
			s.addName(p.Name, p.Type)
		}
		s.facilitator = s.rowOf(last.Round.Facilitator)
		if i := slices.IndexFunc(c.Formats, func(f *model.RoundFormat) bool { return f.ID == last.Round.Format }); i >= 0 {
			s.format = i
		}
	}
	s.addName("", model.Sending)
	s.settle()
	s.focusRow()
	return s
}

func (s *roundSetup) addName(name string, t model.CompanionType) {
	ed := editor.New()
	ed.SingleLine = true
	ed.Placeholder = s.env.t("round.namePlaceholder")
	ed.PlaceholderStyle = func(v string) string { return s.env.st.muted.Render(v) }
	ed.SetValue(name)
	ed.SetWidth(s.nameWidth())
	ed.SetHeight(1)
	if !t.Valid() {
		t = model.Sending
	}
	s.names = append(s.names, ed)
	s.types = append(s.types, t)
}

func (s *roundSetup) init() tea.Cmd { return nil }

// nameWidth is the width of a name field.
func (s *roundSetup) nameWidth() int { return max(min(s.w-20, 32), 8) }

func (s *roundSetup) chosen() *model.RoundFormat { return s.env.lib.Rounds.Formats[s.format] }

// participants are the named rows, in order.
func (s *roundSetup) participants() []model.Participant {
	var out []model.Participant
	for i, ed := range s.names {
		if name := strings.TrimSpace(ed.Value()); name != "" {
			out = append(out, model.Participant{Name: name, Type: s.types[i]})
		}
	}
	return out
}

// nameAt is the name typed in row i ("" for none).
func (s *roundSetup) nameAt(i int) string {
	if i < 0 || i >= len(s.names) {
		return ""
	}
	return strings.TrimSpace(s.names[i].Value())
}

// named lists the rows that hold a name.
func (s *roundSetup) named() []int {
	var out []int
	for i := range s.names {
		if s.nameAt(i) != "" {
			out = append(out, i)
		}
	}
	return out
}

// rowOf finds the row holding name, or -1.
func (s *roundSetup) rowOf(name string) int {
	for _, i := range s.named() {
		if sameName(s.nameAt(i), name) {
			return i
		}
	}
	return -1
}

func sameName(a, b string) bool {
	return strings.Join(strings.Fields(strings.ToLower(a)), " ") == strings.Join(strings.Fields(strings.ToLower(b)), " ")
}

// settle keeps one empty name row at the end and the roles on rows with a
// name: the facilitator first listed if unset, the presenter as the
// rotation suggests and a scribe who is neither, until they are chosen.
func (s *roundSetup) settle() {
	for len(s.names) > 1 && s.names[len(s.names)-1].Blank() && s.names[len(s.names)-2].Blank() && s.row < len(s.names)-1 {
		s.names, s.types = s.names[:len(s.names)-1], s.types[:len(s.types)-1]
	}
	if !s.names[len(s.names)-1].Blank() && len(s.names) < maxParticipants {
		s.addName("", model.Sending)
	}
	rows := s.named()
	if len(rows) == 0 {
		s.facilitator, s.presenter, s.scribe = -1, -1, -1
		return
	}
	if s.nameAt(s.facilitator) == "" {
		s.facilitator = rows[0]
	}
	if !s.presenterSet || s.nameAt(s.presenter) == "" {
		s.presenterSet = false
		s.presenter = s.rowOf(model.SuggestPresenter(s.participants(), s.nameAt(s.facilitator), s.rounds))
	}
	if !s.scribeSet || s.nameAt(s.scribe) == "" {
		s.scribeSet = false
		s.scribe = s.facilitator
		for _, i := range rows {
			if i != s.facilitator && i != s.presenter {
				s.scribe = i
				break
			}
		}
	}
	for role, i := range s.cast {
		if s.nameAt(i) == "" {
			delete(s.cast, role)
		}
	}
}

func (s *roundSetup) rows() []setupRow {
	var out []setupRow
	for i := range s.names {
		out = append(out, setupRow{rowName, i})
	}
	out = append(out, setupRow{rowFormat, 0}, setupRow{rowFacilitator, 0}, setupRow{rowPresenter, 0}, setupRow{rowScribe, 0})
	for i := range s.chosen().Roles {
		out = append(out, setupRow{rowCast, i})
	}
	out = append(out, setupRow{rowCase, 0})
	for i := range s.chosen().Phases {
		out = append(out, setupRow{rowPhase, i})
	}
	return append(out, setupRow{rowStart, 0})
}

func (s *roundSetup) current() setupRow {
	rows := s.rows()
	s.row = max(min(s.row, len(rows)-1), 0)
	return rows[s.row]
}

// focusRow gives the keyboard to the name under the cursor, if any.
func (s *roundSetup) focusRow() {
	cur := s.current()
	for i := range s.names {
		if cur.kind == rowName && cur.i == i {
			s.names[i].Focus()
		} else {
			s.names[i].Blur()
		}
	}
}

func (s *roundSetup) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
		for i := range s.names {
			s.names[i].SetWidth(s.nameWidth())
		}
	case roundStartedMsg:
		s.starting = false
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
		return s, replaceScreen(newRunner(s.env, msg.id))
	case tea.PasteMsg:
		return s, s.edit(msg)
	case tea.KeyPressMsg:
		return s.handleKey(msg)
	}
	return s, nil
}

func (s *roundSetup) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	if !key.Matches(msg, k.cancel) {
		s.armedExit = false
	}
	cur := s.current()
	switch {
	case key.Matches(msg, k.cancel):
		if s.dirty && !s.armedExit {
			s.armedExit = true
			return s, showStatus(s.env.t("round.discardSetup"))
		}
		return s, popScreen
	case key.Matches(msg, k.start):
		return s, s.start()
	case key.Matches(msg, k.next):
		s.row++
	case key.Matches(msg, k.prev):
		s.row = max(s.row-1, 0)
	case key.Matches(msg, k.kind) && cur.kind == rowName:
		i := slices.Index(model.CompanionTypes, s.types[cur.i])
		s.types[cur.i] = model.CompanionTypes[(i+1)%len(model.CompanionTypes)]
		s.dirty = true
	case msg.String() == "enter" && cur.kind == rowStart:
		return s, s.start()
	case msg.String() == "enter":
		s.row++
	case cur.kind == rowName:
		return s, s.edit(msg)
	case key.Matches(msg, k.change):
		d := 1
		if msg.String() == "left" {
			d = -1
		}
		s.change(cur, d)
		s.dirty = true
	}
	s.current()
	s.focusRow()
	return s, nil
}

// edit gives a key or paste to the name being typed.
func (s *roundSetup) edit(msg tea.Msg) tea.Cmd {
	cur := s.current()
	if cur.kind != rowName {
		return nil
	}
	before := s.names[cur.i].Rev()
	s.names[cur.i], _ = s.names[cur.i].Update(msg)
	if s.names[cur.i].Rev() != before {
		s.dirty = true
		s.settle()
	}
	return nil
}

// change moves a choice by d: the format, a role, the case card, or a
// phase's minutes.
func (s *roundSetup) change(r setupRow, d int) {
	cycle := func(cur int, blank bool) int {
		opts := s.named()
		if blank {
			opts = append([]int{-1}, opts...)
		}
		if len(opts) == 0 {
			return -1
		}
		i := slices.Index(opts, cur)
		if i < 0 {
			i = 0
			if d < 0 {
				i = 1
			}
		}
		return opts[(i+d+len(opts))%len(opts)]
	}
	switch r.kind {
	case rowFormat:
		n := len(s.env.lib.Rounds.Formats)
		s.format = (s.format + d + n) % n
	case rowFacilitator:
		s.facilitator = cycle(s.facilitator, false)
	case rowPresenter:
		s.presenter = cycle(s.presenter, false)
		s.presenterSet = true
	case rowScribe:
		s.scribe = cycle(s.scribe, false)
		s.scribeSet = true
	case rowCast:
		role := s.chosen().Roles[r.i].ID
		cur, ok := s.cast[role]
		if !ok {
			cur = -1
		}
		if i := cycle(cur, true); i < 0 {
			delete(s.cast, role)
		} else {
			s.cast[role] = i
		}
	case rowCase:
		n := len(s.env.lib.Rounds.Cases)
		s.card = (s.card+1+d+n+1)%(n+1) - 1
	case rowPhase:
		m := &s.minutes[s.format][r.i]
		*m = max(min(*m+d, 600), 1)
	}
	s.settle() // an automatic role follows the ones chosen
}

// start checks the setup and saves the new round, bringing back the last
// round's next actions.
func (s *roundSetup) start() tea.Cmd {
	if s.starting {
		return nil
	}
	s.settle()
	f := s.chosen()
	setup := model.RoundSetup{Format: f, Participants: s.participants(), Facilitator: s.nameAt(s.facilitator),
		Presenter: s.nameAt(s.presenter), Scribe: s.nameAt(s.scribe), Cast: map[string]string{}}
	for role, i := range s.cast {
		if slices.ContainsFunc(f.Roles, func(r model.RoundRole) bool { return r.ID == role }) {
			setup.Cast[role] = s.nameAt(i)
		}
	}
	rows := s.named()
	for j, i := range rows {
		for _, k := range rows[:j] {
			if sameName(s.nameAt(i), s.nameAt(k)) {
				return showError(s.env.tf("round.duplicateName", s.nameAt(i)))
			}
		}
	}
	if s.card >= 0 {
		setup.CaseID = s.env.lib.Rounds.Cases[s.card].ID
	}
	for _, m := range s.minutes[s.format] {
		setup.Planned = append(setup.Planned, time.Duration(m)*time.Minute)
	}
	if len(setup.Participants) == 0 {
		return showError(s.env.t("round.needParticipants"))
	}
	if err := setup.Validate(); err != nil {
		return showError(s.env.tf("round.setupInvalid", err))
	}
	sess, rd := model.NewRound(setup, model.LatestNextActions(s.rounds), s.env.lang, s.env.now())
	s.starting = true
	store := s.env.store
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		sess, _, err := store.StartRound(ctx, sess, rd)
		return roundStartedMsg{sess.ID, err}
	}
}

func (s *roundSetup) view() string {
	e := s.env
	lang := e.lang
	f := s.chosen()
	rows := s.rows()
	labelW := 0
	for _, r := range rows {
		labelW = max(labelW, lipgloss.Width(s.rowLabel(r)))
	}
	labelW = min(labelW+4, max(s.w/2, 12))
	cur := s.current()
	var body []string
	sel := 0
	s.caretAt = -1
	choice := func(r setupRow, value string, selected bool) string {
		label := s.rowLabel(r)
		v := "◂ " + value + " ▸"
		if !selected {
			v = "  " + value
		}
		return padRight("  "+label, labelW) + v
	}
	fit := func(text string) string { return ansi.Truncate(text, max(s.w, 4), "…") }
	body = append(body, e.st.paneTitle.Render(fit(e.t("round.participantsLabel"))))
	for ri, r := range rows {
		selected := ri == s.row
		if selected {
			sel = len(body)
		}
		var line string
		switch r.kind {
		case rowName:
			kind := e.st.muted.Render("［" + model.CompanionTypeLabel(s.types[r.i], lang) + "］")
			if s.names[r.i].Blank() && !selected {
				kind = ""
			}
			line = "    " + s.names[r.i].View() + " " + kind
			if selected {
				line = e.st.selected.Render("  ▸ ") + s.names[r.i].View() + " " + kind
				if x, _, ok := s.names[r.i].Cursor(); ok {
					s.caretAt = len(body)
					s.caretCol = 4 + x
				}
			}
		case rowFormat:
			body = append(body, "")
			if selected {
				sel = len(body)
			}
			line = choice(r, shownLine(f.Title.In(lang)), selected)
		case rowFacilitator:
			line = choice(r, s.personLabel(s.nameAt(s.facilitator)), selected)
		case rowPresenter:
			v := s.personLabel(s.nameAt(s.presenter))
			if !s.presenterSet && s.presenter >= 0 {
				v += e.st.muted.Render(e.t("round.suggested"))
			}
			line = choice(r, v, selected)
		case rowScribe:
			line = choice(r, s.personLabel(s.nameAt(s.scribe)), selected)
		case rowCast:
			role := f.Roles[r.i]
			who, ok := s.cast[role.ID]
			if !ok {
				who = -1
			}
			line = choice(r, s.personLabel(s.nameAt(who)), selected)
		case rowCase:
			v := e.t("round.noCase")
			if s.card >= 0 {
				v = shownLine(e.lib.Rounds.Cases[s.card].Title.In(lang))
			}
			line = choice(r, v, selected)
		case rowPhase:
			if r.i == 0 {
				body = append(body, "", e.st.paneTitle.Render(fit(e.t("round.phasesLabel"))))
				if selected {
					sel = len(body)
				}
			}
			line = choice(r, e.tf("round.minutes", s.minutes[s.format][r.i]), selected)
		case rowStart:
			body = append(body, "")
			if selected {
				sel = len(body)
			}
			line = "  " + e.st.heading.Render("[ "+e.t("round.start")+" ]") + "  " + e.st.muted.Render("ctrl+s")
			if selected {
				line = e.st.selected.Render("▸ [ "+e.t("round.start")+" ]") + "  " + e.st.muted.Render("ctrl+s")
			}
		}
		if selected && r.kind != rowName && r.kind != rowStart {
			line = e.st.selected.Render(ansi.Truncate(line, max(s.w-1, 4), "…"))
		}
		body = append(body, ansi.Truncate(line, max(s.w, 4), "…"))
	}
	head := []string{e.st.title.Render(fit(e.t("round.setupTitle")))}
	detail := s.detailLines(cur, max(s.w-4, 10))
	h := max(s.h-len(head)-len(detail)-1, 4)
	top := windowTop(len(body), sel, h, 2)
	shown := window(body, sel, h, 2)
	if s.caretAt >= 0 {
		s.caretAt = s.caretAt - top + len(head)
		if s.caretAt < len(head) || s.caretAt >= len(head)+len(shown) {
			s.caretAt = -1
		}
	}
	out := append(head, shown...)
	if len(detail) > 0 {
		out = append(out, "")
		out = append(out, detail...)
	}
	return strings.Join(out, "\n")
}

// rowLabel is what a choice row is called.
func (s *roundSetup) rowLabel(r setupRow) string {
	e, f := s.env, s.chosen()
	switch r.kind {
	case rowFormat:
		return e.t("round.formatLabel")
	case rowFacilitator:
		return e.t("round.facilitatorLabel")
	case rowPresenter:
		return e.t("round.presenterLabel")
	case rowScribe:
		return e.t("round.scribeLabel")
	case rowCast:
		return shownLine(f.Roles[r.i].Name.In(e.lang))
	case rowCase:
		return e.t("round.caseLabel")
	case rowPhase:
		return shownLine(f.Phases[r.i].Title.In(e.lang))
	}
	return ""
}

// personLabel shows a participant's name, or a dash for nobody.
func (s *roundSetup) personLabel(name string) string {
	if name == "" {
		return "—"
	}
	return shownLine(name)
}

// detailLines explain the row under the cursor: the format's summary, the
// case card's scene, a role's brief, what the rotation suggests.
func (s *roundSetup) detailLines(r setupRow, w int) []string {
	e, lang := s.env, s.env.lang
	f := s.chosen()
	var text string
	switch r.kind {
	case rowName:
		text = e.t("round.namesHelp")
	case rowFormat:
		total := 0
		for _, m := range s.minutes[s.format] {
			total += m
		}
		text = f.Summary.In(lang) + " " + e.tf("round.totalMinutes", len(f.Phases), total)
	case rowPresenter:
		text = e.t("round.rotationHelp")
	case rowScribe:
		text = e.t("round.scribeHelp")
	case rowCast:
		text = f.Roles[r.i].Brief.In(lang)
	case rowCase:
		if s.card < 0 {
			text = e.tf("round.caseHelp", len(e.lib.Rounds.Cases))
		} else {
			c := e.lib.Rounds.Cases[s.card]
			text = fmt.Sprintf("［%s］%s\n%s", e.t("phase."+string(c.Phase)), c.Scene.In(lang), c.Question.In(lang))
		}
	case rowPhase:
		p := f.Phases[r.i]
		text = p.Question.In(lang)
	}
	var out []string
	for _, para := range strings.Split(shown(text), "\n") {
		for _, row := range editor.Wrap(para, w) {
			out = append(out, "  "+e.st.hint.Render(row))
		}
	}
	if len(out) > 5 {
		out = append(out[:5], "  "+e.st.hint.Render("…"))
	}
	return out
}

func (s *roundSetup) caret() *tea.Cursor {
	if s.caretAt < 0 {
		return nil
	}
	return tea.NewCursor(s.caretCol, s.caretAt)
}

func (s *roundSetup) typing() bool { return s.current().kind == rowName }

func (s *roundSetup) keys() help.KeyMap {
	k := s.k
	cur := s.current()
	k.kind.SetEnabled(cur.kind == rowName)
	k.change.SetEnabled(cur.kind != rowName && cur.kind != rowStart)
	return keyList{
		short: []key.Binding{k.next, k.prev, k.change, k.kind, k.start, k.cancel},
		full:  [][]key.Binding{{k.next, k.prev, k.change, k.kind}, {k.start, k.cancel}},
	}
}

// unsaved reports whether the new round is still being written, so that
// quitting waits for it.
func (s *roundSetup) unsaved() bool { return s.starting }
