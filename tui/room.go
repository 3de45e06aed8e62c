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

// roomScreen is a person's own screen in a room on a bansou server (see
// model.Rooms). In a round it shows the phase, the clock, the case, the key
// question, the cast and what everyone wrote, and takes what this person
// writes: a question, a hypothesis, feedback, a learning, a next action.
// In an agreement it takes this person's party's expectation and fit for
// each topic, shows the others' once the companion reveals them, and the
// agreed text to confirm. As the room view (projector) it shows the clock
// large, the phase, who speaks, the case and the cast, and takes nothing.
// The clock is the facilitator's: computed here from the instants they
// recorded, the same on every screen, never started or stopped here.
type roomScreen struct {
	env *env
	k   roomKeys
	id  int64
	// alone: the room is the whole program (a guest's, or `join`): esc
	// ends it rather than going back.
	alone     bool
	projector bool
	w, h      int

	room model.Room
	ls   loadState
	fw   follow

	input   editor.Model
	kind    int   // among model.ContribKinds
	anon    bool  // the next contribution without a name
	private bool  // the next learning or action kept to oneself
	editing int64 // own contribution being changed, or 0
	list    bool  // keys go to the list of contributions
	cursor  int   // among the listed contributions

	// agreement
	topic  int
	onFit  bool // keys go to the fit rather than the expectation
	fit    int  // 0: not given
	expRow int  // the screen row of the expectation's first line
	dirty  bool
	saving bool

	ticking bool
	rang    string // the phase whose overtime the bell has rung for
	bell    bool

	// What is typed and not sent is kept for the person (KeepDraft) a
	// moment after the last key, and when the program ends.
	draftRev  int
	keptDraft string
	restored  bool
}

type (
	roomLoadedMsg struct {
		id   int64
		room model.Room
		err  error
	}
	roomSavedMsg struct {
		id   int64
		err  error
		sent bool   // a contribution was sent: the input was cleared
		text string // what was sent, to put back if it failed
		what string
	}
	roomTickMsg  struct{ id int64 }
	roomDraftMsg struct {
		id  int64
		rev int
	}
	roomDraftKeptMsg struct {
		id   int64
		text string
		err  error
	}
)

func newRoomScreen(e *env, sessionID int64, alone, projector bool) *roomScreen {
	s := &roomScreen{env: e, k: newRoomKeys(e), id: sessionID, alone: alone, projector: projector}
	s.input = editor.New()
	s.input.Placeholder = e.t("room.inputPlaceholder")
	s.input.Focus()
	return s
}

func (s *roomScreen) rooms() (model.Rooms, bool) {
	r, ok := s.env.store.(model.Rooms)
	return r, ok
}

func (s *roomScreen) init() tea.Cmd { return tea.Batch(s.load(), s.tickCmd()) }

func (s *roomScreen) load() tea.Cmd {
	rooms, ok := s.rooms()
	id := s.id
	return func() tea.Msg {
		if !ok {
			return roomLoadedMsg{id: id, err: model.ErrNotAllowed}
		}
		ctx, cancel := storeCtx()
		defer cancel()
		r, err := rooms.Room(ctx, id)
		return roomLoadedMsg{id, r, err}
	}
}

func (s *roomScreen) tickCmd() tea.Cmd {
	if s.ticking || s.env.clockTick < 0 {
		return nil
	}
	s.ticking = true
	id := s.id
	return tea.Tick(s.env.clockTick, func(time.Time) tea.Msg { return roomTickMsg{id} })
}

func (s *roomScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
		s.input.SetWidth(max(s.w-2, 10))
		s.input.SetHeight(3)
	case roomLoadedMsg:
		if msg.id != s.id {
			return s, nil
		}
		if s.ls.arrived(s.env, true, msg.err) {
			s.took(msg.room)
		}
	case reloadedMsg:
		if msg.by == &s.fw {
			return s, s.fw.back(msg, func(m tea.Msg) tea.Cmd { _, c := s.update(m); return c },
				func() []tea.Cmd { return []tea.Cmd{s.load()} })
		}
	case storeChangedMsg:
		if msg.concerns(0, s.id) {
			return s, s.fw.reload(s.load())
		}
	case roomTickMsg:
		if msg.id == s.id {
			s.ticking = false
			return s, tea.Batch(s.tickCmd(), s.ring())
		}
	case roomSavedMsg:
		return s, tea.Batch(s.saved(msg), s.keepDraftSoon())
	case roomDraftMsg:
		if msg.id == s.id && msg.rev == s.draftRev {
			return s, s.keepDraft()
		}
	case roomDraftKeptMsg:
		if msg.id != s.id {
			return s, nil
		}
		s.saving = false
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err)) // it stays on screen
		}
		s.keptDraft = msg.text
	case quitRequestMsg:
		if s.room.Kind == model.RoomRound {
			return s, s.keepDraft()
		}
		return s, s.keepView()
	case tea.PasteMsg:
		if !s.projector && !s.list && !s.onFit {
			s.input, _ = s.input.Update(msg)
			return s, s.changed()
		}
	case tea.KeyPressMsg:
		return s.handleKey(msg)
	}
	return s, nil
}

// took shows a room read again, keeping what is being typed.
func (s *roomScreen) took(r model.Room) {
	first := s.room.SessionID == 0
	s.room = r
	if r.Kind == model.RoomAgreement {
		s.projector = false // an agreement's room view is its parties' screen
	}
	if r.Kind == model.RoomAgreement && (first || !s.dirty && !s.saving) {
		s.showTopic()
	}
	if r.Kind == model.RoomRound && !s.restored {
		// What was typed and not sent before a dropped connection comes
		// back into the input.
		s.restored = true
		if s.input.Blank() && strings.TrimSpace(r.Me.Draft) != "" {
			s.input.SetValue(r.Me.Draft)
			s.keptDraft = r.Me.Draft
		}
	}
	s.cursor = max(min(s.cursor, len(s.listed())-1), 0)
}

// ring sounds the terminal's bell once when a phase runs past its time, in
// the room view with the bell on.
func (s *roomScreen) ring() tea.Cmd {
	rd := s.room.Round
	if !s.projector || !s.bell || rd == nil || rd.Timer.Done() || !rd.Timer.Overtime(s.env.now()) {
		return nil
	}
	ph := s.room.PhaseID()
	if s.rang == ph {
		return nil
	}
	s.rang = ph
	return tea.Raw("\a")
}

func (s *roomScreen) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	if key.Matches(msg, k.leave) && (s.list || s.onFit || s.projector || s.input.Blank()) {
		if s.list || s.onFit {
			s.list, s.onFit = false, false
			s.input.Focus()
			return s, nil
		}
		if s.alone {
			return s, func() tea.Msg { return quitMsg{} }
		}
		return s, popScreen
	}
	switch {
	case s.projector:
		if key.Matches(msg, k.bell) {
			s.bell = !s.bell
			return s, showStatus(s.env.t(map[bool]string{true: "room.bellOn", false: "room.bellOff"}[s.bell]))
		}
		return s, nil
	case key.Matches(msg, k.projector) && s.room.Kind == model.RoomRound:
		s.projector = true
		return s, nil
	case s.room.Kind == model.RoomAgreement:
		return s, s.agreementKey(msg)
	case s.list:
		return s, s.listKey(msg)
	}
	switch {
	case key.Matches(msg, k.send):
		return s, s.send()
	case key.Matches(msg, k.nextKind):
		s.kind = (s.kind + 1) % len(model.ContribKinds)
	case key.Matches(msg, k.prevKind):
		s.kind = (s.kind + len(model.ContribKinds) - 1) % len(model.ContribKinds)
	case key.Matches(msg, k.anon):
		if !s.room.Anonymous || !model.ContribKinds[s.kind].MayBeAnonymous() {
			return s, showStatus(s.env.t("room.noAnonymous"))
		}
		s.anon = !s.anon
	case key.Matches(msg, k.private):
		if model.ContribKinds[s.kind].MayBeAnonymous() {
			return s, showStatus(s.env.t("room.sharedKind"))
		}
		s.private = !s.private
	case key.Matches(msg, k.list):
		if len(s.listed()) > 0 {
			s.list = true
			s.input.Blur()
		}
	default:
		s.input, _ = s.input.Update(msg)
		return s, s.changed()
	}
	return s, nil
}

// changed notes that the input may differ from what is kept, and keeps
// it a moment after the last key.
func (s *roomScreen) changed() tea.Cmd {
	s.dirty = true
	return s.keepDraftSoon()
}

// keepDraftSoon keeps the input as the person's draft once no key has
// come for the save delay.
func (s *roomScreen) keepDraftSoon() tea.Cmd {
	if s.room.Kind != model.RoomRound || s.input.Value() == s.keptDraft {
		return nil
	}
	s.draftRev++
	id, rev := s.id, s.draftRev
	return tea.Tick(s.env.saveDelay, func(time.Time) tea.Msg { return roomDraftMsg{id, rev} })
}

// keepDraft keeps the input as the person's draft now, if it changed.
func (s *roomScreen) keepDraft() tea.Cmd {
	text := s.input.Value()
	if text == s.keptDraft || s.room.SessionID == 0 {
		return nil
	}
	s.saving = true
	rooms, ok := s.rooms()
	id := s.id
	return func() tea.Msg {
		if !ok {
			return roomDraftKeptMsg{id: id, err: model.ErrNotAllowed}
		}
		ctx, cancel := storeCtx()
		defer cancel()
		return roomDraftKeptMsg{id: id, text: text, err: rooms.KeepDraft(ctx, id, text)}
	}
}

// listKey moves in the list, takes a question up (the presenter) and
// brings one's own contribution back to be changed.
func (s *roomScreen) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.k
	items := s.listed()
	switch {
	case key.Matches(msg, k.up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, k.down):
		s.cursor = min(s.cursor+1, len(items)-1)
	case key.Matches(msg, k.list):
		s.list = false
		s.input.Focus()
	case key.Matches(msg, k.takeUp):
		if s.cursor < len(items) {
			c := items[s.cursor]
			if c.Kind != model.ContribQuestion || !(s.room.IsPresenter() || s.room.IsHolder()) {
				return showStatus(s.env.t("room.takeUpWho"))
			}
			return s.write(func(r model.Rooms) error {
				ctx, cancel := storeCtx()
				defer cancel()
				return r.TakeUp(ctx, s.id, c.ID, !c.TakenUp)
			}, false, "")
		}
	case key.Matches(msg, k.edit):
		if s.cursor < len(items) && items[s.cursor].Mine {
			c := items[s.cursor]
			s.editing, s.kind = c.ID, slices.Index(model.ContribKinds, c.Kind)
			s.anon, s.private = c.Anonymous, c.Private
			s.input.SetValue(c.Text)
			s.list = false
			s.input.Focus()
		}
	}
	return nil
}

// send saves what is typed as a contribution (or the change of one's own).
func (s *roomScreen) send() tea.Cmd {
	text := strings.TrimSpace(s.input.Value())
	if text == "" && s.editing == 0 {
		return nil
	}
	c := model.Contribution{ID: s.editing, Kind: model.ContribKinds[s.kind], Text: text, Anonymous: s.anon, Private: s.private}
	// The input is free at once for what comes next (another send may go
	// while this one is saved); what was sent comes back into it if the
	// save fails.
	s.input.SetValue("")
	s.editing, s.anon, s.private = 0, false, false
	what := kindLabel(s.env, c.Kind)
	cmd := s.write(func(r model.Rooms) error {
		ctx, cancel := storeCtx()
		defer cancel()
		_, err := r.Contribute(ctx, s.id, c)
		return err
	}, true, what)
	return func() tea.Msg {
		msg := cmd().(roomSavedMsg)
		msg.text = text
		return msg
	}
}

func (s *roomScreen) write(fn func(model.Rooms) error, sent bool, what string) tea.Cmd {
	rooms, ok := s.rooms()
	id := s.id
	return func() tea.Msg {
		if !ok {
			return roomSavedMsg{id: id, err: model.ErrNotAllowed}
		}
		return roomSavedMsg{id: id, err: fn(rooms), sent: sent, what: what}
	}
}

func (s *roomScreen) saved(msg roomSavedMsg) tea.Cmd {
	if msg.id != s.id {
		return nil
	}
	s.saving = false
	if msg.err != nil {
		if msg.sent && msg.text != "" {
			s.input.SetValue(strings.TrimRight(msg.text+"\n"+s.input.Value(), "\n"))
		}
		return showError(s.env.describeErr(msg.err)) // what was typed stays
	}
	cmds := []tea.Cmd{s.fw.reload(s.load())}
	if s.room.Kind == model.RoomAgreement && s.dirty {
		cmds = append(cmds, s.saveView()) // changed while the last one was saved
	}
	if msg.what != "" {
		cmds = append(cmds, showStatus(s.env.tf("room.sent", msg.what)))
	}
	return tea.Batch(cmds...)
}

// listed are the contributions shown, in order: the questions of the
// presenter now first when the reader presents, else in writing order.
func (s *roomScreen) listed() []model.Contribution {
	out := slices.Clone(s.room.Contribs)
	if s.room.IsPresenter() {
		slices.SortStableFunc(out, func(a, b model.Contribution) int {
			qa, qb := a.Kind == model.ContribQuestion, b.Kind == model.ContribQuestion
			switch {
			case qa && !qb:
				return -1
			case qb && !qa:
				return 1
			}
			return 0
		})
	}
	return out
}

// unsaved: a party's view typed and not yet kept, or a contribution typed
// and neither sent nor kept as a draft.
func (s *roomScreen) unsaved() bool {
	if s.room.Kind == model.RoomRound {
		return s.input.Value() != s.keptDraft
	}
	return s.room.Kind == model.RoomAgreement && (s.dirty || s.saving)
}

// keepView saves a party's view typed and not yet kept, as the program
// ends.
func (s *roomScreen) keepView() tea.Cmd {
	if s.room.Kind != model.RoomAgreement || !s.dirty {
		return nil
	}
	return s.saveView()
}

func (s *roomScreen) view() string {
	e := s.env
	switch {
	case !s.ls.loaded:
		return e.st.muted.Render(e.t("common.loading"))
	case s.ls.err != "" && s.room.SessionID == 0:
		return e.st.errText.Render(s.ls.err)
	case s.projector:
		return strings.Join(roomViewLines(e, s.room, s.room.Round, s.w, s.h, s.bell), "\n")
	case s.room.Kind == model.RoomAgreement:
		return s.agreementView()
	}
	return s.roundView()
}

// roundFormat is the content's format of the room's round, if it has it.
func (s *roomScreen) roundFormat() *model.RoundFormat {
	if s.room.Round == nil || s.env.lib.Rounds == nil {
		return nil
	}
	f, _ := s.env.lib.Rounds.Format(s.room.Round.Format)
	return f
}

func (s *roomScreen) roundView() string {
	e := s.env
	w := max(s.w, 20)
	lines := roomHeader(e, s.room, s.room.Round, w)
	lines = append(lines, s.whoLine(w))
	if c := castLine(e, s.room.Round, s.room.Lang, w); c != "" {
		lines = append(lines, e.st.muted.Render(c))
	}
	if rd := s.room.Round; rd != nil && rd.Purpose != "" {
		lines = append(lines, e.st.muted.Render(truncate(e.tf("room.purpose", rd.Purpose), w)))
	}
	lines = append(lines, roomCaseLines(e, s.room, w, 2)...)
	lines = append(lines, e.st.muted.Render(strings.Repeat("─", w)))
	input := s.inputLines(w)
	listH := max(s.h-len(lines)-len(input), 2)
	list := s.listLines(w, listH)
	for len(list) < listH {
		list = append(list, "") // the input stays at the foot of the screen
	}
	lines = append(lines, list...)
	lines = append(lines, input...)
	if len(lines) > s.h && s.h > 0 {
		lines = lines[:s.h]
	}
	return strings.Join(lines, "\n")
}

// whoLine says who is in the room and who the reader is there.
func (s *roomScreen) whoLine(w int) string {
	e := s.env
	var names []string
	for _, p := range s.room.People {
		names = append(names, shownLine(p.Name))
	}
	me := e.tf("room.you", shownLine(s.room.Me.Name))
	if s.room.IsPresenter() {
		me += " · " + e.t("round.presenterLabel")
	}
	return clip(e.st.accent.Render(me)+"  "+e.st.muted.Render(e.tf("room.people", len(names), strings.Join(names, "、"))), w)
}

func (s *roomScreen) listLines(w, h int) []string {
	e := s.env
	items := s.listed()
	if len(items) == 0 {
		return []string{e.st.muted.Render(truncate(e.t("room.nothingYet"), w))}
	}
	var rows []string
	for i, c := range items {
		rows = append(rows, s.contribRow(c, i == s.cursor && s.list, w))
	}
	if !s.list {
		return window(rows, len(rows)-1, h, 0) // while writing, the newest stay in view
	}
	return window(rows, s.cursor, h, 1)
}

func (s *roomScreen) contribRow(c model.Contribution, selected bool, w int) string {
	e := s.env
	who := shownLine(c.Author)
	if c.Author == "" {
		who = e.t("room.anonymous")
	}
	mark := ""
	if c.TakenUp {
		mark = "✓ "
	}
	if c.Private {
		who += e.t("room.privateMark")
	}
	text := mark + "[" + kindLabel(e, c.Kind) + "] " + who + ": " + oneLine(shownLine(c.Text))
	text = truncate(text, max(w-2, 4))
	if selected {
		return e.st.selected.Render("▸ " + text)
	}
	if c.Mine {
		return "  " + e.st.accent.Render(text)
	}
	return "  " + text
}

func (s *roomScreen) inputLines(w int) []string {
	e := s.env
	var kinds []string
	for i, k := range model.ContribKinds {
		label := kindLabel(e, k)
		if i == s.kind {
			label = e.st.selected.Render("[" + label + "]")
		} else {
			label = e.st.muted.Render(label)
		}
		kinds = append(kinds, label)
	}
	flags := ""
	if s.anon {
		flags += "  " + e.st.warnText.Render(e.t("room.anonOn"))
	}
	if s.private {
		flags += "  " + e.st.warnText.Render(e.t("room.privateOn"))
	}
	if s.editing != 0 {
		flags += "  " + e.st.accent.Render(e.t("room.editing"))
	}
	out := []string{e.st.muted.Render(strings.Repeat("─", w)), clip(strings.Join(kinds, " "), w)}
	if flags != "" {
		out = append(out, clip(strings.TrimSpace(flags), w))
	}
	return append(out, strings.Split(s.input.View(), "\n")...)
}

func (s *roomScreen) caret() *tea.Cursor {
	if s.projector || s.list || s.onFit || !s.ls.loaded || s.room.SessionID == 0 {
		return nil
	}
	x, y, ok := s.input.Cursor()
	if !ok {
		return nil
	}
	top := strings.Count(s.view(), "\n") - s.input.Height() + 1
	if s.room.Kind == model.RoomAgreement {
		top = s.expRow
	}
	return tea.NewCursor(x, top+y)
}

func (s *roomScreen) typing() bool { return !s.projector && !s.list && !s.onFit }

func (s *roomScreen) keys() help.KeyMap {
	k := s.k
	var short []key.Binding
	switch {
	case s.projector:
		short = []key.Binding{k.bell, k.leave}
	case s.room.Kind == model.RoomAgreement:
		short = []key.Binding{k.nextTopic, k.prevTopic, k.toFit, k.confirm, k.leave}
	case s.list:
		short = []key.Binding{k.up, k.down, k.takeUp, k.edit, k.list, k.leave}
	default:
		short = []key.Binding{k.send, k.nextKind, k.anon, k.private, k.list, k.projector, k.leave}
	}
	return keyList{short: short, full: [][]key.Binding{short}}
}

// turnText says whose turn it is in a phase taken in turns, the turn's
// time left (past zero with a +) and who is next; "" in other phases.
func turnText(e *env, rd *model.PeerRound, now time.Time) string {
	turn, ok := rd.Timer.Turn()
	if !ok {
		return ""
	}
	rem := rd.Timer.TurnRemaining(now)
	left := clockText(rem)
	if rem < 0 {
		left = "+" + clockText(-rem)
	}
	out := e.tf("room.turn", turn.N, turn.Of, shownLine(turn.Speaker), left)
	if turn.Next != "" {
		out += "  " + e.tf("room.nextSpeaker", shownLine(turn.Next))
	}
	return out
}

// clip cuts styled text to w cells.
func clip(s string, w int) string { return ansi.Truncate(s, max(w, 1), "…") }

// roomHeader is the round's title, phase and clock, on one or two lines.
func roomHeader(e *env, r model.Room, rd *model.PeerRound, w int) []string {
	title := e.st.title.Render(truncate(shownLine(r.Title), w/2))
	if rd == nil || len(rd.Timer.Phases) == 0 {
		return []string{title}
	}
	t := rd.Timer
	now := e.now()
	if t.Done() {
		return []string{title + "  " + e.st.okText.Render(e.t("round.allDone"))}
	}
	phase := phaseTitle(e, rd, r.Lang)
	clock, style := roomClock(e, rd, now)
	state := e.st.warnText.Render("⏸ " + e.t("round.paused"))
	switch {
	case t.Running():
		state = e.st.okText.Render("▶ " + e.t("round.running"))
	case t.Phases[t.Current].StartedAt.IsZero():
		state = e.st.muted.Render("■ " + e.t("room.notStarted"))
	}
	line := title + "  " + e.st.heading.Render(fmt.Sprintf("%d/%d %s", t.Current+1, len(t.Phases), shownLine(phase)))
	out := []string{clip(line, w), clip(style.Render("⏱ "+clock)+"  "+state, w)}
	if turn := turnText(e, rd, now); turn != "" {
		out = append(out, clip(e.st.accent.Render(turn), w))
	}
	return out
}

// phaseTitle is the title of the phase the round is in.
func phaseTitle(e *env, rd *model.PeerRound, lang model.Lang) string {
	t := rd.Timer
	if t.Done() {
		return ""
	}
	ph := t.Phases[t.Current]
	title := ph.ID
	if e.lib.Rounds != nil {
		if f, ok := e.lib.Rounds.Format(rd.Format); ok {
			if p, ok := f.Phase(ph.ID); ok {
				title = p.Title.In(lang)
			}
		}
	}
	if ph.Who != "" {
		title = e.tf("round.ofPresenter", title, ph.Who)
	}
	return title
}

// roomClock is the time left in the phase, or past it with a + in the
// warning colour: it keeps counting past zero.
func roomClock(e *env, rd *model.PeerRound, now time.Time) (string, lipgloss.Style) {
	rem := rd.Timer.Remaining(now)
	if rem < 0 {
		return "+" + clockText(-rem), e.st.warnText.Bold(true)
	}
	return clockText(rem), e.st.title
}

// roomCaseLines are the case card's scene and the key question, at most
// rows rows each.
func roomCaseLines(e *env, r model.Room, w, rows int) []string {
	var out []string
	add := func(label, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		lw := lipgloss.Width(label) + 1
		wrapped := editor.Wrap(shown(text), max(w-lw, 10))
		if len(wrapped) > rows {
			wrapped = wrapped[:rows]
			wrapped[rows-1] = truncate(wrapped[rows-1], max(w-lw-1, 4)) + "…"
		}
		for i, row := range wrapped {
			prefix := strings.Repeat(" ", lw)
			if i == 0 {
				prefix = e.st.hintLabel.Render(label) + " "
			}
			out = append(out, prefix+row)
		}
	}
	rd := r.Round
	if rd != nil && rd.CaseID != "" && e.lib.Rounds != nil {
		for _, c := range e.lib.Rounds.Cases {
			if c.ID == rd.CaseID {
				add(e.t("room.scene"), c.Title.In(r.Lang)+": "+c.Scene.In(r.Lang))
			}
		}
	}
	var qs []string
	for _, q := range r.KeyQuestions {
		qs = append(qs, oneLine(q))
	}
	slices.Sort(qs)
	add(e.t("round.questionLabel"), strings.Join(qs, " / "))
	return out
}

// castLine names the facilitator, the presenter, the scribe and the roles
// of a role-play.
func castLine(e *env, rd *model.PeerRound, lang model.Lang, w int) string {
	if rd == nil {
		return ""
	}
	var f *model.RoundFormat
	if e.lib.Rounds != nil {
		f, _ = e.lib.Rounds.Format(rd.Format)
	}
	var parts []string
	for _, p := range rd.Participants {
		if roles := rd.RoleNames(p.Name, f, lang); len(roles) > 0 {
			parts = append(parts, strings.Join(roles, "・")+" "+shownLine(p.Name))
		}
	}
	return truncate(strings.Join(parts, " · "), w)
}

// roomViewLines draw the room view for a projector: the clock in large
// digits (counting on past zero, in the warning colour), the phase, who
// presents, the cast, the case and the key question, and the questions the
// presenter took up. Nothing private is on it: no notes, no private
// contributions, no names of anonymous ones.
func roomViewLines(e *env, r model.Room, rd *model.PeerRound, w, h int, bell bool) []string {
	w = max(w, 20)
	lines := []string{e.st.title.Render(truncate(shownLine(r.Title), w))}
	if rd != nil && len(rd.Timer.Phases) > 0 {
		now := e.now()
		if rd.Timer.Done() {
			lines = append(lines, e.st.okText.Render(e.t("round.allDone")))
		} else {
			t := rd.Timer
			lines = append(lines, e.st.heading.Render(truncate(fmt.Sprintf("%d/%d %s", t.Current+1, len(t.Phases),
				shownLine(phaseTitle(e, rd, r.Lang))), w)))
			clock, style := roomClock(e, rd, now)
			if h >= 12 && w >= 30 {
				for _, row := range bigDigits(clock) {
					lines = append(lines, "  "+style.Render(row))
				}
			} else {
				lines = append(lines, style.Render("⏱ "+clock))
			}
			planned := e.tf("round.planned", model.FormatMinutes(t.Phases[t.Current].Planned, r.Lang))
			if bell {
				planned += "  " + e.t("room.bellOn")
			}
			lines = append(lines, e.st.muted.Render(truncate(planned, w)))
		}
		if turn := turnText(e, rd, now); turn != "" {
			lines = append(lines, e.st.accent.Render(truncate(turn, w)))
		} else if p := rd.Presenting(); p != "" {
			lines = append(lines, e.st.accent.Render(truncate(e.tf("room.presenting", shownLine(p)), w)))
		}
		if c := castLine(e, rd, r.Lang, w); c != "" {
			lines = append(lines, e.st.muted.Render(c))
		}
	}
	lines = append(lines, "")
	lines = append(lines, roomCaseLines(e, r, w, 4)...)
	var taken []string
	for _, c := range r.Contribs {
		if c.TakenUp && !c.Private {
			taken = append(taken, "✓ "+oneLine(shownLine(c.Text)))
		}
	}
	if len(taken) > 0 {
		lines = append(lines, "", e.st.hintLabel.Render(e.t("room.takenUp")))
		for _, t := range taken {
			lines = append(lines, truncate(t, w))
		}
	}
	if h > 0 && len(lines) > h {
		lines = lines[:h]
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = ansi.Truncate(l, w, "")
	}
	return out
}

// kindLabel names a kind of contribution.
func kindLabel(e *env, k model.ContribKind) string {
	switch k {
	case model.ContribQuestion:
		return e.t("room.kind.question")
	case model.ContribHypothesis:
		return e.t("room.kind.hypothesis")
	case model.ContribFeedback:
		return e.t("room.kind.feedback")
	case model.ContribLearning:
		return e.t("room.kind.learning")
	}
	return e.t("room.kind.action")
}
