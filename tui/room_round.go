package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// Writing in a round's room: a contribution is typed, its kind chosen and
// sent; what is typed and not sent is kept for its writer alone, with how
// it is to be sent, so that a dropped connection or a failed save changes
// nothing of it (a word meant to go without a name never goes with one).

// current is what is typed now, with how it is to be sent.
func (s *roomScreen) current() model.RoomDraft {
	d := s.draft
	d.Text = s.input.Value()
	return d
}

func (s *roomScreen) roundKey(msg tea.KeyPressMsg) tea.Cmd {
	k, e := s.k, s.env
	d := &s.draft
	switch {
	case key.Matches(msg, k.send):
		return s.send()
	case key.Matches(msg, k.nextKind), key.Matches(msg, k.prevKind):
		if d.Editing != 0 {
			return showStatus(e.t("room.kindKept"))
		}
		step := 1
		if key.Matches(msg, k.prevKind) {
			step = len(model.ContribKinds) - 1
		}
		i := slices.Index(model.ContribKinds, d.Kind)
		d.Kind = model.ContribKinds[(i+step)%len(model.ContribKinds)]
		d.Anonymous = d.Anonymous && d.Kind.MayBeAnonymous()
		d.Private = d.Private && !d.Kind.MayBeAnonymous()
		return s.soon()
	case key.Matches(msg, k.anon):
		switch {
		case d.Editing != 0:
			return showStatus(e.t("room.anonKept"))
		case !d.Anonymous && (!s.room.Anonymous || !d.Kind.MayBeAnonymous()):
			return showStatus(e.t("room.noAnonymous"))
		}
		d.Anonymous = !d.Anonymous
		return s.soon()
	case key.Matches(msg, k.private):
		if d.Kind.MayBeAnonymous() {
			return showStatus(e.t("room.sharedKind"))
		}
		d.Private = !d.Private
		return s.soon()
	case key.Matches(msg, k.list):
		if len(s.listed()) > 0 {
			s.list = true
			s.input.Blur()
		}
		return nil
	}
	return s.typed(msg)
}

// typed takes a key or a paste into the input; the first words of a new
// contribution fix whose presentation it is about.
func (s *roomScreen) typed(msg tea.Msg) tea.Cmd {
	if s.room.Kind == model.RoomAgreement {
		return s.typedView(msg)
	}
	blank := s.input.Blank()
	s.input, _ = s.input.Update(msg)
	if blank && !s.input.Blank() && s.draft.Editing == 0 {
		s.draft.Presenter = s.room.Presenting()
	}
	return s.soon()
}

// restoreDraft brings back, once, what was typed and not sent before a
// dropped connection, with how it was to be sent.
func (s *roomScreen) restoreDraft(d model.RoomDraft) {
	s.restored = true
	if !s.input.Blank() || strings.TrimSpace(d.Text) == "" && d.Editing == 0 {
		return
	}
	if !d.Kind.Valid() {
		d.Kind = model.ContribKinds[0]
	}
	if d.Editing != 0 && !slices.ContainsFunc(s.room.Contribs, func(c model.Contribution) bool { return c.ID == d.Editing && c.Mine }) {
		d.Editing = 0 // the contribution it changed is gone: it is a new one now
	}
	s.input.SetValue(d.Text)
	s.draft = d
	s.draft.Text = ""
	s.keptDraft = d
}

// putBack puts a contribution whose sending failed back into the input,
// with how it was to be sent, before anything typed since.
func (s *roomScreen) putBack(d model.RoomDraft) {
	if after := s.input.Value(); strings.TrimSpace(after) != "" {
		d.Text = strings.TrimRight(d.Text+"\n"+after, "\n")
	}
	s.input.SetValue(d.Text)
	s.draft = d
	s.draft.Text = ""
}

// keepDraft keeps what is typed as the person's draft, if it changed.
func (s *roomScreen) keepDraft() tea.Cmd {
	d := s.current()
	if d == s.keptDraft || s.room.SessionID == 0 || s.room.Kind != model.RoomRound || s.keeping {
		return nil
	}
	s.keeping = true
	rooms, ok := s.rooms()
	id := s.id
	return func() tea.Msg {
		if !ok {
			return roomDraftKeptMsg{id: id, err: model.ErrNotAllowed}
		}
		ctx, cancel := storeCtx()
		defer cancel()
		return roomDraftKeptMsg{id: id, draft: d, err: rooms.KeepDraft(ctx, id, d)}
	}
}

func (s *roomScreen) draftKept(msg roomDraftKeptMsg) tea.Cmd {
	if msg.id != s.id {
		return nil
	}
	s.keeping = false
	if msg.err != nil {
		return showError(s.env.describeErr(msg.err)) // it stays on screen
	}
	s.keptDraft = msg.draft
	if s.current() != s.keptDraft {
		return s.keepDraft() // typed on meanwhile
	}
	return s.leaveIfSaved()
}

// listKey moves in the list, takes a question up (the presenter) and
// brings one's own contribution back to be changed.
func (s *roomScreen) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.k
	items := s.listed()
	defer func() {
		if s.cursor >= 0 && s.cursor < len(items) {
			s.cursorID = items[s.cursor].ID
		}
	}()
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
			}, "")
		}
	case key.Matches(msg, k.edit):
		if s.cursor < len(items) && items[s.cursor].Mine {
			if !s.input.Blank() {
				return showStatus(s.env.t("room.sendFirst"))
			}
			c := items[s.cursor]
			s.draft = model.RoomDraft{Kind: c.Kind, Private: c.Private, Anonymous: c.Anonymous, Editing: c.ID,
				Presenter: c.Presenter}
			s.input.SetValue(c.Text)
			s.list = false
			s.input.Focus()
			return s.soon()
		}
	}
	return nil
}

// send saves what is typed as a contribution (or the change of one's own).
// The input is free at once for what comes next (another may be sent while
// this one is saved); if the save fails, all of it comes back.
func (s *roomScreen) send() tea.Cmd {
	d := s.current()
	d.Text = strings.TrimSpace(d.Text)
	if d.Text == "" && d.Editing == 0 {
		return nil
	}
	s.input.SetValue("")
	s.draft = model.RoomDraft{Kind: d.Kind}
	s.sending++
	c := d.Contribution()
	save := s.write(func(r model.Rooms) error {
		ctx, cancel := storeCtx()
		defer cancel()
		_, err := r.Contribute(ctx, s.id, c)
		return err
	}, kindLabel(s.env, c.Kind))
	return func() tea.Msg {
		msg := save().(roomSavedMsg)
		msg.sent = &d
		return msg
	}
}

// listed are the contributions shown, in writing order; for the presenter
// now, the questions about their presentation come first, then the other
// questions (the written-question round).
func (s *roomScreen) listed() []model.Contribution {
	out := slices.Clone(s.room.Contribs)
	if s.room.IsPresenter() {
		me := model.NameKey(s.room.Me.Name)
		rank := func(c model.Contribution) int {
			switch {
			case c.Kind == model.ContribQuestion && model.NameKey(c.Presenter) == me:
				return 0
			case c.Kind == model.ContribQuestion:
				return 1
			}
			return 2
		}
		slices.SortStableFunc(out, func(a, b model.Contribution) int { return rank(a) - rank(b) })
	}
	return out
}

func (s *roomScreen) roundView() string {
	e := s.env
	w := max(s.w, 20)
	lines := roomHeader(e, s.room, s.room.Round, w)
	lines = append(lines, s.whoLines(w)...)
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
	s.inputRow = len(lines) + len(input) - s.input.Height()
	lines = append(lines, input...)
	if len(lines) > s.h && s.h > 0 {
		lines = lines[:s.h]
	}
	return strings.Join(lines, "\n")
}

// whoLines say who the reader is in the room, and who is in it (guests
// marked), on at most two more rows.
func (s *roomScreen) whoLines(w int) []string {
	e := s.env
	var names []string
	for _, p := range s.room.People {
		names = append(names, personName(e, p.Name, p.Guest))
	}
	me := e.tf("room.you", shownLine(s.room.Me.Name))
	if s.room.IsPresenter() {
		me += " · " + e.t("round.presenterLabel")
	}
	out := []string{clip(e.st.accent.Render(me), w)}
	rows := editor.Wrap(e.tf("room.people", len(names), strings.Join(names, "、")), max(w, 10))
	if len(rows) > 2 {
		rows = rows[:2]
		rows[1] = truncate(rows[1], max(w-1, 4)) + "…"
	}
	for _, r := range rows {
		out = append(out, e.st.muted.Render(r))
	}
	return out
}

// personName is a name as shown in a room, a guest's marked as one: no
// guest passes for someone with an account.
func personName(e *env, name string, guest bool) string {
	if guest {
		return e.tf("room.guestName", shownLine(name))
	}
	return shownLine(name)
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
	who := personName(e, c.Author, c.Guest)
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
	if c.Mine && c.Anonymous {
		who += e.t("room.noNameMark")
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
	for _, k := range model.ContribKinds {
		label := kindLabel(e, k)
		if k == s.draft.Kind {
			label = e.st.selected.Render("[" + label + "]")
		} else {
			label = e.st.muted.Render(label)
		}
		kinds = append(kinds, label)
	}
	var flags []string
	if s.draft.Anonymous {
		flags = append(flags, e.st.warnText.Render(e.t("room.anonOn")))
	}
	if s.draft.Private {
		flags = append(flags, e.st.warnText.Render(e.t("room.privateOn")))
	}
	if s.draft.Editing != 0 {
		flags = append(flags, e.st.accent.Render(e.t("room.editing")))
	}
	out := []string{e.st.muted.Render(strings.Repeat("─", w)), clip(strings.Join(kinds, " "), w)}
	if len(flags) > 0 {
		out = append(out, clip(strings.Join(flags, "  "), w))
	}
	return append(out, strings.Split(s.input.View(), "\n")...)
}
