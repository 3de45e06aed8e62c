package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// The room of the session the runner holds (see model.Rooms): on a bansou
// server, the facilitator of a round or the companion of an agreement
// opens it with f3 and reads out its join code; the people in it type on
// their own screens. The runner stays the only writer of the session: the
// clock, the notes, the agreement as recorded. From the room it reads who
// is in, what they wrote, and, when the companion reveals them, the
// parties' views, which it takes into the agreement like typed ones.

// roomModalRecent is how many of the latest contributions the holder's
// room shows.
const roomModalRecent = 5

// joinCodeTTL is how long a join code works: a working day.
const joinCodeTTL = 12 * time.Hour

type runnerRoom struct {
	code    string
	expires time.Time
	room    model.Room
	loaded  bool
	view    bool // the room view (projector) covers the session screen
	bell    bool
	freeing bool // the next key (1–3) names the party whose seat is freed
	fw      follow
}

type (
	roomOpenedMsg struct {
		id   int64
		code string
		at   time.Time
		err  error
	}
	roomRevealedMsg struct {
		id      int64
		entries []model.PartyEntry
		err     error
	}
)

// roomAllowed reports whether this session can have a room: a round, or
// a three-party agreement, on a store that keeps rooms.
func (r *runner) roomAllowed() bool {
	if _, ok := r.env.store.(model.Rooms); !ok || r.env.me == 0 || !r.loaded || r.env.learner {
		return false // rooms are a server's: the one user of bansou has none
	}
	return r.round != nil || r.agreementTopics() > 0
}

// agreementTopics counts the agreement topics of the session.
func (r *runner) agreementTopics() int {
	n := 0
	for _, st := range r.wk.Sess.Steps {
		if st.AnswerKind == model.KindAgreement {
			n++
		}
	}
	return n
}

// openRoom opens the room (or gives it a new code) and shows it.
func (r *runner) openRoom() tea.Cmd {
	rooms := r.env.store.(model.Rooms)
	id, now := r.id, r.env.now()
	r.modal = roomModal{}
	r.relayout()
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		code, err := rooms.OpenRoom(ctx, id, joinCodeTTL)
		return roomOpenedMsg{id: id, code: code, at: now, err: err}
	}
}

func (r *runner) loadRoom() tea.Cmd {
	rooms, ok := r.env.store.(model.Rooms)
	id := r.id
	if !ok || r.rm == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		room, err := rooms.Room(ctx, id)
		return roomLoadedMsg{id, room, err}
	}
}

// roomMsg takes the room's messages; false for any other.
func (r *runner) roomMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case roomOpenedMsg:
		if msg.id != r.id {
			return nil, true
		}
		if msg.err != nil {
			r.modal = nil
			r.relayout()
			return showError(r.env.describeErr(msg.err)), true
		}
		if r.rm == nil {
			r.rm = &runnerRoom{}
		}
		r.rm.code, r.rm.expires = msg.code, msg.at.Add(joinCodeTTL)
		return r.loadRoom(), true
	case roomLoadedMsg:
		if msg.id == r.id && msg.err == nil && r.rm != nil {
			r.rm.room, r.rm.loaded = msg.room, true
			r.relayout()
		}
		return nil, true
	case roomRevealedMsg:
		if msg.id != r.id {
			return nil, true
		}
		if msg.err != nil {
			return showError(r.env.describeErr(msg.err)), true
		}
		r.takeViews(msg.entries)
		return tea.Batch(r.flush(), r.loadRoom(), showStatus(r.env.t("room.revealed"))), true
	case reloadedMsg:
		if r.rm != nil && msg.by == &r.rm.fw {
			return r.rm.fw.back(msg, func(m tea.Msg) tea.Cmd { c, _ := r.roomMsg(m); return c },
				func() []tea.Cmd { return []tea.Cmd{r.loadRoom()} }), true
		}
	}
	return nil, false
}

// roomChanged reads the room again after a change in it.
func (r *runner) roomChanged(msg storeChangedMsg) tea.Cmd {
	if r.rm == nil || !msg.concerns(0, r.id) {
		return nil
	}
	return r.rm.fw.reload(r.loadRoom())
}

// takeViews puts the parties' views, as revealed, into the agreement of
// this session: the same as if the companion had typed them, so that the
// gaps show as for any agreement.
func (r *runner) takeViews(entries []model.PartyEntry) {
	titles := map[string]string{}
	for _, st := range r.wk.Sess.Steps {
		if st.AnswerKind == model.KindAgreement {
			titles[st.PromptID] = st.Title
		}
	}
	byTopic := map[string][]model.PartyEntry{}
	for _, en := range entries {
		if _, ok := titles[en.Topic]; ok && en.Written {
			byTopic[en.Topic] = append(byTopic[en.Topic], en)
		}
	}
	for topic, ens := range byTopic {
		it, _, _ := r.wk.Ledger.AgreementDraft(r.wk.Sess, topic, titles[topic])
		for _, en := range ens {
			it.SetView(en.Party, en.View)
		}
		r.wk.PutAgreement(it)
	}
	if st := r.currentStep(); st.AnswerKind == model.KindAgreement {
		r.loadStep() // the topic on screen shows the views
	}
}

// roomModal shows the room: its join code, who is in, and the holder's
// keys (a new code, names or none, the room view, the reveal).
type roomModal struct{}

func (roomModal) key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	rk := r.rk
	rooms := r.env.store.(model.Rooms)
	id := r.id
	if r.rm != nil && r.rm.freeing {
		r.rm.freeing = false
		n := fitKey(msg)
		if n < 1 || n > len(model.Parties) {
			return r, showStatus(r.env.t("room.seatKept"))
		}
		party := model.Parties[n-1]
		return r, func() tea.Msg {
			ctx, cancel := storeCtx()
			defer cancel()
			if err := rooms.FreeSeat(ctx, id, party); err != nil {
				return roomRevealedMsg{id: id, err: err}
			}
			room, err := rooms.Room(ctx, id)
			return roomLoadedMsg{id, room, err}
		}
	}
	switch {
	case key.Matches(msg, rk.free) && r.round == nil && r.rm != nil:
		r.rm.freeing = true
		return r, showStatus(r.env.t("room.whichSeat"))
	case key.Matches(msg, rk.close), key.Matches(msg, rk.open):
		r.modal = nil
		r.relayout()
	case key.Matches(msg, rk.newCode):
		return r, r.openRoom()
	case key.Matches(msg, rk.anon) && r.round != nil && r.rm != nil:
		allowed := !r.rm.room.Anonymous
		return r, func() tea.Msg {
			ctx, cancel := storeCtx()
			defer cancel()
			err := rooms.SetAnonymous(ctx, id, allowed)
			if err != nil {
				return roomRevealedMsg{id: id, err: err}
			}
			room, err := rooms.Room(ctx, id)
			return roomLoadedMsg{id, room, err}
		}
	case key.Matches(msg, rk.view) && r.round != nil && r.rm != nil:
		r.rm.view = true
		r.modal = nil
		r.relayout()
	case key.Matches(msg, rk.reveal) && r.round == nil:
		return r, func() tea.Msg {
			ctx, cancel := storeCtx()
			defer cancel()
			entries, err := rooms.Reveal(ctx, id)
			return roomRevealedMsg{id, entries, err}
		}
	}
	return r, nil
}

func (roomModal) lines(r *runner, w, _ int) ([]string, int, bool) {
	e := r.env
	lines := []string{e.st.paneTitleFocus.Render(truncate(e.t("room.title"), w))}
	if r.rm == nil || r.rm.code == "" {
		return append(lines, e.st.muted.Render(e.t("common.loading"))), -1, true
	}
	until := r.rm.expires.In(e.loc).Format("15:04")
	if !sameDay(r.rm.expires.In(e.loc), e.now().In(e.loc)) {
		until = r.rm.expires.In(e.loc).Format("01-02 15:04")
	}
	lines = append(lines, e.st.title.Render(truncate(e.tf("room.code", r.rm.code), w)))
	lines = append(lines, wrapped(e.tf("room.howToJoin", e.joinCommand, r.rm.code), w)...)
	lines = append(lines, wrapped(e.tf("room.codeUntil", until), w)...)
	room := r.rm.room
	var names []string
	for _, p := range room.People {
		name := shownLine(p.Name)
		if p.Party != "" {
			name += "（" + model.PartyLabel(p.Party, e.lang) + "）"
		}
		if p.Guest {
			name = e.tf("room.guestName", name)
		}
		names = append(names, name)
	}
	lines = append(lines, wrapped(e.tf("room.people", len(names), strings.Join(names, "、")), w)...)
	if r.round != nil {
		state := e.t("room.namesShown")
		if room.Anonymous {
			state = e.t("room.namesOptional")
		}
		lines = append(lines, truncate(e.tf("room.contribCount", len(room.Contribs))+"  "+state, w))
		// The latest few, as the room reads them (no names where none were
		// given, nobody's private ones).
		for _, c := range room.Contribs[max(len(room.Contribs)-roomModalRecent, 0):] {
			who := personName(e, c.Author, c.Guest)
			if c.Author == "" {
				who = e.t("room.anonymous")
			}
			lines = append(lines, e.st.muted.Render(truncate("  ["+kindLabel(e, c.Kind)+"] "+who+": "+oneLine(shownLine(c.Text)), w)))
		}
	} else {
		lines = append(lines, truncate(r.writtenLine(room), w))
	}
	for _, l := range keyLines(e, roomModal{}.keys(r).short...) {
		lines = append(lines, clip(l, w)) // styled already
	}
	return lines, -1, true
}

// writtenLine counts, for the agreement, the topics each party wrote on,
// and whether the views are revealed.
func (r *runner) writtenLine(room model.Room) string {
	e := r.env
	var parts []string
	for _, p := range model.Parties {
		n := 0
		for _, en := range room.Entries {
			if en.Party == p && en.Written {
				n++
			}
		}
		parts = append(parts, fmt.Sprintf("%s %d", model.PartyLabel(p, e.lang), n))
	}
	state := e.t("room.notRevealed")
	if room.Revealed {
		state = e.t("room.isRevealed")
	}
	return e.tf("room.writtenBy", len(room.Topics), strings.Join(parts, "、")) + "  " + state
}

func (roomModal) keys(r *runner) keyList {
	rk := r.rk
	list := []key.Binding{rk.newCode}
	if r.round != nil {
		list = append(list, rk.anon, rk.view)
	} else {
		list = append(list, rk.reveal, rk.free)
	}
	list = append(list, rk.close)
	return keyList{short: list, full: [][]key.Binding{list}}
}

// roomViewKey takes a key while the room view covers the session screen:
// the timer's keys act at once, f3 or esc goes back.
func (r *runner) roomViewKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	switch {
	case key.Matches(msg, r.rk.close), key.Matches(msg, r.rk.open):
		r.rm.view = false
		r.relayout()
		return r, nil
	case key.Matches(msg, r.rk.bell):
		r.rm.bell = !r.rm.bell
		return r, nil
	}
	r.modal = timerModal{}
	s, cmd := timerModal{}.key(r, msg)
	r.modal = nil
	return s, cmd
}

// roomViewText is the room view drawn from the runner's own record of the
// round (its clock is the one being run here).
func (r *runner) roomViewText() string {
	room := r.rm.room
	room.Title, room.Lang = r.wk.Sess.FlowTitle, r.wk.Sess.Lang
	return strings.Join(roomViewLines(r.env, room, r.round.rd, r.w, r.h, r.rm.bell), "\n")
}

// confirmLines say, in an agreement topic's panel, who confirmed its
// agreed text as it stands.
func (r *runner) confirmLines(w int) []string {
	if r.rm == nil || !r.rm.loaded || r.round != nil {
		return nil
	}
	st := r.currentStep()
	if st.AnswerKind != model.KindAgreement {
		return nil
	}
	room := r.rm.room
	if it, ok := r.wk.Ledger.AgreementIn(r.id)[st.PromptID]; ok {
		room.Agreed = map[string]string{st.PromptID: it.Agreed}
	}
	var out []string
	for _, row := range confirmLines(r.env, room, st.PromptID, w) {
		out = append(out, r.env.st.muted.Render(row))
	}
	// The words the parties suggest for the agreed text, once revealed:
	// it is written together.
	for _, p := range model.Parties {
		if en, ok := room.Entry(st.PromptID, p); ok && strings.TrimSpace(en.Wording) != "" {
			out = append(out, r.env.st.accent.Render(truncate(model.PartyLabel(p, r.env.lang)+" "+
				r.env.tf("room.suggests", oneLine(shownLine(en.Wording))), w)))
		}
	}
	return out
}

// wrapped is plain text on as many rows of w cells as it takes.
func wrapped(text string, w int) []string {
	return editor.Wrap(shownLine(text), max(w, 10))
}

// sameDay reports whether two times fall on the same calendar day.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
