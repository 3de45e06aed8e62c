package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
)

// roundSetup prepares a peer round: the participants with their companion
// type, the format, who facilitates, presents and takes notes (the
// presenter suggested by the rotation), the roles of a role-play, a case
// card, and the minutes of each phase. The last round's participants and
// facilitator are filled in. Its rows are a fieldset drawn as a menu: the
// names typed in place, each with its type beside it, then the choices
// this file keeps, and the button that starts the round.
type roundSetup struct {
	env  *env
	k    roundSetupKeys
	w, h int
	fs   *fieldset

	rounds []model.RoundEntry
	format int // among the content's formats
	// The roles are rows of names (-1 for nobody), so that correcting a
	// name keeps the role.
	facilitator, presenter, scribe int
	// presenterSet is true once the facilitator chose the presenter; until
	// then the rotation's suggestion follows the participants.
	presenterSet bool
	// more are the presenters after the first, in order, for a format
	// with a block run once per presenter.
	more      []int
	scribeSet bool
	purpose   *field         // what the round is for, kept across formats
	cast      map[string]int // role id → row
	card      int            // among the cases, -1 for none
	minutes   [][]int        // per format, per phase

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

// maxParticipants is the most participants a round takes.
const maxParticipants = 12

func newRoundSetup(e *env, rounds []model.RoundEntry) *roundSetup {
	s := &roundSetup{env: e, k: newRoundSetupKeys(e), fs: newFieldset(&e.st), rounds: rounds, card: -1,
		cast: map[string]int{}, facilitator: -1, presenter: -1, scribe: -1}
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
	var types []string
	for _, t := range model.CompanionTypes {
		types = append(types, model.CompanionTypeLabel(t, e.lang))
	}
	s.fs.sizeText(max(s.w-20, 8))
	s.fs.startList(maxParticipants, true, func() []*field {
		name := s.fs.textField("name", "", "", e.t("round.namePlaceholder"), 1)
		name.width, name.about = 32, e.t("round.namesHelp")
		return []*field{name, {key: "type", options: types, sel: 0, beside: true, skip: true}}
	})
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
	s.purpose = s.fs.textField("purpose", e.t("round.purposeLabel"), "", e.t("round.purposePlaceholder"), 1)
	s.purpose.about, s.purpose.width = e.t("round.purposeHelp"), 40
	s.build()
	s.settle()
	s.fs.setFocus(0)
	return s
}

func (s *roundSetup) addName(name string, t model.CompanionType) {
	row := s.fs.addRow()
	row[0].ed.SetValue(name)
	row[1].sel = max(slices.Index(model.CompanionTypes, t), 0)
}

// build puts after the names the rows of the chosen format: who has which
// role, the case card, the minutes of each phase, and the start.
func (s *roundSetup) build() {
	e, f, fs := s.env, s.chosen(), s.fs
	fs.fields = fs.fields[:fs.listEnd()]
	person := func(row *int) func() string { return func() string { return s.personLabel(s.nameAt(*row)) } }
	fs.addChoice("format", e.t("round.formatLabel"), func(d int) {
		n := len(e.lib.Rounds.Formats)
		s.format = (s.format + d + n) % n
		s.build()
	}, func() string { return shownLine(s.chosen().Title.In(e.lang)) }).above = []string{""}
	fs.add(s.purpose)
	fs.addChoice("facilitator", e.t("round.facilitatorLabel"), func(d int) {
		s.facilitator = s.cycle(s.facilitator, false, d)
	}, person(&s.facilitator))
	if !f.NoPresenter {
		s.buildPresenters()
	}
	fs.addChoice("scribe", e.t("round.scribeLabel"), func(d int) {
		s.scribe, s.scribeSet = s.cycle(s.scribe, false, d), true
	}, person(&s.scribe)).about = e.t("round.scribeHelp")
	for _, role := range f.Roles {
		who := func() int {
			if i, ok := s.cast[role.ID]; ok {
				return i
			}
			return -1
		}
		fs.addChoice("cast", shownLine(role.Name.In(e.lang)), func(d int) {
			if i := s.cycle(who(), true, d); i < 0 {
				delete(s.cast, role.ID)
			} else {
				s.cast[role.ID] = i
			}
		}, func() string { return s.personLabel(s.nameAt(who())) }).about = role.Brief.In(e.lang)
	}
	fs.addChoice("case", e.t("round.caseLabel"), func(d int) {
		n := len(e.lib.Rounds.Cases)
		s.card = (s.card+1+d+n+1)%(n+1) - 1
	}, func() string {
		if s.card < 0 && s.chosen().NoPresenter {
			return e.t("round.noCard")
		}
		if s.card < 0 {
			return e.t("round.noCase")
		}
		return shownLine(e.lib.Rounds.Cases[s.card].Title.In(e.lang))
	})
	for i, p := range f.Phases {
		fs.addChoice("phase", shownLine(p.Title.In(e.lang)), func(d int) {
			m := &s.minutes[s.format][i]
			*m = max(min(*m+d, 600), 1)
		}, func() string { return e.tf("round.minutes", s.minutes[s.format][i]) }).about = p.Question.In(e.lang)
	}
	fs.add(&field{key: "start", label: e.t("round.start"), hint: s.k.start.Help().Key, above: []string{""}})
	fs.focus = min(fs.focus, len(fs.fields)-1)
}

// buildPresenters adds the presenter's row; for a format with a block run
// once per presenter, a row per presenter in order and one more to add
// the next (choosing nobody in a row takes that presenter out).
func (s *roundSetup) buildPresenters() {
	e, fs := s.env, s.fs
	label := e.t("round.presenterLabel")
	blocked := s.chosen().Blocked()
	if blocked {
		label = e.tf("round.presenterN", 1)
	}
	fs.addChoice("presenter", label, func(d int) {
		s.presenter, s.presenterSet = s.cycle(s.presenter, false, d), true
	}, func() string {
		v := s.personLabel(s.nameAt(s.presenter))
		if !s.presenterSet && s.presenter >= 0 {
			v += e.st.muted.Render(e.t("round.suggested"))
		}
		return v
	}).about = e.t("round.rotationHelp")
	if !blocked {
		return
	}
	for i := range len(s.more) + 1 {
		fs.addChoice("presenter", e.tf("round.presenterN", i+2), func(d int) {
			if i == len(s.more) {
				if row := s.cycle(-1, true, d); row >= 0 {
					s.more = append(s.more, row)
					s.build()
				}
				return
			}
			if s.more[i] = s.cycle(s.more[i], true, d); s.more[i] < 0 {
				s.more = slices.Delete(s.more, i, i+1)
				s.build()
			}
		}, func() string {
			if i == len(s.more) {
				return e.st.muted.Render(e.t("round.addPresenter"))
			}
			return s.personLabel(s.nameAt(s.more[i]))
		}).about = e.t("round.presentersHelp")
	}
}

func (s *roundSetup) init() tea.Cmd { return nil }

func (s *roundSetup) chosen() *model.RoundFormat { return s.env.lib.Rounds.Formats[s.format] }

// participants are the named rows, in order.
func (s *roundSetup) participants() []model.Participant {
	var out []model.Participant
	for i := range s.fs.list.n {
		if name := s.nameAt(i); name != "" {
			out = append(out, model.Participant{Name: name, Type: model.CompanionTypes[s.fs.row(i)[1].sel]})
		}
	}
	return out
}

// nameAt is the name typed in row i ("" for none).
func (s *roundSetup) nameAt(i int) string {
	if i < 0 || i >= s.fs.list.n {
		return ""
	}
	return strings.TrimSpace(s.fs.row(i)[0].value())
}

// named lists the rows that hold a name.
func (s *roundSetup) named() []int {
	var out []int
	for i := range s.fs.list.n {
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
	s.fs.trim()
	s.fs.grow()
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
	if kept := slices.DeleteFunc(slices.Clone(s.more), func(i int) bool { return s.nameAt(i) == "" }); len(kept) != len(s.more) {
		s.more = kept
		s.build()
	}
}

// cycle moves a role held by row cur by d among the rows with a name, and
// nobody when blank.
func (s *roundSetup) cycle(cur int, blank bool, d int) int {
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

func (s *roundSetup) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
		s.fs.sizeText(max(s.w-20, 8))
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
	k, fs := s.k, s.fs
	if !key.Matches(msg, k.cancel) {
		s.armedExit = false
	}
	cur := fs.current()
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
		fs.move(1)
	case key.Matches(msg, k.prev):
		fs.move(-1)
	case key.Matches(msg, k.kind) && cur.text():
		fs.besideOf(fs.focus).step(1)
		s.dirty = true
	case key.Matches(msg, k.enter) && cur.key == "start":
		return s, s.start()
	case key.Matches(msg, k.enter):
		fs.move(1)
	case cur.text():
		return s, s.edit(msg)
	case key.Matches(msg, k.change):
		d := 1
		if key.Matches(msg, k.left) {
			d = -1
		}
		cur.step(d)
		s.settle() // an automatic role follows the ones chosen
		s.dirty = true
	}
	return s, nil
}

// edit gives a key or paste to the name being typed.
func (s *roundSetup) edit(msg tea.Msg) tea.Cmd {
	if s.fs.typing() && s.fs.update(msg) {
		s.dirty = true
		s.settle()
	}
	return nil
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
		Presenter: s.nameAt(s.presenter), Scribe: s.nameAt(s.scribe), Cast: map[string]string{},
		Purpose: strings.TrimSpace(s.purpose.value())}
	if f.NoPresenter {
		setup.Presenter = ""
	}
	if f.Blocked() && setup.Presenter != "" {
		setup.Presenters = []string{setup.Presenter}
		for _, i := range s.more {
			setup.Presenters = append(setup.Presenters, s.nameAt(i))
		}
	}
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
	fit := func(text string) string { return ansi.Truncate(text, max(s.w, 4), "…") }
	s.fs.fields[0].above = []string{e.st.paneTitle.Render(fit(e.t("round.participantsLabel")))}
	if p := s.fs.get("phase"); p != nil {
		p.above = []string{"", e.st.paneTitle.Render(fit(e.t("round.phasesLabel")))}
	}
	body, sel, caretRow, caretCol := s.fs.menu(s.w)
	head := []string{e.st.title.Render(fit(e.t("round.setupTitle")))}
	detail := s.detailLines(s.fs.current(), max(s.w-4, 10))
	h := max(s.h-len(head)-len(detail)-1, 4)
	top := windowTop(len(body), sel, h, 2)
	shown := window(body, sel, h, 2)
	s.caretAt, s.caretCol = -1, caretCol
	if caretRow >= 0 {
		s.caretAt = caretRow - top + len(head)
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

// personLabel shows a participant's name, or a dash for nobody.
func (s *roundSetup) personLabel(name string) string {
	if name == "" {
		return "—"
	}
	return shownLine(name)
}

// detailLines explain the row under the cursor: the format's summary, the
// case card's scene, a role's brief, what the rotation suggests.
func (s *roundSetup) detailLines(cur *field, w int) []string {
	e, lang := s.env, s.env.lang
	f := s.chosen()
	text := cur.about
	switch cur.key {
	case "format":
		total := 0
		for _, m := range s.minutes[s.format] {
			total += m
		}
		text = f.Summary.In(lang) + " " + e.tf("round.totalMinutes", len(f.Phases), total)
	case "case":
		if s.card < 0 {
			text = e.tf("round.caseHelp", len(e.lib.Rounds.Cases))
		} else {
			c := e.lib.Rounds.Cases[s.card]
			text = fmt.Sprintf("［%s］%s\n%s", e.t("phase."+string(c.Phase)), c.Scene.In(lang), c.Question.In(lang))
		}
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

func (s *roundSetup) typing() bool { return s.fs.typing() }

func (s *roundSetup) keys() help.KeyMap {
	k := s.k
	cur := s.fs.current()
	k.kind.SetEnabled(cur.text())
	k.change.SetEnabled(cur.choice())
	return keyList{
		short: []key.Binding{k.next, k.prev, k.change, k.kind, k.start, k.cancel},
		full:  [][]key.Binding{{k.next, k.prev, k.change, k.kind}, {k.start, k.cancel}},
	}
}

// unsaved reports whether the new round is still being written, so that
// quitting waits for it.
func (s *roundSetup) unsaved() bool { return s.starting }
