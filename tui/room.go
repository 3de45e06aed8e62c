package tui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// roomScreen is a person's own screen in a room on a bansou server (see
// model.Rooms). In a round it shows the phase, the clock, the case, the key
// question, the cast and what everyone wrote, and takes what this person
// writes: a question, a hypothesis, feedback, a learning, a next action
// (room_round.go). In an agreement it takes this person's party's
// expectation and fit for each topic, shows the others' once the companion
// reveals them, and the agreed text to confirm (room_agreement.go). As the
// room view (projector) it shows the clock large, the phase, who speaks,
// the case and the cast, and takes nothing (room_view.go). The clock is
// the facilitator's: computed here from the instants they recorded, the
// same on every screen, never started or stopped here.
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

	input editor.Model

	// round: how what is typed will be sent (its kind, without a name,
	// only for oneself, the contribution of one's own it changes, whose
	// presentation it is about), and the list.
	draft  model.RoomDraft
	list   bool // keys go to the list of contributions
	cursor int  // among the listed contributions
	// What is typed and not sent is kept for the person (KeepDraft) a
	// moment after the last key, and when the program ends.
	draftRev  int
	keptDraft model.RoomDraft
	keeping   bool
	restored  bool

	// agreement: views typed and not saved yet, by topic, saved one at a
	// time (saving).
	topic     int
	onFit     bool // keys go to the fit rather than the expectation
	onWording bool // keys go to the words suggested for the agreed text
	fit       int  // 0: not given
	wording   editor.Model
	expRow    int // the screen row of the expectation's first line
	inputRow  int // and of a round's input
	wordRow   int // and of the suggested words'
	pending   map[string]partyTyped
	saving    bool

	// confirming: the agreed text shown whole, for ctrl+y then y to
	// confirm those very words ("" when not confirming).
	confirming string

	ticking bool
	rang    string // the phase whose overtime the bell has rung for
	bell    bool

	// sending counts contributions sent and not yet saved; leaving: esc
	// was pressed, and the room is left once nothing is unsaved.
	sending int
	leaving bool
	// cursorID is the contribution the list's cursor is on, kept across
	// reloads that reorder the list.
	cursorID int64
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
		what string // said once saved
		// sent: the contribution that was sent (the input was cleared for
		// what comes next); all of it comes back if it failed.
		sent *model.RoomDraft
		// view: a party's view of topic was saved (pv, to keep if it failed)
		view  bool
		topic string
		pv    partyTyped
	}
	roomTickMsg  struct{ id int64 }
	roomDraftMsg struct {
		id  int64
		rev int
	}
	roomDraftKeptMsg struct {
		id    int64
		draft model.RoomDraft
		err   error
	}
)

func newRoomScreen(e *env, sessionID int64, alone, projector bool) *roomScreen {
	s := &roomScreen{env: e, k: newRoomKeys(e), id: sessionID, alone: alone, projector: projector,
		pending: map[string]partyTyped{}}
	s.input = editor.New()
	s.input.Placeholder = e.t("room.inputPlaceholder")
	s.input.Focus()
	s.draft.Kind = model.ContribKinds[0]
	s.wording = editor.New()
	s.wording.Placeholder = e.t("room.wordingPlaceholder")
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

// soon asks for the typing to be kept once no key has come for the save
// delay: a round's draft, an agreement's views.
func (s *roomScreen) soon() tea.Cmd {
	s.draftRev++
	id, rev := s.id, s.draftRev
	return tea.Tick(s.env.saveDelay, func(time.Time) tea.Msg { return roomDraftMsg{id, rev} })
}

// keep keeps what is typed now: a round's draft, an agreement's views.
func (s *roomScreen) keep() tea.Cmd {
	if s.room.Kind == model.RoomAgreement {
		return s.saveView()
	}
	return s.keepDraft()
}

func (s *roomScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
		s.input.SetWidth(max(s.w-2, 10))
		s.input.SetHeight(3)
		s.wording.SetWidth(max(s.w-2, 10))
		s.wording.SetHeight(2)
	case roomLoadedMsg:
		if msg.id != s.id {
			return s, nil
		}
		if s.ls.arrived(s.env, true, msg.err) {
			return s, s.took(msg.room)
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
		return s, s.saved(msg)
	case roomDraftMsg:
		if msg.id == s.id && msg.rev == s.draftRev {
			return s, s.keep()
		}
	case roomDraftKeptMsg:
		return s, s.draftKept(msg)
	case quitRequestMsg:
		return s, s.keep()
	case tea.PasteMsg:
		if !s.projector && !s.list {
			if s.onFit {
				s.focusField(fieldExpectation)
			}
			return s, s.typed(msg)
		}
	case tea.KeyPressMsg:
		return s.handleKey(msg)
	}
	return s, nil
}

// took shows a room read again, keeping what is being typed; it says so
// when the facilitator stopped names being left off.
func (s *roomScreen) took(r model.Room) tea.Cmd {
	first := s.room.SessionID == 0
	s.room = r
	if r.Kind == model.RoomAgreement {
		s.projector = false // an agreement's room view is its parties' screen
		if _, typing := s.pending[s.topicID()]; first || !typing && !s.saving {
			s.showTopic()
		}
	}
	if r.Kind == model.RoomRound && !s.restored {
		s.restoreDraft(r.Me.Draft)
	}
	items := s.listed()
	if i := slices.IndexFunc(items, func(c model.Contribution) bool { return c.ID == s.cursorID }); i >= 0 {
		s.cursor = i // the cursor stays on its contribution, wherever it moved
	}
	s.cursor = max(min(s.cursor, len(items)-1), 0)
	if r.Kind == model.RoomRound && !r.Anonymous && s.draft.Anonymous && s.draft.Editing == 0 {
		s.draft.Anonymous = false
		return showStatus(s.env.t("room.anonStopped"))
	}
	return nil
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
	if s.confirming != "" {
		return s, s.confirmKey(msg)
	}
	if key.Matches(msg, k.leave) && s.room.Kind == model.RoomRound && !s.list && s.draft.Editing != 0 {
		// esc while changing one's own contribution: the change is dropped.
		s.input.SetValue("")
		s.draft = model.RoomDraft{Kind: s.draft.Kind}
		return s, tea.Batch(s.keepDraft(), showStatus(s.env.t("room.editDropped")))
	}
	leaves := s.projector || s.input.Blank() || s.room.Kind == model.RoomAgreement
	if key.Matches(msg, k.leave) && (s.list || s.onFit || s.onWording || leaves) {
		if s.list || s.onFit || s.onWording {
			s.list = false
			s.focusField(fieldExpectation)
			return s, nil
		}
		s.leaving = true
		return s, tea.Batch(s.keep(), s.leaveIfSaved())
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
	return s, s.roundKey(msg)
}

// write runs a write of the room and brings its answer back.
func (s *roomScreen) write(fn func(model.Rooms) error, what string) tea.Cmd {
	rooms, ok := s.rooms()
	id := s.id
	return func() tea.Msg {
		if !ok {
			return roomSavedMsg{id: id, err: model.ErrNotAllowed}
		}
		return roomSavedMsg{id: id, err: fn(rooms), what: what}
	}
}

func (s *roomScreen) saved(msg roomSavedMsg) tea.Cmd {
	if msg.id != s.id {
		return nil
	}
	if msg.view {
		s.saving = false
	}
	if msg.sent != nil {
		s.sending--
	}
	if msg.err != nil {
		s.leaving = false // what failed stays on screen, to be seen
		var keep tea.Cmd
		if msg.sent != nil {
			s.putBack(*msg.sent)
			if errors.Is(msg.err, model.ErrNoAnonymity) {
				s.draft.Anonymous = false // said in the message: sending again carries the name
			}
			keep = s.keepDraft()
		}
		if _, typed := s.pending[msg.topic]; msg.view && msg.topic != "" && !typed {
			s.pending[msg.topic] = msg.pv // still to be saved
		}
		return tea.Batch(keep, showError(s.env.describeErr(msg.err))) // what was typed stays
	}
	if s.leaving {
		if len(s.pending) > 0 {
			return s.saveView()
		}
		return s.leaveIfSaved()
	}
	cmds := []tea.Cmd{s.fw.reload(s.load())}
	if msg.view && len(s.pending) > 0 {
		cmds = append(cmds, s.saveView()) // changed while the last one was saved
	}
	if msg.sent != nil {
		cmds = append(cmds, s.keepDraft()) // the input as it is now
	}
	if msg.what != "" {
		cmds = append(cmds, showStatus(s.env.tf("room.sent", msg.what)))
	}
	return tea.Batch(cmds...)
}

// unsaved: a party's view typed and not yet saved, or a contribution
// typed and neither sent nor kept as a draft.
func (s *roomScreen) unsaved() bool {
	switch s.room.Kind {
	case model.RoomRound:
		return s.current() != s.keptDraft || s.sending > 0 || s.keeping
	case model.RoomAgreement:
		return len(s.pending) > 0 || s.saving
	}
	return false
}

// leaveIfSaved leaves the room once nothing typed is unsaved: the program
// ends when the room is the whole of it, else the screen goes.
func (s *roomScreen) leaveIfSaved() tea.Cmd {
	if !s.leaving || s.unsaved() {
		return nil
	}
	if s.alone {
		return func() tea.Msg { return quitMsg{} }
	}
	return popScreen
}

// learnerSafe: a room shows nothing of the companion's private records;
// the learner view has nothing to cover.
func (s *roomScreen) learnerSafe() bool { return true }

func (s *roomScreen) view() string {
	e := s.env
	switch {
	case !s.ls.loaded:
		return e.st.muted.Render(e.t("common.loading"))
	case s.ls.err != "" && s.room.SessionID == 0:
		return e.st.errText.Render(s.ls.err)
	case s.projector:
		return strings.Join(roomViewLines(e, s.room, s.room.Round, s.w, s.h, s.bell), "\n")
	case s.confirming != "":
		return s.confirmView()
	case s.room.Kind == model.RoomAgreement:
		return s.agreementView()
	}
	return s.roundView()
}

func (s *roomScreen) caret() *tea.Cursor {
	if s.projector || s.list || s.onFit || s.confirming != "" || !s.ls.loaded || s.room.SessionID == 0 {
		return nil
	}
	if s.onWording {
		x, y, ok := s.wording.Cursor()
		if !ok {
			return nil
		}
		return tea.NewCursor(x, s.wordRow+y)
	}
	x, y, ok := s.input.Cursor()
	if !ok {
		return nil
	}
	top := s.inputRow // where the last view drew the input (it is drawn before the caret is asked for)
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
		k.anon.SetEnabled(s.room.Anonymous && s.draft.Editing == 0 && s.draft.Kind.MayBeAnonymous())
		k.private.SetEnabled(!s.draft.Kind.MayBeAnonymous())
		k.nextKind.SetEnabled(s.draft.Editing == 0)
		short = []key.Binding{k.send, k.nextKind, k.anon, k.private, k.list, k.projector, k.leave}
	}
	return keyList{short: short, full: [][]key.Binding{short}}
}
