package tui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// joinScreen asks an enrolled person on a server for a room's join code
// (j on the home screen) and, for an agreement, which party they speak
// for; then the room's screen takes its place. Three wrong codes close it
// for the rest of the connection.
type joinScreen struct {
	env      *env
	k        joinKeys
	w, h     int
	input    editor.Model
	kind     model.RoomKind // known once the code is
	code     string
	party    int // among model.Parties
	err      string
	busy     bool
	inputRow int // the screen row of the code's input
}

// maxJoinTries is how many wrong codes a connection may type.
const maxJoinTries = 3

type (
	joinKindMsg struct {
		kind model.RoomKind
		err  error
	}
	joinedMsg struct {
		id  int64
		err error
	}
)

func newJoinScreen(e *env) *joinScreen {
	s := &joinScreen{env: e, k: newJoinKeys(e), input: editor.New()}
	s.input.SetHeight(1)
	s.input.SetWidth(20)
	s.input.Focus()
	return s
}

// joinAllowed reports whether the person may join rooms here: on a server
// (the one user of bansou has no rooms), with tries left.
func joinAllowed(e *env) bool {
	_, ok := e.store.(model.Rooms)
	return ok && e.me != 0 && e.joinTries < maxJoinTries
}

func (s *joinScreen) init() tea.Cmd { return nil }

func (s *joinScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
	case joinKindMsg:
		s.busy = false
		if msg.err != nil {
			return s, s.wrong(msg.err)
		}
		s.kind = msg.kind
		if s.kind == model.RoomRound {
			return s, s.join()
		}
	case joinedMsg:
		s.busy = false
		if msg.err != nil {
			return s, s.wrong(msg.err)
		}
		return s, func() tea.Msg { return replaceScreenMsg{newRoomScreen(s.env, msg.id, false, false)} }
	case tea.PasteMsg:
		if s.kind == "" {
			s.input, _ = s.input.Update(msg)
		}
	case tea.KeyPressMsg:
		return s.handleKey(msg)
	}
	return s, nil
}

// wrong says why the code did not open a room; a wrong code counts.
func (s *joinScreen) wrong(err error) tea.Cmd {
	s.kind, s.code = "", ""
	if errors.Is(err, model.ErrCodeInvalid) {
		s.env.joinTries++
		if s.env.joinFailed != nil {
			s.env.joinFailed() // counted against the connection's address too
		}
		s.err = s.env.t("join.wrong")
		if s.env.joinTries >= maxJoinTries {
			return tea.Batch(showError(s.env.t("join.tooMany")), popScreen)
		}
		return nil
	}
	s.err = s.env.describeErr(err)
	return nil
}

func (s *joinScreen) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	switch {
	case s.busy:
		return s, nil
	case key.Matches(msg, k.back):
		return s, popScreen
	case s.kind == model.RoomAgreement:
		switch {
		case key.Matches(msg, k.ok):
			return s, s.join()
		case key.Matches(msg, selectorKeys.next):
			s.party = (s.party + 1) % len(model.Parties)
		case key.Matches(msg, selectorKeys.prev):
			s.party = (s.party + len(model.Parties) - 1) % len(model.Parties)
		case len(msg.Text) == 1 && msg.Text[0] >= '1' && msg.Text[0] <= '3':
			s.party = int(msg.Text[0] - '1')
		}
		return s, nil
	case key.Matches(msg, k.ok):
		code := strings.TrimSpace(s.input.Value())
		if code == "" {
			return s, nil
		}
		if s.env.joinAllowed != nil && !s.env.joinAllowed() {
			s.err = s.env.t("join.tooMany")
			return s, nil
		}
		s.code, s.busy, s.err = code, true, ""
		rooms := s.env.store.(model.Rooms)
		return s, func() tea.Msg {
			ctx, cancel := storeCtx()
			defer cancel()
			kind, err := rooms.RoomKind(ctx, code)
			return joinKindMsg{kind, err}
		}
	}
	s.input, _ = s.input.Update(msg)
	return s, nil
}

// join joins the room of the code, as the party chosen for an agreement.
func (s *joinScreen) join() tea.Cmd {
	rooms := s.env.store.(model.Rooms)
	code := s.code
	var party model.Party
	if s.kind == model.RoomAgreement {
		party = model.Parties[s.party]
	}
	s.busy = true
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		id, err := rooms.JoinRoom(ctx, code, party)
		return joinedMsg{id, err}
	}
}

func (s *joinScreen) view() string {
	e := s.env
	lines := []string{e.st.title.Render(e.t("join.title")), ""}
	help := wrapped(e.t("join.help"), s.w)
	lines = append(append(lines, help...), "")
	s.inputRow = len(lines)
	if s.kind == model.RoomAgreement {
		lines = append(lines, truncate(e.t("join.whichParty"), s.w))
		for i, p := range model.Parties {
			row := "  " + string(rune('1'+i)) + " " + model.PartyLabel(p, e.lang)
			if i == s.party {
				row = e.st.selected.Render("▸" + row[1:])
			}
			lines = append(lines, row)
		}
	} else {
		lines = append(lines, e.st.hintLabel.Render(e.t("join.code"))+" "+s.input.View())
	}
	if s.err != "" {
		lines = append(lines, "", e.st.errText.Render(truncate(s.err, s.w)))
	}
	return strings.Join(lines, "\n")
}

func (s *joinScreen) caret() *tea.Cursor {
	if s.kind != "" {
		return nil
	}
	x, y, ok := s.input.Cursor()
	if !ok {
		return nil
	}
	return tea.NewCursor(x+lipgloss.Width(s.env.t("join.code"))+1, s.inputRow+y)
}

func (s *joinScreen) typing() bool { return s.kind == "" }

func (s *joinScreen) keys() help.KeyMap {
	list := []key.Binding{s.k.ok, s.k.back}
	return keyList{short: list, full: [][]key.Binding{list}}
}
